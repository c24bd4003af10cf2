import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Directory } from '../../../shared/domain/directory';
import type { JobView } from '../../../shared/domain/jobs';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import type { UndoPlanView } from '../../../shared/domain/undo';
import { createCore, type Core } from '../app-core';
import { call, ended, failure, readAndPlan } from '../testing/core-calls';
import { testDeps } from '../testing/deps';

const tenantId = SANDBOX_TENANT_ID;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

function start(size: { members: number; groups: number }, file = 'leavers.csv', clock?: { now: () => number }) {
  const deps = testDeps({ fetch: globalThis.fetch, sandbox: size, ...(clock ? { clock } : {}) });
  core = createCore({
    ...deps,
    dialogs: {
      openFile: async () => path.join(deps.dataDir, file),
      saveFile: async () => path.join(deps.dataDir, 'report.csv'),
    },
  });
  return { core, dataDir: deps.dataDir };
}

/** Each member's state as a comparable map: active and sorted group ids. */
function stateOf(dir: Directory): Map<string, string> {
  const groups = new Map<string, Set<string>>();
  for (const m of dir.members) groups.set(m.id, new Set(m.groupIds));
  for (const g of dir.groups) for (const id of g.memberIds) groups.get(id)?.add(g.id);
  return new Map(dir.members.map((m) => [m.id, `${m.active}|${[...groups.get(m.id)!].sort().join(',')}`]));
}

const planJob = (c: Core, jobId: string, recreateDeleted = false) =>
  call<UndoPlanView>(c, 'undo.planJob', { tenantId, jobId, recreateDeleted, taskId: 'undo-plan' });
const applyUndo = async (c: Core, plan: UndoPlanView) => {
  const job = await call<JobView>(c, 'undo.apply', {
    tenantId,
    planId: plan.planId,
    confirmation: plan.safeguard.phrase,
    taskId: 'undo-apply',
  });
  return { job, end: await ended(c, job.id) };
};

describe('undo of a job', () => {
  it('takes back 1,000 deactivations and 300 group removals exactly, skipping and listing what changed since', async () => {
    const { core: c, dataDir } = start({ members: 1_500, groups: 6 });
    const before = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'before' });
    const groupName = new Map(before.groups.map((g) => [g.id, g.displayName]));
    const leavers = before.members.filter((m) => m.active).slice(0, 1_000);
    // Each leaver's row names their groups, except one group for the first leavers, until 300 are left out.
    let removals = 0;
    const removed: Array<{ memberId: string; groupId: string }> = [];
    const rows = leavers.map((m) => {
      const groups = [...m.groupIds];
      if (removals < 300 && groups.length > 0) {
        removed.push({ memberId: m.id, groupId: groups.shift()! });
        removals += 1;
      }
      return `${m.userName},Suspended,"${groups.map((g) => groupName.get(g)).join(';')}"`;
    });
    expect(removals).toBe(300);
    writeFileSync(path.join(dataDir, 'leavers.csv'), ['Email,Status,Groups', ...rows].join('\r\n') + '\r\n');
    const plan = await readAndPlan(c, tenantId, {
      deactivateMissing: false,
      createUnknownGroups: false,
      removeUnlistedGroups: true,
    });
    expect(plan.counts).toMatchObject({ deactivate: 1_000, removeFromGroup: 300, addToGroup: 0 });
    const job = await call<JobView>(c, 'import.apply', {
      tenantId,
      importId: plan.importId,
      planId: plan.planId,
      confirmation: plan.safeguard.phrase,
    });
    expect(await ended(c, job.id)).toMatchObject({ state: 'finished', done: 1_300, failed: 0 });

    // Each write's audit intent records what it changed from: here a batch of removals.
    const batch = await call<{ entries: AuditEntry[] }>(c, 'audit.query', {
      filter: { action: 'group.removeMembers' },
      before: null,
      limit: 1,
    });
    const inGroup = (batch.entries[0]!.request as { before: { inGroup: Record<string, boolean> } }).before.inGroup;
    expect(Object.keys(inGroup).length).toBeGreaterThan(0);
    expect(Object.values(inGroup).every(Boolean)).toBe(true);

    // In between, a colleague reactivates 20 of the leavers and puts 10 of the removed memberships back.
    const reactivated = leavers.slice(500, 520);
    for (const m of reactivated) await call(c, 'members.reactivate', { tenantId, memberId: m.id });
    const readded = removed.slice(100, 110);
    for (const r of readded) {
      await call(c, 'groups.addMembers', { tenantId, groupId: r.groupId, memberIds: [r.memberId], taskId: null });
    }

    const undo = await planJob(c, job.id);
    expect(undo).toMatchObject({
      undoOf: `job:${job.id}`,
      stepCount: 1_300,
      counts: { reactivate: 1_000, addToGroup: 300, deactivate: 0, removeFromGroup: 0, recreate: 0 },
      stale: 30,
      notUndone: 0,
      safeguard: { required: true, phrase: 'undo 1300' },
    });
    expect(new Set(undo.staleExamples.map((e) => e.reason))).toEqual(
      new Set([
        'changed since the plan: the member was reactivated meanwhile',
        'changed since the plan: the member was added to the group meanwhile',
      ]),
    );
    // Without the typed phrase, nothing is written.
    expect(await failure(c, 'undo.apply', { tenantId, planId: undo.planId, confirmation: null, taskId: 't' })).toBe(
      'CONFIRMATION_REQUIRED',
    );
    const { job: undoJob, end } = await applyUndo(c, undo);
    expect(end).toMatchObject({ state: 'finished', done: 1_270, skipped: 30, failed: 0 });
    const { items: skipped } = await call<{ items: Array<{ description: string; result: string | null }> }>(
      c,
      'jobs.items',
      { jobId: undoJob.id, state: 'skipped', offset: 0, limit: 100 },
    );
    expect(skipped).toHaveLength(30);
    expect(skipped.every((i) => i.result === 'stale')).toBe(true);

    // Zero drift: the whole tenant, read again, is what it was before the job.
    const after = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'after' });
    const was = stateOf(before);
    const now = stateOf(after);
    const drift = [...was].filter(([id, state]) => now.get(id) !== state);
    expect(drift).toEqual([]);
    expect(now.size).toBe(was.size);

    // Linked both ways, in Jobs and in the audit history.
    const jobs = await call<{ jobs: JobView[] }>(c, 'jobs.list', { tenantId });
    expect(jobs.jobs.find((j) => j.id === job.id)?.undoneBy).toBe(undoJob.id);
    expect(jobs.jobs.find((j) => j.id === undoJob.id)).toMatchObject({
      kind: 'undo',
      undoOf: `job:${job.id}`,
      title: `Undo: ${job.title}`,
    });
    const events = await call<{ entries: AuditEntry[] }>(c, 'audit.query', {
      filter: { action: 'job.undo' },
      before: null,
      limit: 10,
    });
    expect(events.entries[0]).toMatchObject({ target: `job:${job.id}`, jobId: undoJob.id });

    // The undo is undone the same way: its 1,270 changes, from the state each one recorded.
    const redo = await planJob(c, undoJob.id);
    expect(redo).toMatchObject({
      undoOf: `job:${undoJob.id}`,
      stepCount: 1_270,
      counts: { deactivate: 980, removeFromGroup: 290 },
      stale: 0,
    });
  }, 180_000);

  it('re-creates deleted members only when asked, with their names, state and groups, under new ids', async () => {
    const { core: c, dataDir } = start({ members: 60, groups: 3 });
    const before = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'before' });
    const targets = before.members.filter((m) => m.groupIds.length > 0).slice(0, 3);
    const job = await call<JobView>(c, 'jobs.startBulk', {
      tenantId,
      action: 'delete',
      members: targets.map((m) => ({ id: m.id, userName: m.userName })),
      confirmCount: targets.length,
    });
    expect(await ended(c, job.id)).toMatchObject({ done: 3 });
    // A bulk job's report numbers its steps and names actions as a person would.
    await call(c, 'jobs.exportReport', { jobId: job.id });
    const report = readFileSync(path.join(dataDir, 'report.csv'), 'utf8').trim().split('\n');
    expect(report[0]).toBe('step,action,member,group,state,result,error');
    expect(report[1]).toBe(`1,delete,${targets[0]!.userName},,done,deleted,`);

    const listed = await planJob(c, job.id);
    expect(listed).toMatchObject({ stepCount: 0, notUndone: 3, deleted: 3, recreateDeleted: false });
    expect(listed.notUndoneExamples[0]!.reason).toContain('SCIM cannot bring a member back');
    expect(await failure(c, 'undo.apply', { tenantId, planId: listed.planId, confirmation: null, taskId: 't' })).toBe(
      'INVALID_INPUT',
    );

    const recreate = await planJob(c, job.id, true);
    const memberships = targets.reduce((n, m) => n + m.groupIds.length, 0);
    expect(recreate.counts).toMatchObject({ recreate: 3, addToGroup: memberships });
    expect(recreate.notUndone).toBe(0);
    await applyUndo(c, recreate);
    const after = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'after' });
    for (const t of targets) {
      const back = after.members.find((m) => m.userName === t.userName)!;
      expect(back.id).not.toBe(t.id);
      expect(back).toMatchObject({ givenName: t.givenName, familyName: t.familyName, active: t.active });
      const groups = after.groups.filter((g) => g.memberIds.includes(back.id)).map((g) => g.id);
      expect(groups.sort()).toEqual([...t.groupIds].sort());
    }
  }, 60_000);
});

describe('members changed since the change an undo takes back', () => {
  it('skips a member changed again after the job, even back to the same state, unless the admin undoes it anyway', async () => {
    // The journal's clock runs as the user's does (the unit clock is frozen), against the Sandbox's Date.
    const { core: c } = start({ members: 40, groups: 2 }, undefined, { now: () => Date.now() });
    const before = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'before' });
    const targets = before.members.filter((m) => m.active).slice(0, 6);
    const job = await call<JobView>(c, 'jobs.startBulk', {
      tenantId,
      action: 'deactivate',
      members: targets.map((m) => ({ id: m.id, userName: m.userName })),
      confirmCount: targets.length,
    });
    expect(await ended(c, job.id)).toMatchObject({ done: 6 });
    // Past the clock margin, a colleague reactivates three of them and deactivates them again: the
    // state is as the job left it, but the members were changed since.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const [a, b, d] = targets;
    for (const m of [a!, b!, d!]) {
      await call(c, 'members.reactivate', { tenantId, memberId: m.id });
      await call(c, 'members.deactivate', { tenantId, memberId: m.id });
    }

    const plan = await planJob(c, job.id);
    expect(plan).toMatchObject({ stepCount: 6, stale: 0, changed: 3, changedMembers: 3 });
    expect(new Set(plan.changedExamples.map((e) => e.member))).toEqual(
      new Set([a, b, d].map((m) => m!.userName.toLowerCase())),
    );
    expect(plan.changedExamples[0]!.reason).toMatch(
      /^changed since the plan: the member was changed at .+ after the change being undone$/,
    );

    // The check counts what stays skipped with the admin's choice: A is undone anyway.
    const anyway = { all: false, members: [a!.userName.toLowerCase()] };
    const checked = await call<{ stale: number }>(c, 'undo.check', {
      tenantId,
      planId: plan.planId,
      undoAnyway: anyway,
      taskId: 'check',
    });
    expect(checked.stale).toBe(2);
    const job2 = await call<JobView>(c, 'undo.apply', {
      tenantId,
      planId: plan.planId,
      confirmation: plan.safeguard.phrase,
      undoAnyway: anyway,
      taskId: 'apply',
    });
    expect(await ended(c, job2.id)).toMatchObject({ state: 'finished', done: 4, skipped: 2, failed: 0 });
    const after = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'after' });
    const activeNow = new Map(after.members.map((m) => [m.id, m.active]));
    expect(targets.map((m) => activeNow.get(m.id))).toEqual([true, false, false, true, true, true]);
    // The audit history says which members the admin chose to undo anyway.
    const undone = await call<{ entries: AuditEntry[] }>(c, 'audit.query', {
      filter: { action: 'job.undo' },
      before: null,
      limit: 1,
    });
    expect(undone.entries[0]!.detail).toMatchObject({ undoneAnyway: [a!.userName.toLowerCase()] });
  }, 60_000);
});

describe('undo of a single action', () => {
  it('reactivates a member deactivated by hand, from its audit entry, and skips when it changed since', async () => {
    const { core: c } = start({ members: 30, groups: 2 });
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'load' });
    const [a, b] = dir.members.filter((m) => m.active);
    for (const m of [a!, b!]) await call(c, 'members.deactivate', { tenantId, memberId: m.id });
    const entryOf = async (memberId: string) =>
      (
        await call<{ entries: AuditEntry[] }>(c, 'audit.query', {
          filter: { action: 'member.deactivate', target: memberId },
          before: null,
          limit: 1,
        })
      ).entries[0]!;
    const entry = await entryOf(a!.id);
    // The intent records what it changed from.
    expect(entry.request).toMatchObject({ before: { active: true } });

    const plan = await call<UndoPlanView>(c, 'undo.planEntry', {
      tenantId,
      entryId: entry.id,
      recreateDeleted: false,
      taskId: 'p',
    });
    expect(plan).toMatchObject({ stepCount: 1, counts: { reactivate: 1 }, stale: 0 });
    const { end } = await applyUndo(c, plan);
    expect(end).toMatchObject({ done: 1 });
    const member = await call<{ row: { active: boolean } }>(c, 'members.get', { tenantId, memberId: a!.id });
    expect(member.row.active).toBe(true);

    // B was reactivated by someone else meanwhile: the undo skips it and says why.
    await call(c, 'members.reactivate', { tenantId, memberId: b!.id });
    const stale = await call<UndoPlanView>(c, 'undo.planEntry', {
      tenantId,
      entryId: (await entryOf(b!.id)).id,
      recreateDeleted: false,
      taskId: 'p',
    });
    expect(stale).toMatchObject({ stepCount: 1, stale: 1 });
    expect(stale.staleExamples[0]!.reason).toBe('changed since the plan: the member was reactivated meanwhile');

    // A change the console cannot take back says so.
    await call(c, 'groups.create', { tenantId, displayName: 'Interns' });
    const created = await call<{ entries: AuditEntry[] }>(c, 'audit.query', {
      filter: { action: 'group.create' },
      before: null,
      limit: 1,
    });
    expect(
      await failure(c, 'undo.planEntry', {
        tenantId,
        entryId: created.entries[0]!.id,
        recreateDeleted: false,
        taskId: 'p',
      }),
    ).toBe('UNDO_UNAVAILABLE');
  }, 60_000);
});
