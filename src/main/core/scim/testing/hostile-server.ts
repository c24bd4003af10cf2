import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the hostile server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query as sent, before any decoding. */
  url: string;
}

export type HostileHandler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void;

export interface HostileServer {
  /** `http://127.0.0.1:<port>/scim/v2` */
  baseUrl: string;
  /** Every request received since the last `reset`. */
  requests: SeenRequest[];
  /** Answers every request from now on with this handler. */
  use(handler: HostileHandler): void;
  reset(): void;
  close(): Promise<void>;
}

/** A SCIM-ish answer with the given JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/scim+json', ...headers });
  res.end(text);
}

/** A well-behaved tenant with the given users: enough for the console's read-only connection test. */
export function politeHandler(users: Array<Record<string, unknown>>): HostileHandler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.endsWith('/ServiceProviderConfig')) {
      sendJson(res, 200, { patch: { supported: true }, filter: { supported: true, maxResults: 100 } });
      return;
    }
    if (url.pathname.endsWith('/Users')) {
      const start = Number(url.searchParams.get('startIndex') ?? '1');
      const count = Number(url.searchParams.get('count') ?? '100');
      sendJson(res, 200, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: users.length,
        startIndex: start,
        Resources: users.slice(start - 1, start - 1 + count),
      });
      return;
    }
    if (url.pathname.endsWith('/Groups')) {
      sendJson(res, 200, { totalResults: 0, startIndex: 1, Resources: [] });
      return;
    }
    const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    const user = users.find((u) => u.id === id);
    if (user) sendJson(res, 200, user);
    else sendJson(res, 404, { status: '404', detail: 'not found' });
  };
}

/**
 * A real HTTP server on 127.0.0.1 whose every answer a test scripts: hostile, broken, slow or
 * polite. Used by the hardening tests; it never leaves loopback.
 */
export async function startHostileServer(): Promise<HostileServer> {
  let handler: HostileHandler = (_req, res) => sendJson(res, 500, { detail: 'no handler' });
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const seen = { method: req.method ?? 'GET', url: req.url ?? '/' };
    requests.push(seen);
    req.resume();
    handler(req, res, seen);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    requests,
    use(next) {
      handler = next;
    },
    reset() {
      requests.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
