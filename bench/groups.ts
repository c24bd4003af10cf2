import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Member } from '../src/shared/domain/scim';
import { planImport, type TenantSnapshot } from '../src/main/core/imports/plan';
import { openJournal, type Journal } from '../src/main/core/jobs/journal';
import type { Operation } from '../src/main/core/jobs/operations';
import { planRequests } from '../src/main/core/jobs/plan-requests';
import { createJobRunner } from '../src/main/core/jobs/runner';
import { createScimClient, type ScimClient } from '../src/main/core/scim/client';
import { createGroupLocks } from '../src/main/core/scim/group-locks';
import { createLimiter, type Limiter } from '../src/main/core/scim/limiter';
import { createTransport } from '../src/main/core/scim/transport';
import { spread } from './lib/rounds';
import { startSandboxProcess, type SandboxProcess } from './lib/sandbox-process';

/**
 * `npm run bench -- groups`: add 5,000 members to an empty group and remove 2,500 of them, against
 * a Sandbox process with 50 ms latency, 20 requests/s and group PATCHes applied as
 * read-modify-write: (a) as bulk jobs, (b) as imports (planned from a CSV-shaped sheet against the
 * listing), and, in the same rounds, (floor) the same batched requests sent bare with fetch, paced
 * at the rate limit, with no journal, audit or parsing. (c) is the old one-member-per-request engine,
 * modelled: a PATCH and a read of the whole group per member. Rounds alternate the three; medians
 * with their ranges.
 */
const MEMBERS = 5_000;
const REMOVED = 2_500;
const RATE = 20;
const LATENCY_MS = 50;
const RMW_MS = 10;
const BATCH = 100;
const ROUNDS = Number(process.env.GROUPS_BENCH_ROUNDS ?? 5);

interface Run {
  seconds: number;
  requests: number;
  rateLimited: number;
  referencesRead: number;
  lost: number;
  failed: number;
  planned: number | null;
}

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function makeClient(sandbox: SandboxProcess, limiter: Limiter): ScimClient {
  return createScimClient({
    transport: createTransport({
      baseUrl: sandbox.baseUrl,
      getToken: async () => sandbox.token,
      fetch: globalThis.fetch,
      limiter,
    }),
    readOnly: false,
    groupLocks: createGroupLocks(),
  });
}

async function resetStats(sandbox: SandboxProcess): Promise<void> {
  await fetch(new URL('/__sandbox/stats', sandbox.baseUrl), {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${sandbox.token}` },
  });
  // A full token bucket for every run.
  await new Promise((r) => setTimeout(r, 1_100));
}

async function runJob(journal: Journal, client: ScimClient, ops: Operation[]): Promise<number> {
  const jobId = await journal.create({ tenantId: 'bench', kind: 'bulk', title: 'groups', ops });
  const job = await createJobRunner({ journal, clientFor: async () => client }).start(jobId);
  return job.counts.failed;
}

async function lostOf(client: ScimClient, groupId: string, expected: Member[]): Promise<number> {
  const group = await client.getGroup(groupId);
  const present = new Set(group.members.map((m) => m.id));
  const extra = group.members.length - expected.filter((m) => present.has(m.id)).length;
  return expected.filter((m) => !present.has(m.id)).length + extra;
}

/** Runs the jobs one after the other on a quiet, full-bucket Sandbox; times them and checks the group after. */
async function timedJobs(
  sandbox: SandboxProcess,
  client: ScimClient,
  file: string,
  jobs: Operation[][],
  groupId: string,
  users: Member[],
): Promise<Omit<Run, 'planned'>> {
  const journal = openJournal(file);
  await resetStats(sandbox);
  const started = performance.now();
  let failed = 0;
  for (const ops of jobs) failed += await runJob(journal, client, ops);
  const seconds = (performance.now() - started) / 1000;
  journal.close();
  const run = {
    seconds,
    ...(await sandbox.requestCounts()),
    referencesRead: client.membershipReferencesRead(),
    lost: await lostOf(client, groupId, users.slice(REMOVED)),
    failed,
  };
  // Every round starts with the members in no group (the reads bring back each member's groups).
  await client.deleteGroup(groupId);
  return run;
}

const membership = (type: 'addToGroup' | 'removeFromGroup', g: { id: string; displayName: string }, m: Member) =>
  ({ type, userName: m.userName, userId: m.id, groupId: g.id, groupName: g.displayName }) as Operation;

/** (a) The selection-based bulk jobs, as jobs.startBulk makes them. */
async function bulk(sandbox: SandboxProcess, users: Member[], dir: string, round: number): Promise<Run> {
  const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true });
  const client = makeClient(sandbox, limiter);
  const group = await client.createGroup(`Bench bulk ${round}`);
  const adds = users.map((m) => membership('addToGroup', group, m));
  const removes = users.slice(0, REMOVED).map((m) => membership('removeFromGroup', group, m));
  return {
    ...(await timedJobs(sandbox, client, path.join(dir, `bulk-${round}.sqlite`), [adds, removes], group.id, users)),
    planned: null,
  };
}

/** (b) Two imports: every member with the group, then half of them with no group (remove unlisted). */
async function imports(sandbox: SandboxProcess, users: Member[], dir: string, round: number): Promise<Run> {
  const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true });
  const client = makeClient(sandbox, limiter);
  const group = await client.createGroup(`Bench import ${round}`);
  const sheet = (members: Member[], groups: string) => ({
    headers: ['Email', 'First name', 'Last name', 'Groups'],
    rows: members.map((m, i) => ({ row: i + 2, cells: [m.userName, 'Bench', 'Member', groups] })),
    issues: [],
  });
  const mapping = { userName: 0, givenName: 1, familyName: 2, active: null, groups: 3 };
  const options = { deactivateMissing: false, createUnknownGroups: false, removeUnlistedGroups: true };
  const snapshot = (inGroup: boolean): TenantSnapshot => ({
    members: users.map((m) => ({
      id: m.id,
      userName: m.userName,
      active: m.active,
      groupIds: inGroup ? [group.id] : [],
    })),
    groups: [{ id: group.id, displayName: group.displayName }],
  });
  const first = planImport(sheet(users, group.displayName), mapping, snapshot(false), options);
  const second = planImport(sheet(users.slice(0, REMOVED), ''), mapping, snapshot(true), options);
  const planned = planRequests(first.steps, BATCH).total + planRequests(second.steps, BATCH).total;
  const jobs = [first.steps.map((s) => s.op), second.steps.map((s) => s.op)];
  return {
    ...(await timedJobs(sandbox, client, path.join(dir, `import-${round}.sqlite`), jobs, group.id, users)),
    planned,
  };
}

/**
 * The floor: the same batched PATCHes and reads with bare fetch, paced at the rate limit: the
 * PATCHes of the group one after another, each read sent as soon as its PATCH is answered.
 */
async function floor(sandbox: SandboxProcess, users: Member[], round: number): Promise<Run> {
  const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true });
  const group = await makeClient(sandbox, limiter).createGroup(`Bench floor ${round}`);
  const headers = { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/scim+json' };
  await resetStats(sandbox);
  const started = performance.now();
  let slot = 0;
  /** Waits for the next of RATE slots per second, then sends; waits out a 429 if one comes anyway. */
  const send = async (url: URL | string, init: RequestInit): Promise<void> => {
    for (;;) {
      const due = started + (slot++ * 1000) / RATE - performance.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      const response = await fetch(url, { ...init, headers });
      await response.arrayBuffer();
      if (response.status !== 429) return;
    }
  };
  const batches = [
    ...Array.from({ length: MEMBERS / BATCH }, (_, i) => ['add', users.slice(i * BATCH, (i + 1) * BATCH)] as const),
    ...Array.from({ length: REMOVED / BATCH }, (_, i) => ['remove', users.slice(i * BATCH, (i + 1) * BATCH)] as const),
  ];
  const reads: Array<Promise<void>> = [];
  for (const [change, part] of batches) {
    const Operations =
      change === 'add'
        ? [{ op: 'add', path: 'members', value: part.map((m) => ({ value: m.id })) }]
        : part.map((m) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(m.id)}]` }));
    await send(`${sandbox.baseUrl}/Groups/${group.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ schemas: [PATCH_SCHEMA], Operations }),
    });
    const read = new URL(`${sandbox.baseUrl}/Users`);
    read.searchParams.set('filter', part.map((m) => `id eq ${JSON.stringify(m.id)}`).join(' or '));
    read.searchParams.set('attributes', 'groups');
    reads.push(send(read, { method: 'GET' }));
  }
  await Promise.all(reads);
  const seconds = (performance.now() - started) / 1000;
  const stats = await sandbox.requestCounts();
  await makeClient(sandbox, limiter).deleteGroup(group.id);
  return {
    seconds,
    requests: stats.requests,
    rateLimited: stats.rateLimited,
    referencesRead: 0,
    lost: 0,
    failed: 0,
    planned: null,
  };
}

export async function groupsBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scim-bench-groups-'));
  const sandbox = await startSandboxProcess([
    '--members',
    String(MEMBERS),
    '--groups',
    '0',
    '--latency-ms',
    String(LATENCY_MS),
    '--rate',
    String(RATE),
    '--read-modify-write-ms',
    String(RMW_MS),
  ]);
  try {
    const reader = makeClient(sandbox, createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true }));
    const users = (await reader.listUsers()).items.slice(0, MEMBERS);
    if (users.length !== MEMBERS) throw new Error(`the Sandbox has ${users.length} members, not ${MEMBERS}`);
    const changed = MEMBERS + REMOVED;
    const batches = Math.ceil(MEMBERS / BATCH) + Math.ceil(REMOVED / BATCH);
    const limitSeconds = (batches * 2) / RATE;
    // (c) The old engine: a PATCH per member, then a read of the whole group as it stands.
    const old = {
      requests: changed * 2,
      referencesRead: (MEMBERS * (MEMBERS + 1)) / 2 + ((MEMBERS - 1 + (MEMBERS - REMOVED)) * REMOVED) / 2,
      seconds: (changed * 2) / RATE,
    };
    const runs: Record<'bulk' | 'import' | 'floor', Run[]> = { bulk: [], import: [], floor: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate the order so that no mode always runs first.
      const order = round % 2 === 0 ? (['floor', 'bulk', 'import'] as const) : (['import', 'bulk', 'floor'] as const);
      for (const mode of order) {
        const run =
          mode === 'bulk'
            ? await bulk(sandbox, users, dir, round)
            : mode === 'import'
              ? await imports(sandbox, users, dir, round)
              : await floor(sandbox, users, round);
        runs[mode].push(run);
        console.log(
          `round ${round + 1} ${mode}: ${run.seconds.toFixed(2)} s, ${run.requests} requests (${run.rateLimited} answered 429), ${run.referencesRead} member references read, ${run.lost} lost, ${run.failed} failed${run.planned === null ? '' : `, plan counted ${run.planned}`}`,
        );
      }
    }
    const summary = (mode: 'bulk' | 'import') => {
      const r = runs[mode];
      const requests = spread(r.map((x) => x.requests));
      return {
        seconds: spread(r.map((x) => x.seconds)),
        requests,
        requestsPer100: Math.round((requests.median / (changed / 100)) * 100) / 100,
        referencesRead: spread(r.map((x) => x.referencesRead)),
        ratioToLimit: spread(r.map((x) => x.seconds / limitSeconds)),
        ratioToFloor: spread(r.map((x, i) => x.seconds / runs.floor[i]!.seconds)),
        fewerThanOld: Math.round(old.requests / requests.median),
        lost: Math.max(...r.map((x) => x.lost)),
        failed: Math.max(...r.map((x) => x.failed)),
        // The plan counts the requests the job sends; a 429 answered is sent again, so it is left out.
        ...(mode === 'import' ? { planMatches: r.every((x) => x.planned === x.requests - x.rateLimited) } : {}),
      };
    };
    const result = {
      bench: 'groups',
      members: MEMBERS,
      removed: REMOVED,
      rateLimit: RATE,
      latencyMs: LATENCY_MS,
      readModifyWriteMs: RMW_MS,
      limitSeconds,
      floorSeconds: spread(runs.floor.map((x) => x.seconds)),
      bulk: summary('bulk'),
      import: summary('import'),
      oldEngine: old,
    };
    for (const mode of ['bulk', 'import'] as const) {
      const s = result[mode];
      console.log(
        `${mode}: ${s.requestsPer100} requests per 100 members changed (target <= 2.2), wall ${s.ratioToLimit.median}x the limit (target <= 1.3; range ${s.ratioToLimit.min}-${s.ratioToLimit.max}), ${s.ratioToFloor.median}x the bare-fetch floor, ${s.fewerThanOld}x fewer requests than the old engine (target >= 50), ${s.lost} memberships lost`,
      );
    }
    return result;
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
