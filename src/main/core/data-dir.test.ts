import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_TENANT_ID } from '../../shared/domain/tenant';
import { createCore } from './app-core';
import { testDeps } from './testing/deps';
import { mountTmpfs, type Mount } from './testing/mounts';

let mount: Mount | null = null;
afterEach(() => {
  mount?.release();
  mount = null;
});

describe('a data folder that takes no writes (a read-only file system)', () => {
  it('starts anyway, names the folder, and refuses what it could not record', async (ctx) => {
    const made = mountTmpfs({ sizeBytes: 1024 * 1024, readOnly: true });
    if (typeof made === 'string') return ctx.skip(made);
    mount = made;
    const core = createCore(testDeps({ dataDir: made.dir }));
    expect(core.startupProblem).toContain(made.dir);
    expect(core.startupProblem).toMatch(/read-only file system/);

    const info = await core.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { startupProblem: core.startupProblem } });

    const jobs = await core.dispatch('jobs.list', { tenantId: null });
    expect(jobs).toMatchObject({ ok: false, error: { code: 'DATA_DIR_UNWRITABLE' } });
    expect(jobs.ok ? '' : jobs.error.message).toContain(made.dir);

    const audit = await core.dispatch('audit.status', {});
    expect(audit).toMatchObject({ ok: true, value: { state: 'unavailable' } });
    expect(JSON.stringify(audit)).toContain(made.dir);

    // A write to the Sandbox would have no audit intent: refused before anything is sent.
    const write = await core.dispatch('members.provision', {
      tenantId: SANDBOX_TENANT_ID,
      userName: 'new.person@acme-design.example',
      givenName: 'New',
      familyName: 'Person',
    });
    expect(write).toMatchObject({ ok: false, error: { code: 'DATA_DIR_UNWRITABLE' } });

    // Reading still works.
    expect((await core.dispatch('tenants.list', {})).ok).toBe(true);
    await core.close();
  });
});
