import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../../shared/domain/directory';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import { applyPlan, call, readAndPlan } from '../testing/core-calls';
import { testDeps } from '../testing/deps';
import type { Operation } from './operations';
import { planRequests } from './plan-requests';

const add = (userName: string, groupId: string | null, groupName = 'Design'): Operation => ({
  type: 'addToGroup',
  userName,
  userId: null,
  groupId,
  groupName,
});

describe('the requests a plan will send', () => {
  it('batches membership steps per group and change, after the member steps, each write read back once', () => {
    const steps = [
      ...Array.from({ length: 150 }, (_, i) => ({ row: i + 2, op: add(`a${i}@x.example`, 'g1') })),
      { row: 200, op: { type: 'create', userName: 'new@x.example', givenName: 'N', familyName: 'W' } as Operation },
      ...Array.from({ length: 30 }, (_, i) => ({ row: i + 300, op: add(`b${i}@x.example`, null, 'New group') })),
      {
        row: 400,
        op: { type: 'removeFromGroup', userName: 'c@x.example', userId: 'u-c', groupId: 'g1', groupName: 'Design' },
      } as { row: number; op: Operation },
    ];
    const planned = planRequests(steps, 100);
    expect(planned.writes).toBe(1 + 2 + 1 + 1);
    expect(planned.total).toBe(planned.writes * 2);
    expect(planned.requests.map((r) => [r.request.method, r.request.path, r.steps])).toEqual([
      ['POST', '/Users', 1],
      ['PATCH', '/Groups/g1', 100],
      ['PATCH', '/Groups/g1', 50],
      ['PATCH', '/Groups/{id of New group}', 30],
      ['PATCH', '/Groups/g1', 1],
    ]);
    expect(planned.requests[1]!.rows).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    const body = planned.requests[3]!.request.body as { Operations: Array<{ op: string; value: unknown[] }> };
    expect(body.Operations[0]!.op).toBe('add');
    expect(body.Operations[0]!.value[0]).toEqual({ value: '{id of b0@x.example}' });
    expect(body.Operations[0]!.value).toHaveLength(30);
    expect(planned.requests[4]!.request.body).toMatchObject({
      Operations: [{ op: 'remove', path: 'members[value eq "u-c"]' }],
    });
    // A smaller batch where the tenant taught one.
    expect(planRequests(steps, 30).writes).toBe(1 + 5 + 1 + 1);
    expect(planRequests(steps, 100, 2).requests).toHaveLength(2);
  });
});

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

describe('an import plan against the Sandbox', () => {
  it('sends exactly the requests its plan counted: 30 creates and 280 group additions in 3 PATCHes', async () => {
    const tenantId = SANDBOX_TENANT_ID;
    const deps = testDeps({ fetch: globalThis.fetch, sandbox: { members: 300, groups: 1 } });
    core = createCore({
      ...deps,
      dialogs: { openFile: async () => path.join(deps.dataDir, 'people.csv'), saveFile: async () => null },
    });
    const c = core;
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'load' });
    const group = await call<{ id: string; displayName: string }>(c, 'groups.create', {
      tenantId,
      displayName: 'Plan honesty',
    });
    const existing = dir.members.slice(0, 250);
    const lines = [
      'Email,First name,Last name,Groups',
      ...existing.map((m) => `${m.userName},${m.givenName ?? 'A'},${m.familyName ?? 'B'},${group.displayName}`),
      ...Array.from({ length: 30 }, (_, i) => `honest.${i}@acme.example,Honest,${i},${group.displayName}`),
    ];
    writeFileSync(path.join(deps.dataDir, 'people.csv'), lines.join('\r\n') + '\r\n');
    const plan = await readAndPlan(c, tenantId);
    expect(plan.counts).toMatchObject({ create: 30, addToGroup: 280 });
    expect(plan.writeCount).toBe(33);
    expect(plan.requestCount).toBe(66);
    expect(plan.requests.filter((r) => r.request.method === 'PATCH').map((r) => r.steps)).toEqual([100, 100, 80]);
    const sandbox = await c.services.sandbox.ensure();
    // Applying reads the tenant once more first (to skip steps that changed since the plan): what
    // that listing costs, measured alone, comes on top of the plan's own count, and nothing else.
    sandbox.resetStats();
    await call<Directory>(c, 'directory.load', { tenantId, taskId: 'measure' });
    const listing = sandbox.stats().requests;
    sandbox.resetStats();
    const { end } = await applyPlan(c, tenantId, plan);
    expect(end).toMatchObject({ state: 'finished', failed: 0 });
    const stats = sandbox.stats();
    expect(stats.requests).toBe(listing + plan.requestCount);
    expect((stats.byMethod.POST ?? 0) + (stats.byMethod.PATCH ?? 0)).toBe(plan.writeCount);
    const members = (sandbox.store.getGroup(group.id) as { members: unknown[] }).members;
    expect(members).toHaveLength(280);
  });
});
