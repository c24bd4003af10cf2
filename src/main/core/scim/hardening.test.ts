import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/ipc/channels';
import { createCore, type Core } from '../app-core';
import { testDeps } from '../testing/deps';
import { ScimError } from './errors';
import { connectClient } from './testing/connect';
import { politeHandler, sendJson, startHostileServer, type HostileServer } from './testing/hostile-server';

// A canary token: it must never come back out of the console, whole or in part.
const TOKEN = 'canary-Hx7qT2pLw9ZkR4vN8sYd3mB6fJ1cG5tA';
const USERS = [
  { id: 'u1', userName: 'ana@acme.example', active: true, name: { givenName: 'Ana', familyName: 'Silva' } },
  { id: 'u2', userName: 'bo@acme.example', active: true },
];

/** Every 10-character piece of the token: a cut that kept part of it would show one. */
function fragmentsOf(token: string, size = 10): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= token.length; i += 1) out.push(token.slice(i, i + size));
  return out;
}

function expectNoToken(value: unknown): void {
  const text = JSON.stringify(value);
  for (const fragment of fragmentsOf(TOKEN)) expect(text).not.toContain(fragment);
}

/** Adds a tenant on the hostile server (answering politely for the connection test) and returns its id. */
async function addTenant(core: Core, name: string, readOnly: boolean): Promise<string> {
  const added = await core.dispatch('tenants.add', { name, baseUrl: server.baseUrl, token: TOKEN, readOnly });
  const id = (added.ok ? (added.value as { tenant: { id: string } | null }).tenant?.id : undefined) ?? null;
  if (!id) throw new Error(`could not add the tenant: ${JSON.stringify(added)}`);
  return id;
}

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => server.reset());

describe('the token never leaves through what a server echoes', () => {
  let core: Core;
  let tenantId: string;

  beforeAll(async () => {
    server.use(politeHandler(USERS));
    core = createCore(testDeps({ fetch: globalThis.fetch }));
    tenantId = await addTenant(core, 'Hostile', false);
  });
  afterAll(async () => {
    await core.close();
  });

  const calls: Array<[Channel, () => unknown]> = [
    ['members.get', () => ({ tenantId, memberId: 'u1' })],
    ['members.deactivate', () => ({ tenantId, memberId: 'u1' })],
    ['directory.load', () => ({ tenantId, taskId: 'load-1' })],
    ['tenants.test', () => ({ tenantId })],
    ['tenants.testDraft', () => ({ baseUrl: server.baseUrl, token: TOKEN })],
  ];

  it.each(calls)('%s: a token echoed in scimType stays out of the error', async (channel, input) => {
    server.use((_req, res) =>
      sendJson(res, 400, { status: '400', scimType: `invalidValue ${TOKEN}`, detail: `Bearer ${TOKEN} refused` }),
    );
    const result = await core.dispatch(channel, input());
    expectNoToken(result);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it.each(calls)('%s: a token that straddles any cut of the detail stays out', async (channel, input) => {
    // The detail is kept to 400 characters and the whole error text to 600: put the token across both.
    for (const offset of [370, 380, 390, 395, 570, 580, 590]) {
      server.use((_req, res) =>
        sendJson(res, 400, { status: 400, scimType: 'invalidValue', detail: `${'x'.repeat(offset)}${TOKEN}` }),
      );
      expectNoToken(await core.dispatch(channel, input()));
    }
  });

  it('members.get and directory.load: a token inside every parsed field of a 2xx resource stays out', async () => {
    const poisoned = {
      id: 'u1',
      userName: `ana+${TOKEN}@acme.example`,
      displayName: `Ana ${TOKEN}`,
      name: { givenName: TOKEN, familyName: `Silva ${TOKEN}`, formatted: TOKEN },
      emails: [{ value: `${TOKEN}@acme.example`, type: 'work', primary: true }],
      roles: [{ value: TOKEN }],
      groups: [{ value: 'g1', display: TOKEN }],
      meta: { created: TOKEN, lastModified: TOKEN, version: `W/"${TOKEN}"` },
      [`x-${TOKEN}`]: 'key too',
      note: `Authorization: Bearer ${'Z'.repeat(24)} and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl`,
    };
    server.use((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.endsWith('/Users'))
        sendJson(res, 200, { totalResults: 1, startIndex: 1, Resources: [poisoned] }, { etag: TOKEN });
      else if (url.pathname.endsWith('/Groups')) sendJson(res, 200, { totalResults: 0, Resources: [] });
      else sendJson(res, 200, poisoned, { etag: `W/"${TOKEN}"`, location: `https://x.example/${TOKEN}` });
    });
    const one = await core.dispatch('members.get', { tenantId, memberId: 'u1' });
    expect(one.ok).toBe(true);
    expectNoToken(one);
    // A foreign bearer credential and a JWT are scrubbed as well.
    expect(JSON.stringify(one)).not.toContain('Z'.repeat(24));
    expect(JSON.stringify(one)).not.toContain('c2lnbmF0dXJl');
    const all = await core.dispatch('directory.load', { tenantId, taskId: 'load-2' });
    expect(all.ok).toBe(true);
    expectNoToken(all);
  });

  it('a token spelt with JSON escapes is scrubbed too', async () => {
    const escaped = [...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    server.use((_req, res) => sendJson(res, 200, `{"id":"u1","userName":"a@acme.example","displayName":"${escaped}"}`));
    const one = await core.dispatch('members.get', { tenantId, memberId: 'u1' });
    expect(one.ok).toBe(true);
    expectNoToken(one);
  });
});

describe('requests that go where they must not', () => {
  it('never sends a DELETE or PATCH for the id "." or ".." (it would reach the collection or the base URL)', async () => {
    server.use(politeHandler(USERS));
    const { client } = connectClient(server.baseUrl, TOKEN, { client: { verifyAttempts: 1, verifyDelayMs: 1 } });
    for (const id of ['.', '..']) {
      await expect(client.deleteUser(id)).rejects.toMatchObject({ code: 'SCIM_INVALID_RESPONSE' });
      await expect(client.setActive(id, false)).rejects.toMatchObject({ code: 'SCIM_INVALID_RESPONSE' });
      await expect(client.addMembers(id, ['u1'])).rejects.toMatchObject({ code: 'SCIM_INVALID_RESPONSE' });
      await expect(client.removeMember(id, 'u1')).rejects.toMatchObject({ code: 'SCIM_INVALID_RESPONSE' });
    }
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('skips and counts members whose id is unusable instead of failing the listing', async () => {
    server.use(
      politeHandler([
        ...USERS,
        { id: '..', userName: 'dots@acme.example' },
        { id: 'x\u0001y', userName: 'ctl@acme.example' },
      ]),
    );
    const { client } = connectClient(server.baseUrl, TOKEN);
    const listed = await client.listUsers();
    expect(listed.items.map((m) => m.id)).toEqual(['u1', 'u2']);
    expect(listed.skipped).toBe(2);
    expect(listed.skippedExample).toBe('the id ".." would address another path');
  });

  it('refuses an absurd totalResults at once, without planning its pages', async () => {
    server.use((_req, res) =>
      sendJson(res, 200, {
        totalResults: 1e12,
        startIndex: 1,
        Resources: USERS.map((u, i) => ({ ...u, id: `a${i}` })),
      }),
    );
    const { client } = connectClient(server.baseUrl, TOKEN);
    const started = performance.now();
    await expect(client.listUsers()).rejects.toMatchObject({ code: 'SCIM_INVALID_RESPONSE' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it('caps a large totalResults before planning, and says the listing was cut', async () => {
    let n = 0;
    server.use((req, res) => {
      const start = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('startIndex'));
      const page = Array.from({ length: 10 }, () => ({ id: `p${n}`, userName: `p${n++}@acme.example` }));
      sendJson(res, 200, { totalResults: 5_000_000, startIndex: start, Resources: page });
    });
    const { client } = connectClient(server.baseUrl, TOKEN, { client: { maxItems: 500_000, maxPages: 30 } });
    const listed = await client.listUsers();
    expect(listed.truncated).toBe(true);
    expect(listed.cut).toBe('pages');
    expect(listed.items).toHaveLength(300);
    expect(server.requests.length).toBeLessThanOrEqual(30);
  });

  it('stops a server that serves the same page forever with fresh ids', async () => {
    let n = 0;
    server.use((_req, res) =>
      sendJson(res, 200, {
        Resources: USERS.map((u) => ({ ...u, id: `fresh-${n++}` })),
      }),
    );
    const { client } = connectClient(server.baseUrl, TOKEN, { client: { pageSize: 2 } });
    const listed = await client.listUsers();
    expect(listed.items).toHaveLength(2);
    expect(client.capabilities().quirks.ignoresStartIndex).toBe(true);
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });

  it('treats a page that says it starts elsewhere than asked as an ignored startIndex, not data', async () => {
    let n = 0;
    server.use((_req, res) =>
      sendJson(res, 200, {
        totalResults: 6,
        startIndex: 1,
        Resources: [0, 1].map(() => ({ id: `s${n}`, userName: `s${n++}@acme.example` })),
      }),
    );
    const { client } = connectClient(server.baseUrl, TOKEN, { client: { pageSize: 2 } });
    const listed = await client.listUsers();
    expect(listed.items).toHaveLength(2);
    expect(client.capabilities().quirks.ignoresStartIndex).toBe(true);
  });

  it('bounds a listing by members: endless fresh members stop at the cap, and the listing says so', async () => {
    let n = 0;
    server.use((_req, res) =>
      sendJson(res, 200, {
        Resources: Array.from({ length: 50 }, () => ({ id: `m${n}`, userName: `m${n++}@acme.example` })),
      }),
    );
    const { client } = connectClient(server.baseUrl, TOKEN, { client: { pageSize: 50, maxItems: 1_000 } });
    const listed = await client.listUsers();
    expect(listed.items).toHaveLength(1_000);
    expect(listed.cut).toBe('items');
    expect(server.requests.length).toBeLessThanOrEqual(21);
  });

  it('stops walking far past the total a server announced', async () => {
    let n = 0;
    server.use((req, res) => {
      const start = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('startIndex'));
      sendJson(res, 200, {
        totalResults: 20,
        startIndex: start,
        Resources: Array.from({ length: 100 }, () => ({ id: `w${n}`, userName: `w${n++}@acme.example` })),
      });
    });
    const { client } = connectClient(server.baseUrl, TOKEN, { client: { pageSize: 100 } });
    const listed = await client.listUsers();
    expect(listed.cut).toBe('beyond-total');
    expect(listed.items.length).toBeLessThanOrEqual(1_100);
  });
});

describe('rate limits the console will not wait out', () => {
  it.each(['3600', '99999999', '9'.repeat(40)])(
    'Retry-After %s: the call and every later call on the tenant fail at once with RATE_LIMITED and the time',
    async (retryAfter) => {
      server.use((_req, res) =>
        sendJson(res, 429, { status: '429', detail: 'slow down' }, { 'retry-after': retryAfter }),
      );
      const { client, limiter } = connectClient(server.baseUrl, TOKEN);
      const started = performance.now();
      const first = await client.getUser('u1').catch((e: unknown) => e);
      expect(first).toBeInstanceOf(ScimError);
      expect((first as ScimError).code).toBe('SCIM_RATE_LIMITED');
      expect((first as ScimError).message).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
      server.use(politeHandler(USERS));
      const second = await client.getUser('u1').catch((e: unknown) => e);
      expect((second as ScimError).code).toBe('SCIM_RATE_LIMITED');
      expect((second as ScimError).retryAfterMs).toBeGreaterThan(3_000_000);
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(server.requests).toHaveLength(1);
      expect(limiter.stats().queued).toBe(0);
    },
  );

  it('a request queued behind a hold it accepts leaves the queue when cancelled', async () => {
    server.use((_req, res) => sendJson(res, 429, {}, { 'retry-after': '3' }));
    const { client, limiter } = connectClient(server.baseUrl, TOKEN, {
      transport: { maxAttempts: 1, maxRetryAfterMs: 10_000 },
    });
    await client.getUser('u1').catch(() => undefined);
    server.use(politeHandler(USERS));
    const controller = new AbortController();
    const queued = client.getUser('u1', controller.signal).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    expect(limiter.stats().queued).toBe(1);
    const started = performance.now();
    controller.abort();
    expect(await queued).toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - started).toBeLessThan(200);
    expect(limiter.stats().queued).toBe(0);
  });

  it('a queued request honours its own queue timeout', async () => {
    server.use((_req, res) => sendJson(res, 429, {}, { 'retry-after': '5' }));
    const { client } = connectClient(server.baseUrl, TOKEN, {
      transport: { maxAttempts: 1, maxRetryAfterMs: 10_000, queueTimeoutMs: 200 },
    });
    await client.getUser('u1').catch(() => undefined);
    const started = performance.now();
    await expect(client.getUser('u1')).rejects.toMatchObject({ code: 'SCIM_TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('bodies that stall', () => {
  const body = JSON.stringify({ id: 'u1', userName: 'ana@acme.example' });

  it('a body that drips a byte at a time ends at the idle timeout, not the total one', async () => {
    server.use((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      let i = 0;
      const drip = setInterval(() => {
        if (res.destroyed || i >= body.length) {
          clearInterval(drip);
          res.end();
          return;
        }
        res.write(body[i++]);
      }, 1_000);
      res.on('close', () => clearInterval(drip));
    });
    const { client } = connectClient(server.baseUrl, TOKEN, { transport: { timeoutMs: 30_000, idleTimeoutMs: 300 } });
    const started = performance.now();
    const error = await client.getUser('u1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SCIM_TIMEOUT' });
    expect((error as ScimError).message).toMatch(/stopped sending/);
    // Two attempts (a stall is retried once) of ~1.3 s each, far below 5 x 30 s.
    expect(performance.now() - started).toBeLessThan(6_000);
    expect(server.requests).toHaveLength(2);
  });

  it('a slow but steady body still arrives', async () => {
    server.use((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      const parts = body.match(/.{1,8}/g) ?? [];
      let i = 0;
      const step = setInterval(() => {
        if (i >= parts.length) {
          clearInterval(step);
          res.end();
          return;
        }
        res.write(parts[i++]);
      }, 100);
    });
    const { client } = connectClient(server.baseUrl, TOKEN, { transport: { timeoutMs: 30_000, idleTimeoutMs: 300 } });
    expect((await client.getUser('u1')).userName).toBe('ana@acme.example');
  });
});

describe('listings too large for one event', () => {
  it('streams a single page of 25,000 members to the renderer in events within the limit', async () => {
    const many = Array.from({ length: 25_000 }, (_, i) => ({ id: `b${i}`, userName: `b${i}@acme.example` }));
    server.use(politeHandler(USERS));
    const core = createCore(testDeps({ fetch: globalThis.fetch }));
    const bigId = await addTenant(core, 'Big page', true);
    server.use((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.endsWith('/Groups')) sendJson(res, 200, { totalResults: 0, Resources: [] });
      // A server with no pagination: everything at once, whatever was asked.
      else sendJson(res, 200, { totalResults: many.length, startIndex: 1, Resources: many });
    });
    const sizes: number[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'directory.rows') sizes.push((payload as { rows: unknown[] }).rows.length);
    });
    const result = await core.dispatch('directory.load', { tenantId: bigId, taskId: 'big' });
    await core.close();
    expect(result.ok).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10_000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(25_000);
  });

  it('directory.load reports skipped members in its notice', async () => {
    server.use(politeHandler([...USERS, { id: '.', userName: 'dot@acme.example' }]));
    const core = createCore(testDeps({ fetch: globalThis.fetch }));
    const dotsId = await addTenant(core, 'Dots', true);
    const result = await core.dispatch('directory.load', { tenantId: dotsId, taskId: 'dots' });
    await core.close();
    expect(result.ok).toBe(true);
    const value = (result.ok ? result.value : null) as { skipped: number; notice: string | null } | null;
    expect(value?.skipped).toBe(1);
    expect(value?.notice).toMatch(/^1 record the server sent broken was left out/);
  });
});
