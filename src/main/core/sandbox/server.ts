import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRateGate, NO_FAULTS, sandboxFaultsSchema, type SandboxFaults } from './faults';
import { seededRandom } from './random';
import { DEMO_SEED, generateSeed } from './seed';
import { patchGroupWithFaults } from './group-patch';
import { SandboxError, USER_SCHEMA } from './rules';
import { createStore, type SandboxStore } from './store';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const MAX_BODY = 1024 * 1024;
const BASE_PATH = '/scim/v2';

export interface SandboxOptions {
  token: string;
  port?: number;
  host?: string;
  members?: number;
  groups?: number;
  seed?: number;
  faults?: Partial<SandboxFaults>;
}

export interface SandboxStats {
  requests: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  /** POST /Users per lowercased userName, to prove nothing was created twice. */
  userPosts: Record<string, number>;
  rateLimited: number;
  dropped: number;
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

function emptyStats(): SandboxStats {
  return { requests: 0, byMethod: {}, byStatus: {}, userPosts: {}, rateLimited: 0, dropped: 0 };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new SandboxError(413, 'tooLarge', 'Request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SandboxError(400, 'invalidSyntax', 'The request body is not valid JSON');
  }
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

  function pageWindow(query: URLSearchParams, available: number): { start: number; count: number } {
    const startRaw = Number.parseInt(query.get('startIndex') ?? '1', 10);
    const countRaw = query.get('count');
    const start = Number.isFinite(startRaw) && startRaw > 0 ? startRaw : 1;
    let count = countRaw === null ? available : Math.max(0, Number.parseInt(countRaw, 10) || 0);
    if (faults.ignoreCount) count = faults.pageCap ?? 50;
    if (faults.pageCap !== null) count = Math.min(count, faults.pageCap);
    return { start, count };
  }

  function listResponse(total: number, page: Record<string, unknown>[], start: number): Record<string, unknown> {
    const numbers = { totalResults: total, itemsPerPage: page.length, startIndex: start };
    return {
      schemas: [LIST_SCHEMA],
      ...(faults.numbersAsStrings
        ? Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, String(v)]))
        : numbers),
      Resources: page,
    };
  }

  function listUsers(query: URLSearchParams): Record<string, unknown> {
    const broken = query.get('filter') ? 0 : faults.brokenMembers;
    const { start, count } = pageWindow(query, store.counts().users + broken);
    const { total, page } = store.pageUsers(query.get('filter'), start, count);
    if (broken === 0) return listResponse(total, page, start);
    // The broken members come after the real ones, as a server with a few damaged records would send them.
    const extra: Record<string, unknown>[] = [];
    for (let i = Math.max(start - 1, total); i < Math.min(start - 1 + count, total + broken); i += 1) {
      const n = i - total + 1;
      extra.push({
        schemas: [USER_SCHEMA],
        id: n % 2 ? '..' : `broken\u0001${n}`,
        userName: `broken.${n}@sandbox.example`,
        active: true,
      });
    }
    return listResponse(total + broken, [...page, ...extra], start);
  }

  function listGroups(query: URLSearchParams, withMembers: boolean): Record<string, unknown> {
    const all = store.listGroups(query.get('filter'), withMembers);
    const { start, count } = pageWindow(query, all.length);
    return listResponse(all.length, all.slice(start - 1, start - 1 + count), start);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.slice(BASE_PATH.length).replace(/\/+$/, '') || '/';
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [collection, id, ...rest] = segments;
    const ifMatch = req.headers['if-match'];
    const write = method !== 'GET';
    if (rest.length > 0) throw new SandboxError(404, null, 'Not found');

    if (write && faults.ssoInactive) {
      // InVision with SSO inactive: the write is acknowledged and silently ignored.
      const body = (await readBody(req)) as Record<string, unknown> | undefined;
      const ghost = `ghost-${Math.floor(random() * 1e9)}`;
      if (method === 'DELETE' || (method === 'PATCH' && faults.patch204)) return send(res, 204, undefined);
      if (method === 'POST' && collection === 'Users') {
        return send(res, 201, {
          schemas: [USER_SCHEMA],
          id: ghost,
          userName: typeof body?.userName === 'string' ? body.userName : 'unknown',
          active: true,
        });
      }
      if (id && collection === 'Users') return send(res, 200, store.getUser(id));
      if (id && collection === 'Groups') return send(res, 200, store.getGroup(id));
      return send(res, 201, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        id: ghost,
        displayName: typeof body?.displayName === 'string' ? body.displayName : 'unknown',
      });
    }

    if (collection === 'ServiceProviderConfig' && !id && method === 'GET') {
      return send(res, 200, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: true },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: true, maxResults: faults.pageCap ?? 200 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: true },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'OAuth Bearer Token',
            description: 'Static bearer token shown once in InVision',
          },
        ],
      });
    }

    if (collection === 'Users') {
      if (!id && method === 'GET') return send(res, 200, listUsers(url.searchParams));
      if (!id && method === 'POST') {
        const body = (await readBody(req)) as Record<string, unknown> | undefined;
        const userName = typeof body?.userName === 'string' ? body.userName.toLowerCase() : '';
        stats.userPosts[userName] = (stats.userPosts[userName] ?? 0) + 1;
        const created = store.createUser(body ?? {});
        return send(res, 201, created, {
          Location: `${baseUrl}/Users/${String(created.id)}`,
          ETag: store.userVersion(String(created.id)),
        });
      }
      if (id && method === 'GET') return send(res, 200, store.getUser(id), { ETag: store.userVersion(id) });
      if (id && method === 'PUT') {
        const updated = store.replaceUser(
          id,
          ((await readBody(req)) ?? {}) as Record<string, unknown>,
          typeof ifMatch === 'string' ? ifMatch : undefined,
        );
        return send(res, 200, updated, { ETag: store.userVersion(id) });
      }
      if (id && method === 'PATCH') {
        const updated = store.patchUser(id, await readBody(req), typeof ifMatch === 'string' ? ifMatch : undefined);
        return faults.patch204 ? send(res, 204, undefined) : send(res, 200, updated, { ETag: store.userVersion(id) });
      }
      if (id && method === 'DELETE') {
        store.deleteUser(id);
        return send(res, 204, undefined);
      }
    }

    if (collection === 'Groups') {
      const excluded = (url.searchParams.get('excludedAttributes') ?? '').toLowerCase().split(',').includes('members');
      if (!id && method === 'GET') return send(res, 200, listGroups(url.searchParams, !excluded));
      if (!id && method === 'POST') {
        const created = store.createGroup(((await readBody(req)) ?? {}) as Record<string, unknown>);
        return send(res, 201, created, { Location: `${baseUrl}/Groups/${String(created.id)}` });
      }
      if (id && method === 'GET') return send(res, 200, store.getGroup(id), { ETag: store.groupVersion(id) });
      if (id && method === 'PATCH') {
        const body = await readBody(req);
        const updated = await patchGroupWithFaults(
          store,
          faults,
          id,
          body,
          typeof ifMatch === 'string' ? ifMatch : undefined,
        );
        return faults.patch204 ? send(res, 204, undefined) : send(res, 200, updated);
      }
      if (id && method === 'DELETE') {
        store.deleteGroup(id);
        return send(res, 204, undefined);
      }
    }
    throw new SandboxError(
      collection === 'Users' || collection === 'Groups' ? 405 : 404,
      null,
      `${method} ${path} is not supported`,
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
