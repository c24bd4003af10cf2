import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NO_FAULTS } from '../sandbox/faults';
import { createScimClient, type ScimClient } from '../scim/client';
import { createGroupLocks, type GroupLocks } from '../scim/group-locks';
import { createLimiter } from '../scim/limiter';
import { createTransport } from '../scim/transport';
import { openJournal, type Journal } from './journal';
import type { Operation } from './operations';
import { createJobRunner } from './runner';

const TOKEN = 'membership-test-token-0123456789';
let sandbox: Sandbox;
let journal: Journal;

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, members: 400, groups: 4, seed: 11 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  journal = openJournal(path.join(mkdtempSync(path.join(tmpdir(), 'membership-')), 'jobs.sqlite'));
});
afterEach(() => {
  sandbox.configure(NO_FAULTS);
  journal.close();
});

function clientFor(locks: GroupLocks = createGroupLocks()): ScimClient {
  const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true });
  return createScimClient({
    transport: createTransport({
      baseUrl: sandbox.baseUrl,
      getToken: async () => TOKEN,
      fetch: globalThis.fetch,
      limiter,
      backoff: { baseMs: 10, capMs: 50 },
    }),
    readOnly: false,
    verifyDelayMs: 10,
    groupLocks: locks,
  });
}

const users = () => sandbox.store.listUsers(null) as Array<{ id: string; userName: string }>;
const membersOf = (groupId: string) =>
  new Set(
    ((sandbox.store.getGroup(groupId) as { members?: Array<{ value: string }> }).members ?? []).map((m) => m.value),
  );

/** A fresh, empty group in the Sandbox. */
function emptyGroup(name: string): { id: string; displayName: string } {
  return sandbox.store.createGroup({ displayName: `${name} ${Math.random().toString(36).slice(2, 8)}` }) as {
    id: string;
    displayName: string;
  };
}

const adds = (group: { id: string; displayName: string }, members: Array<{ id: string; userName: string }>) =>
  members.map((u): Operation => ({
    type: 'addToGroup',
    userName: u.userName,
    userId: u.id,
    groupId: group.id,
    groupName: group.displayName,
  }));

const removes = (group: { id: string; displayName: string }, members: Array<{ id: string; userName: string }>) =>
  members.map((u): Operation => ({
    type: 'removeFromGroup',
    userName: u.userName,
    userId: u.id,
    groupId: group.id,
    groupName: group.displayName,
  }));

async function runJob(ops: Operation[], client: ScimClient = clientFor()) {
  const jobId = await journal.create({ tenantId: 't', kind: 'bulk', title: 'membership', ops });
  const runner = createJobRunner({ journal, clientFor: async () => client });
  const job = await runner.start(jobId);
  const steps = journal.page(jobId, null, 0, ops.length);
  return { job, steps, jobId };
}

describe('group membership steps in batches', () => {
  it('adds 250 and removes 120 with one PATCH and one read per 100 members, each member with its own result', async () => {
    const target = emptyGroup('Batched');
    const all = users();
    const first = adds(target, all.slice(0, 250));
    const setup = await runJob(first);
    expect(setup.job.counts).toMatchObject({ done: 250, failed: 0 });
    expect(setup.steps.every((s) => s.result === 'added')).toBe(true);
    sandbox.resetStats();
    const { job, steps } = await runJob(removes(target, all.slice(0, 120)));
    const stats = sandbox.stats();
    expect(job.counts).toMatchObject({ done: 120, failed: 0 });
    expect(steps.every((s) => s.result === 'removed' && s.resourceId !== null)).toBe(true);
    expect(stats.byMethod.PATCH).toBe(2);
    expect(stats.requests).toBeLessThanOrEqual(4);
    const now = membersOf(target.id);
    expect(now.size).toBe(130);
    for (const u of all.slice(0, 120)) expect(now.has(u.id)).toBe(false);
    for (const u of all.slice(120, 250)) expect(now.has(u.id)).toBe(true);
  });

  it('splits a batch the server refuses until the members that cause it are found; the others are added', async () => {
    const target = emptyGroup('Bisect');
    const good = users().slice(0, 97);
    const ghosts = ['ghost-a', 'ghost-b', 'ghost-c'].map((id) => ({ id, userName: `${id}@example.com` }));
    const ops = adds(target, [
      ...good.slice(0, 40),
      ghosts[0]!,
      ...good.slice(40, 80),
      ghosts[1]!,
      ...good.slice(80),
      ghosts[2]!,
    ]);
    const { job, steps } = await runJob(ops);
    expect(job.counts).toMatchObject({ done: 97, failed: 3 });
    const failed = steps.filter((s) => s.state === 'failed');
    expect(failed.map((s) => ('userName' in s.op ? s.op.userName : '')).sort()).toEqual(
      ghosts.map((g) => g.userName).sort(),
    );
    expect(failed.every((s) => s.errorCode === 'SCIM_BAD_REQUEST')).toBe(true);
    const now = membersOf(target.id);
    for (const u of good) expect(now.has(u.id)).toBe(true);
  });

  it('learns a smaller batch from a 413 and keeps it in the profile', async () => {
    sandbox.configure({ groupPatchMax: 30 });
    const target = emptyGroup('Small batches');
    const client = clientFor();
    const { job } = await runJob(adds(target, users().slice(0, 150)), client);
    expect(job.counts).toMatchObject({ done: 150, failed: 0 });
    expect(client.capabilities().quirks.groupPatchMax).toBeLessThanOrEqual(30);
    expect(client.membershipBatchSize()).toBeLessThanOrEqual(30);
    expect(membersOf(target.id).size).toBe(150);
  });

  it('loses nothing when two jobs change one group at once on a server that applies PATCHes as read-modify-write', async () => {
    sandbox.configure({ readModifyWriteMs: 40 });
    const target = emptyGroup('Concurrent');
    const all = users();
    // The tenant's clients share one set of group locks, as the app's clients do.
    const locks = createGroupLocks();
    const jobA = adds(target, all.slice(0, 150));
    const jobB = adds(target, all.slice(150, 300));
    const jobC = all.slice(300, 340).flatMap((u) => adds(target, [u]));
    const results = await Promise.all(
      [jobA, jobB, jobC].map(async (ops, i) => {
        const jobId = await journal.create({ tenantId: 't', kind: 'bulk', title: `job ${i}`, ops });
        const client = clientFor(locks);
        return createJobRunner({ journal, clientFor: async () => client }).start(jobId);
      }),
    );
    for (const job of results) expect(job.counts.failed).toBe(0);
    const now = membersOf(target.id);
    expect(now.size).toBe(340);
    for (const u of all.slice(0, 340)) expect(now.has(u.id), u.userName).toBe(true);
  });

  it('settles with the members’ own groups where the server fills them, and records the read it used', async () => {
    const target = emptyGroup('Reads');
    const client = clientFor();
    await runJob(adds(target, users().slice(0, 20)), client);
    expect(client.capabilities().quirks.membershipRead).toBe('userGroups');

    sandbox.configure({ omitUserGroups: true });
    const other = emptyGroup('Reads without groups');
    const plain = clientFor();
    const { job } = await runJob(adds(other, users().slice(0, 20)), plain);
    expect(job.counts).toMatchObject({ done: 20, failed: 0 });
    expect(plain.capabilities().quirks.membershipRead).toBe('groupMembers');
  });

  it('reports a member the server answered 2xx for but did not change as a silent no-op, alone', async () => {
    const target = emptyGroup('No-op');
    sandbox.configure({ ssoInactive: true });
    const { job, steps } = await runJob(adds(target, users().slice(0, 5)));
    expect(job.counts).toMatchObject({ done: 0, failed: 5 });
    expect(steps.every((s) => s.errorCode === 'SCIM_SILENT_NO_OP')).toBe(true);
  });

  it('settles a batch a crash left in flight by reading the group, never by sending it again', async () => {
    const target = emptyGroup('Resume');
    const all = users().slice(0, 100);
    const jobId = await journal.create({ tenantId: 't', kind: 'bulk', title: 'resume', ops: adds(target, all) });
    // The crash: the batch was journalled in flight and its PATCH reached the server for 60 of them.
    journal.beginOps(
      jobId,
      all.map((_, i) => i),
    );
    sandbox.store.patchGroup(target.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: all.slice(0, 60).map((u) => ({ value: u.id })) }],
    });
    sandbox.resetStats();
    const client = clientFor();
    const job = await createJobRunner({ journal, clientFor: async () => client }).start(jobId);
    expect(job.counts).toMatchObject({ done: 100, failed: 0, in_flight: 0 });
    const patches = sandbox.stats().byMethod.PATCH ?? 0;
    // One PATCH, for the 40 the first attempt did not reach.
    expect(patches).toBe(1);
    expect(membersOf(target.id).size).toBe(100);
  });
});
