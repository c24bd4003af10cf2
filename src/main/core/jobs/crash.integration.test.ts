import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { openJournal } from './journal';
import type { Operation } from './operations';
import { inverseOf } from '../undo/inverse';

const ROOT = path.resolve(__dirname, '../../../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const WORKER = path.join(__dirname, 'testing/job-worker.ts');
const TOKEN = 'crash-test-token-0123456789';

interface WorkerRun {
  ended: string | null;
  killed: boolean;
  inFlightAtStart: number;
}

/** Runs the job in a separate process; kills its whole process group with SIGKILL after `killAfterMs`. */
function runWorker(journalFile: string, baseUrl: string, jobId: string, killAfterMs: number | null, retry = false) {
  return new Promise<WorkerRun>((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, WORKER, journalFile, baseUrl, jobId, ...(retry ? ['retry'] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
      env: { ...process.env, SCIM_TOKEN: TOKEN },
    });
    const run: WorkerRun = { ended: null, killed: false, inFlightAtStart: 0 };
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const ready = /^ready inflight=(\d+)/.exec(line);
        if (ready) run.inFlightAtStart = Number(ready[1]);
        if (ready && killAfterMs !== null) {
          setTimeout(() => {
            if (run.ended === null) {
              run.killed = true;
              process.kill(-child.pid!, 'SIGKILL');
            }
          }, killAfterMs);
        }
        const end = /^end (\w+) /.exec(line);
        if (end) run.ended = end[1]!;
      }
    });
    child.once('exit', () => resolve(run));
    child.once('error', reject);
  });
}

/** Runs the job to its end, then retries what the faults made fail (as an admin would press Retry failed). */
async function runToEnd(file: string, jobId: string): Promise<WorkerRun> {
  const first = await runWorker(file, sandbox.baseUrl, jobId, null);
  let last = first;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const check = openJournal(file);
    const failed = check.job(jobId)!.counts.failed;
    check.close();
    if (failed === 0) break;
    last = await runWorker(file, sandbox.baseUrl, jobId, null, true);
  }
  return { ...last, inFlightAtStart: first.inFlightAtStart };
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, members: 200, groups: 5, seed: 7 });
});
afterAll(async () => {
  await sandbox.close();
});

describe('a journalled import under SIGKILL', () => {
  it('ends exactly as planned after 3 to 5 kills with 20% injected faults: no duplicate, no POST for an existing member', async () => {
    const users = sandbox.store.listUsers(null) as Array<{ id: string; userName: string; active: boolean }>;
    const groups = sandbox.store.listGroups(null, false) as Array<{ id: string; displayName: string }>;
    const target = groups[0]!;
    const toDeactivate = users.filter((u) => u.active).slice(0, 200);
    expect(toDeactivate.length).toBeGreaterThan(100);
    // 1,000 rows: 800 new members (200 of them also put in a group), the rest existing members deactivated.
    const fresh = Array.from({ length: 800 }, (_, i) => `crash.import.${i}@example.com`);
    const ops: Operation[] = [
      ...fresh.map((userName, i) => ({
        type: 'create' as const,
        userName,
        givenName: `Given${i}`,
        familyName: `Family${i}`,
      })),
      ...toDeactivate.map((u) => ({ type: 'setActive' as const, userName: u.userName, userId: u.id, active: false })),
      ...fresh.slice(0, 200).map((userName) => ({
        type: 'addToGroup' as const,
        userName,
        userId: null,
        groupId: target.id,
        groupName: target.displayName,
      })),
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'jobs-crash-'));
    const file = path.join(dir, 'jobs.sqlite');
    const journal = openJournal(file);
    const jobId = await journal.create({ tenantId: 'sandbox', kind: 'import', title: 'crash test import', ops });
    journal.close();

    sandbox.configure({ errorRate: 0.17, dropRate: 0.05, latencyMs: 5, jitterMs: 10 });
    sandbox.resetStats();
    const kills = 3 + Math.floor(Math.random() * 3);
    let killed = 0;
    let reconciledInFlight = 0;
    for (let k = 0; k < kills; k += 1) {
      const run = await runWorker(file, sandbox.baseUrl, jobId, 300 + Math.floor(Math.random() * 1500));
      reconciledInFlight += run.inFlightAtStart;
      if (run.killed) killed += 1;
    }
    const last = await runToEnd(file, jobId);
    reconciledInFlight += last.inFlightAtStart;
    const stats = sandbox.stats();
    sandbox.configure({ errorRate: 0, dropRate: 0, latencyMs: 0, jitterMs: 0 });
    console.log(
      `jobs crash test: ${killed} of ${kills} runs killed, ${reconciledInFlight} steps found in flight and reconciled, ${stats.requests} requests, ${stats.dropped} dropped, ${(stats.byStatus['500'] ?? 0) + (stats.byStatus['503'] ?? 0)} answered 5xx`,
    );
    expect(killed).toBeGreaterThanOrEqual(3);
    expect(last.ended).toBe('finished');

    const after = openJournal(file);
    const job = after.job(jobId)!;
    expect(job.counts).toMatchObject({ done: ops.length, failed: 0, in_flight: 0, planned: 0 });
    // This job created every one of them, also those its killed runs left in flight.
    const creates = after.page(jobId, null, 0, ops.length).filter((o) => o.op.type === 'create');
    expect(creates.filter((o) => o.result !== 'created').map((o) => `${o.seq}:${o.result}`)).toEqual([]);
    after.close();

    // The tenant ends exactly as planned.
    const now = sandbox.store.listUsers(null) as Array<{ id: string; userName: string; active: boolean }>;
    const byName = new Map<string, Array<{ id: string; active: boolean }>>();
    for (const u of now) byName.set(u.userName.toLowerCase(), [...(byName.get(u.userName.toLowerCase()) ?? []), u]);
    for (const userName of fresh) {
      expect(byName.get(userName)?.length ?? 0, userName).toBe(1);
      expect(byName.get(userName)![0]!.active).toBe(true);
    }
    for (const u of toDeactivate) expect(now.find((x) => x.id === u.id)?.active, u.userName).toBe(false);
    const group = sandbox.store.getGroup(target.id) as { members?: Array<{ value: string }> };
    const memberIds = new Set((group.members ?? []).map((m) => m.value));
    for (const userName of fresh.slice(0, 200))
      expect(memberIds.has(byName.get(userName)![0]!.id), userName).toBe(true);
    expect(now.length).toBe(users.length + fresh.length);
    // No POST was ever sent for a member who already existed (the Sandbox answers those 409).
    expect(stats.byStatus['409'] ?? 0).toBe(0);
  }, 600_000);

  it('ends with exactly the planned memberships after kills during batches of 100: adds and removes, resumed by reading the groups', async () => {
    const users = Array.from(
      { length: 1_200 },
      (_, i) =>
        sandbox.store.createUser({
          userName: `crash.batch.${i}@example.com`,
          name: { givenName: 'Batch', familyName: `${i}` },
        }) as { id: string; userName: string },
    );
    const [addTo, removeFrom] = [`Crash adds ${Date.now()}`, `Crash removes ${Date.now()}`].map(
      (displayName) => sandbox.store.createGroup({ displayName }) as { id: string; displayName: string },
    ) as [{ id: string; displayName: string }, { id: string; displayName: string }];
    const leaving = users.slice(0, 500);
    sandbox.store.patchGroup(removeFrom.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: users.slice(0, 800).map((u) => ({ value: u.id })) }],
    });
    const joining = users.slice(0, 1_200);
    const step =
      (type: 'addToGroup' | 'removeFromGroup', g: { id: string; displayName: string }) =>
      (u: { id: string; userName: string }): Operation => ({
        type,
        userName: u.userName,
        userId: u.id,
        groupId: g.id,
        groupName: g.displayName,
      });
    // Interleaved, as an import of a file would list them.
    const ops: Operation[] = [];
    for (let i = 0; i < joining.length; i += 1) {
      ops.push(step('addToGroup', addTo)(joining[i]!));
      if (leaving[i]) ops.push(step('removeFromGroup', removeFrom)(leaving[i]!));
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'jobs-crash-batches-'));
    const file = path.join(dir, 'jobs.sqlite');
    const journal = openJournal(file);
    const jobId = await journal.create({ tenantId: 'sandbox', kind: 'bulk', title: 'crash test batches', ops });
    journal.close();

    // Slow answers, so that most kills land while a batch of 100 is between its PATCH and its read.
    sandbox.configure({ errorRate: 0.1, latencyMs: 250, jitterMs: 50 });
    let killed = 0;
    let resumedWithBatchInFlight = 0;
    for (let k = 0; k < 12 && (killed < 3 || resumedWithBatchInFlight === 0); k += 1) {
      const run = await runWorker(file, sandbox.baseUrl, jobId, 500 + Math.floor(Math.random() * 700));
      if (run.inFlightAtStart > 0) resumedWithBatchInFlight += 1;
      if (run.killed) killed += 1;
    }
    const last = await runToEnd(file, jobId);
    if (last.inFlightAtStart > 0) resumedWithBatchInFlight += 1;
    sandbox.configure({ errorRate: 0, latencyMs: 0, jitterMs: 0 });
    console.log(
      `jobs crash test (batches): ${killed} runs killed, ${resumedWithBatchInFlight} resumed with a batch in flight`,
    );
    expect(killed).toBeGreaterThanOrEqual(3);
    expect(resumedWithBatchInFlight).toBeGreaterThanOrEqual(1);
    expect(last.ended).toBe('finished');

    const after = openJournal(file);
    expect(after.job(jobId)!.counts).toMatchObject({ done: ops.length, failed: 0, in_flight: 0, planned: 0 });
    after.close();
    const members = (id: string) =>
      new Set(
        ((sandbox.store.getGroup(id) as { members?: Array<{ value: string }> }).members ?? []).map((m) => m.value),
      );
    const added = members(addTo.id);
    expect(added.size).toBe(joining.length);
    for (const u of joining) expect(added.has(u.id), u.userName).toBe(true);
    const left = members(removeFrom.id);
    expect(left.size).toBe(300);
    for (const u of leaving) expect(left.has(u.id), u.userName).toBe(false);
  }, 600_000);

  it('resumes an undo after kills like any job, and ends with the tenant back in its before-state', async () => {
    const users = Array.from(
      { length: 400 },
      (_, i) =>
        sandbox.store.createUser({
          userName: `crash.undo.${i}@example.com`,
          name: { givenName: 'Undo', familyName: `${i}` },
        }) as { id: string; userName: string },
    );
    const group = sandbox.store.createGroup({ displayName: `Crash undo ${Date.now()}` }) as {
      id: string;
      displayName: string;
    };
    sandbox.store.patchGroup(group.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: users.slice(0, 250).map((u) => ({ value: u.id })) }],
    });
    const state = () => {
      const members = new Set(
        ((sandbox.store.getGroup(group.id) as { members?: Array<{ value: string }> }).members ?? []).map(
          (m) => m.value,
        ),
      );
      return users.map((u) => {
        const now = sandbox.store.getUser(u.id) as { active: boolean };
        return `${u.id}:${now.active}:${members.has(u.id)}`;
      });
    };
    const before = state();
    // The job: 300 deactivated, 250 removed from the group, each step with the state it changes from.
    const ops: Operation[] = [
      ...users.slice(0, 300).map((u) => ({
        type: 'setActive' as const,
        userName: u.userName,
        userId: u.id,
        active: false,
        before: { active: true },
      })),
      ...users.slice(0, 250).map((u) => ({
        type: 'removeFromGroup' as const,
        userName: u.userName,
        userId: u.id,
        groupId: group.id,
        groupName: group.displayName,
        before: { member: true },
      })),
    ];
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'jobs-crash-undo-')), 'jobs.sqlite');
    const journal = openJournal(file);
    const jobId = await journal.create({ tenantId: 'sandbox', kind: 'bulk', title: 'crash test job', ops });
    journal.close();
    expect((await runToEnd(file, jobId)).ended).toBe('finished');

    // Its undo, built from the journal as the console builds it, journalled as a job linked to it.
    const read = openJournal(file);
    const lookup = { memberId: () => null, groupId: () => null };
    const inverse = read.page(jobId, null, 0, ops.length).flatMap((step) => {
      const undo = inverseOf(step, lookup, false);
      return undo.kind === 'steps' ? undo.ops : [];
    });
    expect(inverse).toHaveLength(550);
    const undoId = await read.create({
      tenantId: 'sandbox',
      kind: 'undo',
      title: 'Undo: crash test job',
      ops: inverse,
      undoOf: `job:${jobId}`,
    });
    read.close();

    sandbox.configure({ errorRate: 0.1, latencyMs: 150, jitterMs: 50 });
    let killed = 0;
    for (let k = 0; k < 8 && killed < 3; k += 1) {
      const run = await runWorker(file, sandbox.baseUrl, undoId, 400 + Math.floor(Math.random() * 600));
      if (run.killed) killed += 1;
    }
    const last = await runToEnd(file, undoId);
    sandbox.configure({ errorRate: 0, latencyMs: 0, jitterMs: 0 });
    expect(killed).toBeGreaterThanOrEqual(3);
    expect(last.ended).toBe('finished');
    const after = openJournal(file);
    expect(after.job(undoId)).toMatchObject({
      undoOf: `job:${jobId}`,
      counts: { done: 550, failed: 0, in_flight: 0, planned: 0 },
    });
    expect(after.undoneBy(`job:${jobId}`)).toBe(undoId);
    after.close();
    expect(state()).toEqual(before);
  }, 600_000);
});
