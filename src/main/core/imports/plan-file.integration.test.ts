import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { ImportPlanView, JobView } from '../../../shared/domain/jobs';
import { SANDBOX_TENANT_ID, type TenantView } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { call, ended, failure, readAndPlan } from '../testing/core-calls';
import { testDeps } from '../testing/deps';

const TOKEN = 'plan-file-test-token-0123456789';
let sandbox: Sandbox;
const cores: Core[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, members: 60, groups: 3, seed: 5 });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

/** An installation of the console (its own data folder and signing key) with the shared tenant added. */
async function installation(files: { open: string | null; save: string | null }) {
  const deps = testDeps({ fetch: globalThis.fetch });
  const core = createCore({
    ...deps,
    dialogs: { openFile: async () => files.open, saveFile: async () => files.save },
  });
  cores.push(core);
  const added = await call<{ tenant: TenantView }>(core, 'tenants.add', {
    name: 'Acme Design',
    baseUrl: sandbox.baseUrl,
    token: TOKEN,
    readOnly: false,
  });
  return { core, dataDir: deps.dataDir, tenantId: added.tenant.id };
}

type Plan = ImportPlanView & { planId: string };

describe('a plan as a file another installation applies', () => {
  it('is reviewed and applied elsewhere after its signature and tenant are checked; tampering and the wrong tenant are refused', async () => {
    const files = { open: null as string | null, save: null as string | null };
    const planner = await installation(files);
    const users = sandbox.store.listUsers(null) as Array<{ userName: string; active: boolean }>;
    const leavers = users.filter((u) => u.active).slice(0, 3);
    const csv = path.join(planner.dataDir, 'leavers.csv');
    writeFileSync(csv, ['Email,Status', ...leavers.map((u) => `${u.userName},Suspended`)].join('\n') + '\n');
    files.open = csv;
    const plan = await readAndPlan(planner.core, planner.tenantId);
    const planFile = path.join(planner.dataDir, 'leavers-plan.json');
    files.save = planFile;
    const exported = await call<{ path: string; signed: boolean }>(planner.core, 'import.exportPlan', {
      tenantId: planner.tenantId,
      importId: plan.importId,
    });
    expect(exported).toMatchObject({ path: planFile, signed: true });

    // A colleague's installation opens it for the same tenant.
    const applierFiles = { open: planFile, save: null };
    const applier = await installation(applierFiles);
    const opened = await call<Plan>(applier.core, 'import.openPlan', { tenantId: applier.tenantId });
    expect(opened.counts).toEqual(plan.counts);
    expect(opened.stepCount).toBe(3);
    expect(opened.origin).toMatchObject({ fileName: 'leavers-plan.json', byThisInstallation: false });
    const check = await call<{ stale: number }>(applier.core, 'import.checkPlan', {
      tenantId: applier.tenantId,
      importId: opened.importId,
      planId: opened.planId,
      taskId: 'check',
    });
    expect(check.stale).toBe(0);
    // It cannot be planned again where its CSV is not.
    expect(
      await failure(applier.core, 'import.plan', {
        tenantId: applier.tenantId,
        importId: opened.importId,
        mapping: { userName: 0, givenName: null, familyName: null, groups: null, active: 1 },
        options: { deactivateMissing: false, createUnknownGroups: false, removeUnlistedGroups: false },
        taskId: 'p',
      }),
    ).toBe('IMPORT_EXPIRED');
    const job = await call<JobView>(applier.core, 'import.apply', {
      tenantId: applier.tenantId,
      importId: opened.importId,
      planId: opened.planId,
      confirmation: null,
    });
    expect(await ended(applier.core, job.id)).toMatchObject({ done: 3, failed: 0 });
    for (const l of leavers) {
      const now = (sandbox.store.listUsers(null) as Array<{ userName: string; active: boolean }>).find(
        (u) => u.userName === l.userName,
      );
      expect(now?.active).toBe(false);
    }
    // The applier's audit history says who planned and who applied.
    const applied = await call<{ entries: AuditEntry[] }>(applier.core, 'audit.query', {
      filter: { action: 'import.planApplied' },
      before: null,
      limit: 1,
    });
    const detail = applied.entries[0]!.detail as { plannedBy: string; appliedBy: string; jobId: string };
    expect(detail.plannedBy).toBe(opened.origin!.plannedBy);
    expect(detail.appliedBy).not.toBe(detail.plannedBy);
    expect(detail.jobId).toBe(job.id);

    // The wrong tenant (the applier's own Sandbox) is refused, with the reason.
    const wrongTenant = await applier.core.dispatch('import.openPlan', { tenantId: SANDBOX_TENANT_ID });
    expect(wrongTenant.ok ? '' : wrongTenant.error.message).toContain('it was made for Acme Design');

    // A plan changed after it was signed is refused.
    const text = readFileSync(planFile, 'utf8');
    writeFileSync(planFile, text.replace(leavers[0]!.userName, 'someone.else@example.com'));
    const tampered = await applier.core.dispatch('import.openPlan', { tenantId: applier.tenantId });
    expect(tampered.ok ? '' : tampered.error.message).toContain('it was changed after it was signed');
  }, 60_000);

  it('refuses the planner as the applier when the tenant asks for four eyes', async () => {
    const files = { open: null as string | null, save: null as string | null };
    const planner = await installation(files);
    const users = sandbox.store.listUsers(null) as Array<{ userName: string; active: boolean }>;
    const csv = path.join(planner.dataDir, 'one.csv');
    writeFileSync(csv, `Email,Status\n${users.find((u) => u.active)!.userName},Suspended\n`);
    files.open = csv;
    const plan = await readAndPlan(planner.core, planner.tenantId);
    files.save = path.join(planner.dataDir, 'one-plan.json');
    await call(planner.core, 'import.exportPlan', { tenantId: planner.tenantId, importId: plan.importId });
    await call(planner.core, 'tenants.update', {
      tenantId: planner.tenantId,
      name: 'Acme Design',
      readOnly: false,
      requireSeparateApplier: true,
    });
    files.open = files.save;
    const opened = await call<Plan>(planner.core, 'import.openPlan', { tenantId: planner.tenantId });
    expect(opened.origin?.byThisInstallation).toBe(true);
    const refused = await planner.core.dispatch('import.apply', {
      tenantId: planner.tenantId,
      importId: opened.importId,
      planId: opened.planId,
      confirmation: null,
    });
    expect(refused.ok ? '' : refused.error.message).toContain('applied by another installation');
  }, 60_000);
});
