import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxFaults } from './faults';
import { patchGroupWithFaults } from './group-patch';
import { SandboxError, USER_SCHEMA } from './rules';
import type { SandboxStore } from './store';

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const MAX_BODY = 1024 * 1024;
export const BASE_PATH = '/scim/v2';

export interface SandboxStats {
  requests: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  /** POST /Users per lowercased userName, to prove nothing was created twice. */
  userPosts: Record<string, number>;
  rateLimited: number;
  dropped: number;
}

export function emptyStats(): SandboxStats {
  return { requests: 0, byMethod: {}, byStatus: {}, userPosts: {}, rateLimited: 0, dropped: 0 };
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
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

export interface RoutesContext {
  store: SandboxStore;
  faults: () => SandboxFaults;
  stats: () => SandboxStats;
  baseUrl: () => string;
  random: () => number;
  send: (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;
}

/** The SCIM endpoints: /ServiceProviderConfig, /Users and /Groups, with the switched faults applied. */
export function createScimRoutes(ctx: RoutesContext) {
  const { store, send, random } = ctx;

  function pageWindow(query: URLSearchParams, available: number): { start: number; count: number } {
    const startRaw = Number.parseInt(query.get('startIndex') ?? '1', 10);
    const countRaw = query.get('count');
    const start = Number.isFinite(startRaw) && startRaw > 0 ? startRaw : 1;
    let count = countRaw === null ? available : Math.max(0, Number.parseInt(countRaw, 10) || 0);
    const { ignoreCount, pageCap } = ctx.faults();
    if (ignoreCount) count = pageCap ?? 50;
    if (pageCap !== null) count = Math.min(count, pageCap);
    return { start, count };
  }

  function listResponse(total: number, page: Record<string, unknown>[], start: number): Record<string, unknown> {
    const numbers = { totalResults: total, itemsPerPage: page.length, startIndex: start };
    return {
      schemas: [LIST_SCHEMA],
      ...(ctx.faults().numbersAsStrings
        ? Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, String(v)]))
        : numbers),
      Resources: page,
    };
  }

  function listUsers(query: URLSearchParams): Record<string, unknown> {
    const broken = query.get('filter') ? 0 : ctx.faults().brokenMembers;
    const { start, count } = pageWindow(query, store.counts().users + broken);
    const { total, page } = store.pageUsers(query.get('filter'), start, count);
    const overstated = query.get('filter') ? 0 : ctx.faults().overstateTotal;
    if (broken === 0) return listResponse(total + overstated, page, start);
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

    if (write && ctx.faults().ssoInactive) {
      // InVision with SSO inactive: the write is acknowledged and silently ignored.
      const body = (await readBody(req)) as Record<string, unknown> | undefined;
      const ghost = `ghost-${Math.floor(random() * 1e9)}`;
      if (method === 'DELETE' || (method === 'PATCH' && ctx.faults().patch204)) return send(res, 204, undefined);
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
        filter: { supported: true, maxResults: ctx.faults().pageCap ?? 200 },
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
        ctx.stats().userPosts[userName] = (ctx.stats().userPosts[userName] ?? 0) + 1;
        const created = store.createUser(body ?? {});
        return send(res, 201, created, {
          Location: `${ctx.baseUrl()}/Users/${String(created.id)}`,
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
        return ctx.faults().patch204
          ? send(res, 204, undefined)
          : send(res, 200, updated, { ETag: store.userVersion(id) });
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
        return send(res, 201, created, { Location: `${ctx.baseUrl()}/Groups/${String(created.id)}` });
      }
      if (id && method === 'GET') return send(res, 200, store.getGroup(id), { ETag: store.groupVersion(id) });
      if (id && method === 'PATCH') {
        const body = await readBody(req);
        const updated = await patchGroupWithFaults(
          store,
          ctx.faults(),
          id,
          body,
          typeof ifMatch === 'string' ? ifMatch : undefined,
        );
        return ctx.faults().patch204 ? send(res, 204, undefined) : send(res, 200, updated);
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

  return route;
}
