import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../../shared/domain/directory';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import type { Sandbox } from '../sandbox/server';
import { createScimClient } from '../scim/client';
import { createLimiter } from '../scim/limiter';
import { createTransport } from '../scim/transport';
import { applyPlan, call, readAndPlan } from '../testing/core-calls';
import { testDeps } from '../testing/deps';
import { openJournal } from './journal';
import { createJobRunner } from './runner';

/**
 * A server whose `userName eq` filter compares case-exactly (RFC 7643 makes userName caseExact
 * false): the console must still find a member typed in another case, and create each member once.
 */
const tenantId = SANDBOX_TENANT_ID;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

async function start(open: string | null = null) {
  const deps = testDeps({ fetch: globalThis.fetch, sandbox: { members: 30, groups: 2 } });
  core = createCore({
    ...deps,
    dialogs: { openFile: async () => (open ? path.join(deps.dataDir, open) : null), saveFile: async () => null },
  });
  const sandbox = await core.services.sandbox.ensure();
  sandbox.configure({ caseExactFilter: true });
  return { core, sandbox, dataDir: deps.dataDir };
}

/** Members of the Sandbox with this userName, ignoring case. */
const namesakes = (sandbox: Sandbox, userName: string) =>
  (sandbox.store.listUsers(null) as Array<{ id: string; userName: string }>).filter(
    (u) => u.userName.toLowerCase() === userName.toLowerCase(),
  );

function seedMember(sandbox: Sandbox, userName: string): string {
  return String(sandbox.store.createUser({ userName, name: { givenName: 'Mixed', familyName: 'Case' } }).id);
}

describe('provisioning on a server whose userName filter is case-exact', () => {
  it('single: finds the member typed in another case, with or without a listing, and never creates a second', async () => {
    const { core: c, sandbox } = await start();
    const id = seedMember(sandbox, 'Mixed.Case@Acme.example');
    // No listing yet: the filter misses, the POST meets 409 uniqueness, and the console looks again ignoring case.
    const first = await call<{ member: { id: string }; outcome: string }>(c, 'members.provision', {
      tenantId,
      userName: 'mixed.case@acme.example',
      givenName: 'Mixed',
      familyName: 'Case',
    });
    expect(first).toMatchObject({ outcome: 'existing', member: { id } });
    // With a listing: found there, and nothing is POSTed at all.
    await call<Directory>(c, 'directory.load', { tenantId, taskId: 'load' });
    sandbox.resetStats();
    const second = await call<{ member: { id: string }; outcome: string }>(c, 'members.provision', {
      tenantId,
      userName: 'MIXED.CASE@ACME.EXAMPLE',
      givenName: 'Mixed',
      familyName: 'Case',
    });
    expect(second).toMatchObject({ outcome: 'existing', member: { id } });
    expect(sandbox.stats().byMethod.POST ?? 0).toBe(0);
    expect(namesakes(sandbox, 'mixed.case@acme.example')).toHaveLength(1);
  });

  it('bulk: a job’s create step that meets 409 uniqueness settles on the existing member', async () => {
    const { sandbox } = await start();
    const id = seedMember(sandbox, 'Bulk.Person@Acme.example');
    const journal = openJournal(path.join(mkdtempSync(path.join(tmpdir(), 'case-exact-')), 'jobs.sqlite'));
    const jobId = await journal.create({
      tenantId,
      kind: 'bulk',
      title: 'create',
      ops: [{ type: 'create' as const, userName: 'bulk.person@acme.example', givenName: 'Bulk', familyName: 'Person' }],
    });
    const client = createScimClient({
      transport: createTransport({
        baseUrl: sandbox.baseUrl,
        getToken: () => core!.services.sandbox.token(),
        fetch: globalThis.fetch,
        limiter: createLimiter({ concurrency: 4, requestsPerSecond: null }),
      }),
      readOnly: false,
    });
    const job = await createJobRunner({ journal, clientFor: async () => client }).start(jobId);
    const [step] = journal.page(jobId, null, 0, 1);
    journal.close();
    expect(job.counts).toMatchObject({ done: 1, failed: 0 });
    expect(step).toMatchObject({ result: 'existing', resourceId: id });
    expect(namesakes(sandbox, 'bulk.person@acme.example')).toHaveLength(1);
    expect(client.capabilities().quirks.caseExactUserNameFilter).toBe(true);
  });

  it('import: a member in the listing in another case is not created, nor one who appeared after the plan', async () => {
    const { core: c, sandbox, dataDir } = await start('people.csv');
    seedMember(sandbox, 'Listed.Person@Acme.example');
    writeFileSync(
      path.join(dataDir, 'people.csv'),
      'Email,First name,Last name\r\nlisted.person@acme.example,Listed,Person\r\nlate.joiner@acme.example,Late,Joiner\r\n',
    );
    const plan = await readAndPlan(c, tenantId);
    // The listing is matched ignoring case: only the late joiner is new.
    expect(plan.counts).toMatchObject({ create: 1, noChange: 1 });
    // Someone (the IdP) creates the late joiner, in another case, between the plan and the apply:
    // the apply reads the tenant again and skips the step, as changed since the plan.
    const late = seedMember(sandbox, 'Late.Joiner@Acme.example');
    const { job, end } = await applyPlan(c, tenantId, plan);
    expect(end).toMatchObject({ state: 'finished', done: 0, skipped: 1, failed: 0 });
    const items = await call<{ items: Array<{ result: string | null; errorMessage: string | null }> }>(
      c,
      'jobs.items',
      { jobId: job.id, state: null, offset: 0, limit: 10 },
    );
    expect(items.items).toEqual([
      expect.objectContaining({
        result: 'stale',
        errorMessage: 'changed since the plan: a member with this userName now exists',
      }),
    ]);
    expect(namesakes(sandbox, 'listed.person@acme.example')).toHaveLength(1);
    expect(namesakes(sandbox, 'late.joiner@acme.example').map((u) => u.id)).toEqual([late]);
  });
});
