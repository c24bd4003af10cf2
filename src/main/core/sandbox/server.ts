import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRateGate, NO_FAULTS, sandboxFaultsSchema, type SandboxFaults } from './faults';
import { seededRandom } from './random';
import { DEMO_SEED, generateSeed } from './seed';
import { SandboxError } from './rules';
import { BASE_PATH, createScimRoutes, emptyStats, readBody, type SandboxStats } from './routes';
import { createStore, type SandboxStore } from './store';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface SandboxOptions {
  token: string;
  port?: number;
  host?: string;
  members?: number;
  groups?: number;
  seed?: number;
  faults?: Partial<SandboxFaults>;
}

export interface Sandbox {
  readonly baseUrl: string;
  readonly port: number;
  readonly store: SandboxStore;
  faults(): SandboxFaults;
  configure(patch: Partial<SandboxFaults>): SandboxFaults;
  stats(): SandboxStats;
  resetStats(): void;
  close(): Promise<void>;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An InVision-shaped SCIM 2.0 server on loopback, with faults that can be switched at runtime. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  let baseUrl = '';
  const store = createStore({ location: () => baseUrl });
  store.seed(
    generateSeed(
      options.members ?? DEMO_SEED.members,
      options.groups ?? DEMO_SEED.groups,
      options.seed ?? DEMO_SEED.seed,
    ),
  );
  let faults: SandboxFaults = sandboxFaultsSchema.parse({ ...NO_FAULTS, ...options.faults });
  store.configure({ caseExactFilter: faults.caseExactFilter, omitUserGroups: faults.omitUserGroups });
  const random = seededRandom((options.seed ?? 1) * 7919);
  const gate = createRateGate(() => Date.now());
  gate.setLimit(faults.rateLimit);
  let stats = emptyStats();

  /**
   * When each request's answer may leave. Latency models transit time: the server works on
   * arrival, and the answer goes out once the latency has elapsed.
   */
  const dueAt = new WeakMap<ServerResponse, number>();

  function deliver(res: ServerResponse, write: () => void): void {
    const wait = (dueAt.get(res) ?? 0) - Date.now();
    if (wait > 0) setTimeout(write, wait);
    else write();
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    if (body === undefined) {
      deliver(res, () => {
        res.writeHead(status, headers);
        res.end();
      });
      return;
    }
    const text = JSON.stringify(body);
    deliver(res, () => {
      res.writeHead(status, {
        'Content-Type': 'application/scim+json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    });
  }

  function sendError(
    res: ServerResponse,
    status: number,
    scimType: string | null,
    detail: string,
    headers: Record<string, string> = {},
  ): void {
    send(
      res,
      status,
      { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail },
      headers,
    );
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/__sandbox/config' && req.method === 'GET') return send(res, 200, faults);
    if (url.pathname === '/__sandbox/config' && req.method === 'POST') {
      const parsed = sandboxFaultsSchema.partial().safeParse(await readBody(req));
      if (!parsed.success)
        return sendError(res, 400, 'invalidValue', parsed.error.issues[0]?.message ?? 'invalid config');
      return send(res, 200, configure(parsed.data));
    }
    if (url.pathname === '/__sandbox/stats' && req.method === 'GET')
      return send(res, 200, { ...stats, ...store.counts() });
    if (url.pathname === '/__sandbox/stats' && req.method === 'DELETE') {
      stats = emptyStats();
      return send(res, 204, undefined);
    }
    return sendError(res, 404, null, 'Not found');
  }

  const route = createScimRoutes({
    store,
    faults: () => faults,
    stats: () => stats,
    baseUrl: () => baseUrl,
    random,
    send,
  });

  function configure(patch: Partial<SandboxFaults>): SandboxFaults {
    faults = sandboxFaultsSchema.parse({ ...faults, ...patch });
    if (patch.rateLimit !== undefined) gate.setLimit(faults.rateLimit);
    store.configure({ caseExactFilter: faults.caseExactFilter, omitUserGroups: faults.omitUserGroups });
    return faults;
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      const auth = req.headers.authorization ?? '';
      const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1] ?? '';
      try {
        if (!sameToken(bearer, options.token)) {
          return sendError(res, 401, null, 'Missing or invalid bearer token', { 'WWW-Authenticate': 'Bearer' });
        }
        if (url.pathname.startsWith('/__sandbox/')) return await control(req, res, url);
        stats.requests += 1;
        stats.byMethod[req.method ?? 'GET'] = (stats.byMethod[req.method ?? 'GET'] ?? 0) + 1;
        if (!url.pathname.startsWith(BASE_PATH)) return sendError(res, 404, null, 'Not found');

        dueAt.set(res, Date.now() + faults.latencyMs + (faults.jitterMs ? Math.floor(random() * faults.jitterMs) : 0));
        const wait = gate.take();
        if (wait > 0) {
          stats.rateLimited += 1;
          const retryAfter =
            faults.retryAfterFormat === 'http-date'
              ? new Date(Date.now() + Math.max(1000, wait) + 999).toUTCString()
              : String(Math.max(1, Math.ceil(wait / 1000)));
          return sendError(res, 429, null, 'Too many requests', { 'Retry-After': retryAfter });
        }
        if (faults.dropRate > 0 && random() < faults.dropRate) {
          stats.dropped += 1;
          deliver(res, () => req.socket.destroy());
          return;
        }
        if (faults.htmlRate > 0 && random() < faults.htmlRate) {
          stats.byStatus[200] = (stats.byStatus[200] ?? 0) + 1;
          deliver(res, () => {
            res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
            res.end(
              '<!doctype html><html><head><title>Sign in</title></head><body><h1>Corporate proxy</h1><p>Please sign in to continue.</p></body></html>',
            );
          });
          return;
        }
        if (faults.errorRate > 0 && random() < faults.errorRate) {
          const status = random() < 0.5 ? 500 : 503;
          return sendError(
            res,
            status,
            null,
            status === 500 ? 'Internal server error (injected)' : 'Service unavailable (injected)',
          );
        }
        await route(req, res, url);
      } catch (error) {
        if (error instanceof SandboxError) return sendError(res, error.status, error.scimType, error.message);
        return sendError(res, 500, null, 'Internal server error');
      }
    })();
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}${BASE_PATH}`;

  return {
    baseUrl,
    port,
    store,
    faults: () => faults,
    configure,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
