import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../../shared/domain/directory';
import type { ImportFile, ImportPlanView, JobItem, JobView } from '../../../shared/domain/jobs';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import { call, ended, failure } from '../testing/core-calls';
import { testDeps } from '../testing/deps';

const tenantId = SANDBOX_TENANT_ID;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

function start(files: { open?: string; save?: string } = {}, size = { members: 60, groups: 4 }) {
  const deps = testDeps({ fetch: globalThis.fetch, sandbox: size });
  core = createCore({
    ...deps,
    dialogs: {
      openFile: async () => (files.open ? path.join(deps.dataDir, files.open) : null),
      saveFile: async () => (files.save ? path.join(deps.dataDir, files.save) : null),
    },
  });
  return { core, dataDir: deps.dataDir };
}

describe('jobs and imports (against the in-process Sandbox)', () => {
  it('deactivates a selection as a job: progress, per-item results, audit entries carrying the job id', async () => {
    const { core: c } = start();
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    const picked = dir.members.filter((m) => m.active).slice(0, 12);
    const job = await call<JobView>(c, 'jobs.startBulk', {
      tenantId,
      action: 'deactivate',
      members: picked.map((m) => ({ id: m.id, userName: m.userName })),
    });
    expect(job).toMatchObject({ title: 'Deactivate 12 members', total: 12 });
    const end = await ended(c, job.id);
    expect(end).toMatchObject({ state: 'finished', done: 12, failed: 0 });
    const after = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't2' });
    for (const m of picked) expect(after.members.find((x) => x.id === m.id)?.active).toBe(false);
    const items = await call<{ items: JobItem[]; total: number }>(c, 'jobs.items', {
      jobId: job.id,
      state: null,
      offset: 0,
      limit: 50,
    });
    expect(items.total).toBe(12);
    expect(items.items.every((i) => i.state === 'done' && i.result === 'deactivated')).toBe(true);
    const audit = await call<{ entries: Array<{ action: string; jobId: string | null }> }>(c, 'audit.query', {
      filter: { target: picked[0]!.id },
      before: null,
      limit: 10,
    });
    expect(audit.entries.some((e) => e.action === 'member.deactivate' && e.jobId === job.id)).toBe(true);
  });

  it('needs the number typed to delete in bulk, and refuses every job write on a read-only tenant', async () => {
    const { core: c } = start();
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    const members = dir.members.slice(0, 3).map((m) => ({ id: m.id, userName: m.userName }));
    expect(await failure(c, 'jobs.startBulk', { tenantId, action: 'delete', members, confirmCount: 2 })).toBe(
      'CONFIRMATION_REQUIRED',
    );
    await call(c, 'tenants.open', { tenantId, readOnly: true });
    expect(await failure(c, 'jobs.startBulk', { tenantId, action: 'deactivate', members })).toBe('READ_ONLY_TENANT');
    expect(await call<{ jobs: JobView[] }>(c, 'jobs.list', { tenantId })).toEqual({ jobs: [] });
  });

  it('imports a CSV: mapping suggested and remembered, plan with a dry run, typed confirmation, apply, report', async () => {
    const { core: c, dataDir } = start({ open: 'members.csv', save: 'report.csv' });
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    const active = dir.members.filter((m) => m.active);
    const group = dir.groups[0]!;
    const lines = [
      'Email Address [Required],First Name [Required],Last Name [Required],Status [READ ONLY],Groups',
      `new.one@acme.example,New,One,Active,${group.displayName}`,
      `${active[0]!.userName.toUpperCase()},X,Y,Suspended,`,
      'broken-email,A,B,Active,',
    ];
    writeFileSync(path.join(dataDir, 'members.csv'), lines.join('\r\n') + '\r\n');
    const file = await call<ImportFile>(c, 'import.chooseFile', { tenantId, taskId: 'read' });
    expect(file).toMatchObject({ source: 'google', rows: 3, mappingRemembered: false });
    expect(file.mapping).toEqual({ userName: 0, givenName: 1, familyName: 2, active: 3, groups: 4 });
    const options = { deactivateMissing: false, createUnknownGroups: false, removeUnlistedGroups: false };
    const plan = await call<ImportPlanView & { planId: string }>(c, 'import.plan', {
      tenantId,
      importId: file.importId,
      mapping: file.mapping,
      options,
      taskId: 'plan',
    });
    expect(plan.counts).toMatchObject({ create: 1, deactivate: 1, addToGroup: 1, rejected: 1 });
    expect(plan.issues.map((i) => [i.row, i.severity])).toEqual([[4, 'error']]);
    expect(plan.issues[0]!.message).toContain('not a valid email');
    expect(plan.steps.find((s) => s.type === 'create')?.request).toMatchObject({ method: 'POST', path: '/Users' });
    // 1 of the active members is under 10%: no typed confirmation. Deactivating everyone missing is over it.
    expect(plan.safeguard.required).toBe(false);
    const risky = await call<ImportPlanView & { planId: string }>(c, 'import.plan', {
      tenantId,
      importId: file.importId,
      mapping: file.mapping,
      options: { ...options, deactivateMissing: true },
      taskId: 'plan2',
    });
    expect(risky.safeguard.required).toBe(true);
    expect(
      await failure(c, 'import.apply', { tenantId, importId: file.importId, planId: risky.planId, confirmation: null }),
    ).toBe('CONFIRMATION_REQUIRED');
    // The safe plan again (plans are replaced: the old id is refused).
    expect(
      await failure(c, 'import.apply', { tenantId, importId: file.importId, planId: plan.planId, confirmation: null }),
    ).toBe('IMPORT_EXPIRED');
    const again = await call<ImportPlanView & { planId: string }>(c, 'import.plan', {
      tenantId,
      importId: file.importId,
      mapping: file.mapping,
      options,
      taskId: 'plan3',
    });
    const job = await call<JobView>(c, 'import.apply', {
      tenantId,
      importId: file.importId,
      planId: again.planId,
      confirmation: null,
    });
    expect(await ended(c, job.id)).toMatchObject({ state: 'finished', done: 3, failed: 0 });
    const after = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't3' });
    const created = after.members.find((m) => m.userName === 'new.one@acme.example');
    expect(created?.groupIds).toContain(group.id);
    expect(after.members.find((m) => m.id === active[0]!.id)?.active).toBe(false);
    // The report, per step with its row.
    await call(c, 'jobs.exportReport', { jobId: job.id });
    const report = readFileSync(path.join(dataDir, 'report.csv'), 'utf8').trim().split('\n');
    expect(report[0]).toBe('row,action,member,group,state,result,error');
    expect(report.slice(1).sort()).toEqual(
      [
        `2,create,new.one@acme.example,,done,created,`,
        `2,add to group,new.one@acme.example,${group.displayName},done,added,`,
        `3,deactivate,${active[0]!.userName},,done,deactivated,`,
      ].sort(),
    );
    // The mapping is remembered for these columns.
    const reread = await call<ImportFile>(c, 'import.chooseFile', { tenantId, taskId: 'read2' });
    expect(reread.mappingRemembered).toBe(true);
  });

  it('reads back its own member export without loss (round trip)', async () => {
    const { core: c, dataDir } = start({ open: 'export.csv', save: 'export.csv' });
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    await call(c, 'members.export', { tenantId, memberIds: dir.members.map((m) => m.id), format: 'csv' });
    const file = await call<ImportFile>(c, 'import.chooseFile', { tenantId, taskId: 'r' });
    expect(file.source).toBe('console');
    expect(file.rows).toBe(dir.members.length);
    const plan = await call<ImportPlanView>(c, 'import.plan', {
      tenantId,
      importId: file.importId,
      mapping: file.mapping,
      options: { deactivateMissing: true, createUnknownGroups: false, removeUnlistedGroups: true },
      taskId: 'p',
    });
    // The tenant already is what its export says: nothing to do, nothing rejected.
    expect(plan.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(plan.stepCount).toBe(0);
    expect(plan.counts.noChange).toBe(dir.members.length);
    expect(readFileSync(path.join(dataDir, 'export.csv'), 'utf8').split('\n')[0]).toContain('userName');
  });
});
