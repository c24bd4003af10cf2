import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../../shared/domain/directory';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import type { Operation } from './operations';
import type { JobView } from '../../../shared/domain/jobs';
import { call, ended, readAndPlan } from '../testing/core-calls';
import { testDeps } from '../testing/deps';
import { staleSteps, type TenantNow } from './staleness';

const tenantId = SANDBOX_TENANT_ID;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

describe('stale steps', () => {
  const now: TenantNow = {
    members: [
      { id: 'u1', userName: 'ana@x.example', active: true, groupIds: ['g1'] },
      { id: 'u2', userName: 'bo@x.example', active: false, groupIds: [] },
      { id: 'u3', userName: 'cy@x.example', active: true, groupIds: [] },
    ],
    groups: [
      { id: 'g1', displayName: 'Design', memberIds: ['u1'] },
      { id: 'g2', displayName: 'Research', memberIds: [] },
    ],
  };
  it('names every step whose expected state no longer holds, and leaves the rest', () => {
    const ops: Operation[] = [
      { type: 'create', userName: 'CY@x.example', givenName: 'C', familyName: 'Y' }, // 0: exists now
      { type: 'create', userName: 'new@x.example', givenName: 'N', familyName: 'W' },
      { type: 'setActive', userName: 'ana@x.example', userId: 'u1', active: false },
      { type: 'setActive', userName: 'bo@x.example', userId: 'u2', active: false }, // 3: deactivated meanwhile
      { type: 'setActive', userName: 'gone@x.example', userId: 'u9', active: true }, // 4: gone
      { type: 'addToGroup', userName: 'ana@x.example', userId: 'u1', groupId: 'g1', groupName: 'Design' }, // 5
      { type: 'addToGroup', userName: 'bo@x.example', userId: 'u2', groupId: 'g1', groupName: 'Design' },
      { type: 'removeFromGroup', userName: 'bo@x.example', userId: 'u2', groupId: 'g1', groupName: 'Design' }, // 7
      { type: 'addToGroup', userName: 'new@x.example', userId: null, groupId: null, groupName: 'Fresh' }, // 8: no group
      { type: 'createGroup', groupName: 'research' }, // 9: exists now
      { type: 'delete', userName: 'gone@x.example', userId: 'u9' }, // 10
    ];
    expect(staleSteps(ops, now)).toEqual([
      { index: 0, reason: 'changed since the plan: a member with this userName now exists' },
      { index: 3, reason: 'changed since the plan: the member was deactivated meanwhile' },
      { index: 4, reason: 'changed since the plan: the member no longer exists' },
      { index: 5, reason: 'changed since the plan: the member was added to the group meanwhile' },
      { index: 7, reason: 'changed since the plan: the member was removed from the group meanwhile' },
      { index: 8, reason: 'changed since the plan: the group no longer exists' },
      { index: 9, reason: 'changed since the plan: a group with this name now exists' },
      { index: 10, reason: 'changed since the plan: the member no longer exists' },
    ]);
    // A member and a group the plan itself creates are not looked for in the tenant.
    expect(staleSteps([ops[1]!, ops[8]!, { type: 'createGroup', groupName: 'Fresh' }], now)).toEqual([]);
  });
});

describe('a plan applied after the tenant changed', () => {
  it('skips exactly the 50 steps whose members changed since the plan, writes the rest, and reports why', async () => {
    const deps = testDeps({ fetch: globalThis.fetch, sandbox: { members: 400, groups: 4 } });
    const report = path.join(deps.dataDir, 'report.csv');
    core = createCore({
      ...deps,
      dialogs: {
        openFile: async () => path.join(deps.dataDir, 'leavers.csv'),
        saveFile: async () => report,
      },
    });
    const c = core;
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'load' });
    const leavers = dir.members.filter((m) => m.active).slice(0, 200);
    writeFileSync(
      path.join(deps.dataDir, 'leavers.csv'),
      ['Email,Status', ...leavers.map((m) => `${m.userName},Suspended`)].join('\r\n') + '\r\n',
    );
    const plan = await readAndPlan(c, tenantId);
    expect(plan.counts).toMatchObject({ deactivate: 200 });
    // A colleague (or the IdP) deactivates 50 of them between the plan and the apply.
    const changed = leavers.slice(50, 100);
    for (const m of changed) await call(c, 'members.deactivate', { tenantId, memberId: m.id });

    // Checked before applying: the plan view says how many went stale, and why.
    const checked = await call<{ stale: number; examples: Array<{ row: number; reason: string }> }>(
      c,
      'import.checkPlan',
      { tenantId, importId: plan.importId, planId: plan.planId, taskId: 'check' },
    );
    expect(checked.stale).toBe(50);
    expect(checked.examples).toHaveLength(20);
    expect(checked.examples[0]).toEqual({
      row: 52,
      description: `deactivate ${changed[0]!.userName}`,
      reason: 'changed since the plan: the member was deactivated meanwhile',
    });

    // More than 10% of the active members: the plan asks for the typed confirmation.
    const job = await call<JobView>(c, 'import.apply', {
      tenantId,
      importId: plan.importId,
      planId: plan.planId,
      confirmation: plan.safeguard.phrase,
    });
    const end = await ended(c, job.id);
    expect(end).toMatchObject({ state: 'finished', done: 150, skipped: 50, failed: 0 });
    const { items: stale } = await call<{
      items: Array<{ description: string; state: string; result: string | null; errorMessage: string | null }>;
    }>(c, 'jobs.items', { jobId: job.id, state: 'skipped', offset: 0, limit: 500 });
    expect(stale).toHaveLength(50);
    expect(stale.every((i) => i.result === 'stale')).toBe(true);
    expect(new Set(stale.map((i) => i.errorMessage))).toEqual(
      new Set(['changed since the plan: the member was deactivated meanwhile']),
    );
    expect(new Set(stale.map((i) => i.description.split(' ').pop()))).toEqual(new Set(changed.map((m) => m.userName)));

    // The tenant: all 200 inactive, each of the 50 deactivated once (by the colleague), not twice.
    const after = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'after' });
    const inactive = new Set(after.members.filter((m) => !m.active).map((m) => m.id));
    expect(leavers.every((m) => inactive.has(m.id))).toBe(true);

    // The report says which and why.
    await call(c, 'jobs.exportReport', { jobId: job.id });
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    const staleLines = lines.filter((l) => l.includes(',skipped,stale,'));
    expect(staleLines).toHaveLength(50);
    expect(staleLines[0]).toContain('changed since the plan: the member was deactivated meanwhile');
  }, 60_000);
});
