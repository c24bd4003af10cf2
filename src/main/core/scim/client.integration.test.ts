import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../sandbox/faults';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { ScimError } from './errors';
import { connectClient } from './testing/connect';

const TOKEN = 'sandbox-token-canary-7f3a91';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, members: 250, groups: 12, seed: 1 });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.configure(NO_FAULTS);
  sandbox.resetStats();
});

const client = () => connectClient(sandbox.baseUrl, TOKEN).client;
let counter = 0;
const uniqueEmail = (tag: string) => `${tag}.${Date.now()}.${counter++}@acme-design.example`;

async function expectScimError(promise: Promise<unknown>, code: string): Promise<ScimError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScimError);
  expect((error as ScimError).code).toBe(code);
  return error as ScimError;
}

describe('SCIM client against the Sandbox: members', () => {
  it('lists every member with no duplicate', async () => {
    const { items } = await client().listUsers();
    expect(items.length).toBe(sandbox.store.counts().users);
    expect(new Set(items.map((m) => m.id)).size).toBe(items.length);
    expect(items.some((m) => !m.active)).toBe(true);
    expect(items.some((m) => m.groups.length > 0)).toBe(true);
  });

  it('reports progress up to the total', async () => {
    sandbox.configure({ pageCap: 20 });
    const progress: Array<[number, number | null]> = [];
    await client().listUsers({ onProgress: (loaded, total) => progress.push([loaded, total]) });
    const last = progress.at(-1)!;
    expect(last[0]).toBe(last[1]);
    expect(progress.length).toBeGreaterThan(5);
  });

  it('gets one member and finds one by userName in any case', async () => {
    const c = client();
    const { items } = await c.listUsers();
    const target = items[7]!;
    expect((await c.getUser(target.id)).userName).toBe(target.userName);
    const found = await c.findUserByUserName(target.userName.toUpperCase());
    expect(found?.id).toBe(target.id);
    expect(await c.findUserByUserName('nobody@acme-design.example')).toBeNull();
  });

  it('finds a userName containing + and quotes', async () => {
    const c = client();
    const userName = `o"neil+${counter++}@acme-design.example`;
    const { member } = await c.createUser({ userName, givenName: 'Pat', familyName: "O'Neil" });
    expect((await c.findUserByUserName(userName))?.id).toBe(member.id);
  });

  it('provisions a member with the member role and reads it back', async () => {
    const userName = uniqueEmail('new');
    const { member, outcome } = await client().createUser({ userName, givenName: 'Nia', familyName: 'Osei' });
    expect(outcome).toBe('created');
    expect(member).toMatchObject({ userName, givenName: 'Nia', familyName: 'Osei', active: true, roles: ['member'] });
    expect(sandbox.stats().userPosts[userName.toLowerCase()]).toBe(1);
  });

  it('reuses an existing member (any case) instead of posting again', async () => {
    const userName = uniqueEmail('dup');
    const c = client();
    const first = await c.createUser({ userName, givenName: 'A', familyName: 'B' });
    const second = await c.createUser({ userName: userName.toUpperCase(), givenName: 'A', familyName: 'B' });
    expect(second).toMatchObject({ outcome: 'existing', member: { id: first.member.id } });
    expect(sandbox.stats().userPosts[userName.toLowerCase()]).toBe(1);
  });

  it('reconciles a 409 uniqueness to the existing member', async () => {
    const userName = uniqueEmail('conflict');
    const c = client();
    const first = await c.createUser({ userName, givenName: 'A', familyName: 'B' });
    const second = await c.createUser({ userName, givenName: 'A', familyName: 'B' }, { checkExisting: false });
    expect(second).toMatchObject({ outcome: 'existing', member: { id: first.member.id } });
  });

  it('deactivates, keeping data, and reactivates as member (a higher role is lost)', async () => {
    const c = client();
    const { items } = await c.listUsers();
    const admin =
      items.find((m) => m.active && m.roles.includes('admin')) ?? items.find((m) => m.roles.includes('owner'))!;
    const dataBefore = sandbox.store.userData(admin.id);
    expect((await c.setActive(admin.id, false)).active).toBe(false);
    expect(sandbox.store.userData(admin.id)).toEqual(dataBefore);
    const back = await c.setActive(admin.id, true);
    expect(back.active).toBe(true);
    expect(back.roles).toEqual(['member']);
  });

  it('renames a member by PATCH and replaces one by GET-change-PUT with If-Match', async () => {
    const c = client();
    await c.probe();
    const { member } = await c.createUser({ userName: uniqueEmail('rename'), givenName: 'Old', familyName: 'Name' });
    expect(await c.setName(member.id, { givenName: 'New', familyName: 'Name' })).toMatchObject({ givenName: 'New' });
    const replaced = await c.replaceUser(member.id, (raw) => ({
      ...raw,
      name: { givenName: 'Put', familyName: 'Done' },
    }));
    expect(replaced).toMatchObject({ givenName: 'Put', familyName: 'Done', active: true });
  });

  it('refuses a PUT on a stale version with 412', async () => {
    const c = client();
    await c.probe();
    const { member } = await c.createUser({ userName: uniqueEmail('etag'), givenName: 'E', familyName: 'Tag' });
    await expectScimError(
      c.replaceUser(member.id, (raw) => {
        // Someone else changes the member between our GET and our PUT.
        sandbox.store.patchUser(member.id, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Race' }],
        });
        return { ...raw, displayName: 'Mine' };
      }),
      'SCIM_PRECONDITION_FAILED',
    );
  });

  it('deletes a member and treats an already-deleted one as done', async () => {
    const c = client();
    const { member } = await c.createUser({ userName: uniqueEmail('del'), givenName: 'D', familyName: 'El' });
    await c.deleteUser(member.id);
    await expectScimError(c.getUser(member.id), 'SCIM_NOT_FOUND');
    await expect(c.deleteUser(member.id)).resolves.toBeUndefined();
  });
});

describe('SCIM client against the Sandbox: groups', () => {
  it('lists groups with their members and runs the whole group life cycle', async () => {
    const c = client();
    const groups = await c.listGroups();
    expect(groups.items).toHaveLength(sandbox.store.counts().groups);
    expect(groups.items.every((g) => g.membersKnown)).toBe(true);

    const users = (await c.listUsers()).items.slice(0, 3);
    const group = await c.createGroup(`Project ${counter++}`);
    const withMembers = await c.addMembers(
      group.id,
      users.map((u) => u.id),
    );
    expect(withMembers.members.map((m) => m.id).sort()).toEqual(users.map((u) => u.id).sort());
    const after = await c.removeMember(group.id, users[1]!.id);
    expect(after.members.map((m) => m.id).sort()).toEqual([users[0]!.id, users[2]!.id].sort());
    expect((await c.renameGroup(group.id, `${group.displayName} (renamed)`)).displayName).toContain('renamed');
    expect((await c.getUser(users[0]!.id)).groups.map((g) => g.id)).toContain(group.id);
    await c.deleteGroup(group.id);
    await expectScimError(c.getGroup(group.id), 'SCIM_NOT_FOUND');
  });

  it('removes one member by path filter, leaving the others', async () => {
    const c = client();
    const group = (await c.listGroups()).items.find((g) => g.members.length >= 3)!;
    const target = group.members[0]!.id;
    const after = await c.removeMember(group.id, target);
    expect(after.members).toHaveLength(group.members.length - 1);
    await c.addMembers(group.id, [target]);
  });

  it('reuses a group that already exists on 409', async () => {
    const c = client();
    const existing = (await c.listGroups()).items[0]!;
    expect((await c.createGroup(existing.displayName)).id).toBe(existing.id);
  });
});

describe('SCIM client against the Sandbox: quirks', () => {
  it('follows a page-size cap and records it', async () => {
    sandbox.configure({ pageCap: 30 });
    const c = client();
    expect((await c.listUsers()).items).toHaveLength(sandbox.store.counts().users);
    expect(c.capabilities().quirks.pageSizeCap).toBe(30);
  });

  it('copes with a server that ignores count', async () => {
    sandbox.configure({ ignoreCount: true, pageCap: 40 });
    const c = client();
    expect((await c.listUsers()).items).toHaveLength(sandbox.store.counts().users);
  });

  it('accepts numbers sent as strings and records it', async () => {
    sandbox.configure({ numbersAsStrings: true, pageCap: 50 });
    const c = client();
    expect((await c.listUsers()).items).toHaveLength(sandbox.store.counts().users);
    expect(c.capabilities().quirks.numbersAsStrings).toBe(true);
  });

  it('reads back after a 204 PATCH and records it', async () => {
    sandbox.configure({ patch204: true });
    const c = client();
    const { member } = await c.createUser({ userName: uniqueEmail('p204'), givenName: 'P', familyName: 'Two' });
    expect((await c.setActive(member.id, false)).active).toBe(false);
    expect(c.capabilities().quirks.patch204).toBe(true);
  });

  it('reads the ServiceProviderConfig once and keeps what it says', async () => {
    const profile = await client().probe();
    expect(profile.advertised).toMatchObject({
      patch: true,
      bulk: false,
      filter: true,
      etag: true,
      filterMaxResults: 200,
    });
  });

  it('runs a read-only connection test that writes nothing', async () => {
    const report = await client().testConnection();
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.id)).toEqual([
      'url',
      'reachable',
      'tls',
      'auth',
      'scim',
      'capabilities',
      'latency',
    ]);
    expect(report.totalMembers).toBe(sandbox.store.counts().users);
    const stats = sandbox.stats();
    expect(Object.keys(stats.byMethod)).toEqual(['GET']);
  });

  it('fails the connection test on a wrong token with a rotation hint', async () => {
    const report = await connectClient(sandbox.baseUrl, 'wrong-token').client.testConnection();
    expect(report.ok).toBe(false);
    const auth = report.steps.find((s) => s.id === 'auth')!;
    expect(auth.status).toBe('fail');
    expect(auth.detail).toMatch(/rotate/i);
  });
});

describe('SCIM client against the Sandbox: faults', () => {
  it('calls an SSO-inactive write a silent no-op, for every kind of write', async () => {
    const c = client();
    const users = (await c.listUsers()).items;
    const active = users.find((m) => m.active)!;
    const group = (await c.listGroups()).items[0]!;
    sandbox.configure({ ssoInactive: true });
    const e = await expectScimError(c.setActive(active.id, false), 'SCIM_SILENT_NO_OP');
    expect(e.message).toMatch(/SSO/);
    await expectScimError(
      c.createUser({ userName: uniqueEmail('sso'), givenName: 'S', familyName: 'So' }),
      'SCIM_SILENT_NO_OP',
    );
    await expectScimError(c.deleteUser(active.id), 'SCIM_SILENT_NO_OP');
    await expectScimError(
      c.addMembers(group.id, [users.find((u) => !group.members.some((m) => m.id === u.id))!.id]),
      'SCIM_SILENT_NO_OP',
    );
    await expectScimError(c.renameGroup(group.id, 'Renamed while SSO is off'), 'SCIM_SILENT_NO_OP');
    expect((await c.getUser(active.id)).active).toBe(true);
  });

  it('waits out 429 Retry-After (seconds) and never retries early', async () => {
    const ids = sandbox.store
      .listUsers(null)
      .slice(0, 12)
      .map((u) => String(u.id));
    sandbox.configure({ rateLimit: 5, retryAfterFormat: 'seconds' });
    const attempts: Array<{ status: number | null; start: number; end: number }> = [];
    const { client: c } = connectClient(sandbox.baseUrl, TOKEN, {
      concurrency: 4,
      transport: { onAttempt: (a) => attempts.push({ status: a.status, start: Date.now() - a.ms, end: Date.now() }) },
    });
    const members = await Promise.all(ids.map((id) => c.getUser(id)));
    expect(members).toHaveLength(ids.length);
    const limited = attempts.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    // Retry-After is at least 1 s: no request may start within it once the 429 has arrived.
    for (const hit of limited) {
      const startedDuringHold = attempts.filter((a) => a.start > hit.end && a.start < hit.end + 900);
      expect(startedDuringHold).toEqual([]);
    }
  }, 30_000);

  it('honours Retry-After given as an HTTP date', async () => {
    const ids = sandbox.store
      .listUsers(null)
      .slice(0, 6)
      .map((u) => String(u.id));
    sandbox.configure({ rateLimit: 2, retryAfterFormat: 'http-date' });
    const c = client();
    const started = Date.now();
    await Promise.all(ids.map((id) => c.getUser(id)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sandbox.stats().rateLimited).toBeGreaterThan(0);
  }, 30_000);

  it('retries idempotent reads through random 500/503 and dropped connections', async () => {
    sandbox.configure({ errorRate: 0.3, dropRate: 0.1, pageCap: 25 });
    const { client: c } = connectClient(sandbox.baseUrl, TOKEN, { transport: { maxAttempts: 12 } });
    expect((await c.listUsers()).items).toHaveLength(sandbox.store.counts().users);
  });

  it('never posts a member twice through injected faults', async () => {
    sandbox.configure({ errorRate: 0.3, dropRate: 0.15 });
    const { client: c } = connectClient(sandbox.baseUrl, TOKEN, { transport: { maxAttempts: 12 } });
    const names = Array.from({ length: 15 }, () => uniqueEmail('faulty'));
    for (const userName of names) {
      await c.createUser({ userName, givenName: 'F', familyName: 'Ault' }).catch((e: unknown) => {
        if (!(e instanceof ScimError)) throw e;
      });
    }
    const posts = sandbox.stats().userPosts;
    for (const userName of names) expect(posts[userName.toLowerCase()] ?? 0).toBeLessThanOrEqual(1);
  });

  it('looks the user up after a POST whose answer was lost, instead of posting again', async () => {
    let dropNextPostAnswer = true;
    const lossyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST' && dropNextPostAnswer) {
        dropNextPostAnswer = false;
        await response.arrayBuffer();
        throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      }
      return response;
    };
    const { client: c } = connectClient(sandbox.baseUrl, TOKEN, { transport: { fetch: lossyFetch } });
    const userName = uniqueEmail('lost');
    const result = await c.createUser({ userName, givenName: 'L', familyName: 'Ost' });
    expect(result.member.userName).toBe(userName);
    expect(sandbox.stats().userPosts[userName.toLowerCase()]).toBe(1);
  });

  it('turns an HTML page from a proxy into an invalid-response error', async () => {
    sandbox.configure({ htmlRate: 1 });
    const e = await expectScimError(client().listUsers(), 'SCIM_INVALID_RESPONSE');
    expect(e.message).toMatch(/HTML/);
    // The connection test does not tick "Token accepted" for a page that is not SCIM.
    const report = await client().testConnection();
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.id === 'auth')).toMatchObject({ status: 'skipped' });
  });

  it('falls back to the no-path PATCH when a server rejects the path form', async () => {
    const pathless: typeof fetch = async (input, init) => {
      if (init?.method === 'PATCH' && typeof init.body === 'string' && init.body.includes('"path":"active"')) {
        return new Response(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '400',
            scimType: 'invalidPath',
          }),
          {
            status: 400,
            headers: { 'content-type': 'application/scim+json' },
          },
        );
      }
      return fetch(input, init);
    };
    const { client: c } = connectClient(sandbox.baseUrl, TOKEN, { transport: { fetch: pathless } });
    const { member } = await c.createUser({ userName: uniqueEmail('pathless'), givenName: 'P', familyName: 'L' });
    expect((await c.setActive(member.id, false)).active).toBe(false);
    expect(c.capabilities().quirks.pathlessActivePatch).toBe(true);
  });

  it('refuses every write on a read-only tenant before sending anything', async () => {
    const { client: c } = connectClient(sandbox.baseUrl, TOKEN, { readOnly: true });
    const before = sandbox.stats().requests;
    await expectScimError(
      c.createUser({ userName: uniqueEmail('ro'), givenName: 'R', familyName: 'O' }),
      'READ_ONLY_TENANT',
    );
    await expectScimError(c.setActive('any', false), 'READ_ONLY_TENANT');
    await expectScimError(c.deleteUser('any'), 'READ_ONLY_TENANT');
    await expectScimError(c.createGroup('x'), 'READ_ONLY_TENANT');
    await expectScimError(c.addMembers('g', ['u']), 'READ_ONLY_TENANT');
    await expectScimError(c.removeMember('g', 'u'), 'READ_ONLY_TENANT');
    await expectScimError(c.deleteGroup('g'), 'READ_ONLY_TENANT');
    expect(sandbox.stats().requests).toBe(before);
  });

  it('answers 400 invalidFilter for a malformed filter', async () => {
    const response = await fetch(`${sandbox.baseUrl}/Users?filter=${encodeURIComponent('userName eq')}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ scimType: 'invalidFilter', status: '400' });
  });
});
