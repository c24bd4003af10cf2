import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectClient } from './testing/connect';
import { sendJson, startHostileServer, type HostileServer } from './testing/hostile-server';

/**
 * Batched membership changes against servers that answer as real ones do and the Sandbox does
 * not: `noTarget` for removing a non-member, `attributes` refused, users without `groups`, a group
 * deleted meanwhile, a token revoked.
 */
let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const TOKEN = 'membership-token-0123456789';
const ids = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

interface Script {
  patch: (res: Parameters<typeof sendJson>[0]) => void;
  /** The group's members as reads show them; null for a group that is gone. */
  members: string[] | null;
  refuseAttributes?: boolean;
  /** How `GET /Users?filter=id eq …` answers: refused, or users without their groups. */
  users: 'refuse' | 'no-groups';
}

function serve(script: Script): void {
  server.use((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'PATCH') return script.patch(res);
    if (url.pathname.endsWith('/Users')) {
      if (script.users === 'refuse') return sendJson(res, 400, { status: '400', scimType: 'invalidFilter' });
      const wanted = [...(url.searchParams.get('filter') ?? '').matchAll(/id eq "([^"]+)"/g)].map((m) => m[1]);
      return sendJson(res, 200, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: wanted.length,
        startIndex: 1,
        Resources: wanted.map((id) => ({ id, userName: `${id}@acme.example` })),
      });
    }
    if (script.members === null) return sendJson(res, 404, { status: '404', detail: 'Group not found' });
    if (script.refuseAttributes && url.searchParams.has('attributes'))
      return sendJson(res, 400, { status: '400', scimType: 'invalidValue', detail: 'attributes not supported' });
    sendJson(res, 200, { id: 'g1', displayName: 'Design', members: script.members.map((value) => ({ value })) });
  });
}

const methods = () => server.requests.map((r) => r.method);

describe('batched membership changes on servers unlike the Sandbox', () => {
  it('settles a member the server answers noTarget for as not a member, after reading the group', async () => {
    serve({
      patch: (res) => sendJson(res, 400, { status: '400', scimType: 'noTarget', detail: 'no such member' }),
      members: ['u9'],
      users: 'refuse',
    });
    const { client } = connectClient(server.baseUrl, TOKEN);
    const outcomes = await client.changeMembers('g1', 'remove', ['u1']);
    expect(outcomes.get('u1')).toEqual({ ok: true, result: 'not a member' });
    expect(methods()).toEqual(['PATCH', 'GET']);
  });

  it('falls back to reading the whole group where attributes=members is refused, and records it', async () => {
    serve({ patch: (res) => sendJson(res, 200, {}), members: ids(3), refuseAttributes: true, users: 'refuse' });
    const { client } = connectClient(server.baseUrl, TOKEN);
    const outcomes = await client.changeMembers('g1', 'add', ids(3));
    expect([...outcomes.values()].every((o) => o.ok && o.result === 'added')).toBe(true);
    expect(client.capabilities().quirks.membershipRead).toBe('group');
    server.reset();
    await client.changeMembers('g1', 'add', ids(3));
    // Learned: one PATCH, one plain read.
    expect(server.requests.map((r) => `${r.method} ${r.url.includes('attributes') ? 'attributes' : ''}`)).toEqual([
      'PATCH ',
      'GET ',
    ]);
  });

  it("does not trust users' groups a server leaves out: the group answers, and the tenant is marked for it", async () => {
    serve({ patch: (res) => sendJson(res, 200, {}), members: ids(5), users: 'no-groups' });
    const { client } = connectClient(server.baseUrl, TOKEN);
    const outcomes = await client.changeMembers('g1', 'add', ids(5));
    expect([...outcomes.values()].every((o) => o.ok)).toBe(true);
    expect(client.capabilities().quirks.membershipRead).toBe('groupMembers');
  });

  it('fails every member at once when the group is gone, without splitting the batch', async () => {
    serve({
      patch: (res) => sendJson(res, 404, { status: '404', detail: 'Group not found' }),
      members: null,
      users: 'refuse',
    });
    const { client } = connectClient(server.baseUrl, TOKEN);
    const outcomes = await client.changeMembers('g1', 'add', ids(100));
    expect(outcomes.size).toBe(100);
    expect([...outcomes.values()].every((o) => !o.ok && o.error.code === 'SCIM_NOT_FOUND')).toBe(true);
    expect(methods()).toEqual(['PATCH', 'GET']);
  });

  it('fails every member with the reason when the token is refused, without splitting the batch', async () => {
    serve({
      patch: (res) => sendJson(res, 401, { status: '401', detail: 'token revoked' }),
      members: [],
      users: 'refuse',
    });
    const { client } = connectClient(server.baseUrl, TOKEN);
    const outcomes = await client.changeMembers('g1', 'remove', ids(100));
    expect([...outcomes.values()].every((o) => !o.ok && o.error.code === 'SCIM_UNAUTHORIZED')).toBe(true);
    expect(methods().filter((m) => m === 'PATCH')).toHaveLength(1);
  });
});
