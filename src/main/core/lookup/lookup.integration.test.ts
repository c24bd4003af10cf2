import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Directory, MemberRow } from '../../../shared/domain/directory';
import type { PersonLookup } from '../../../shared/domain/lookup';
import type { TenantView } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { call } from '../testing/core-calls';
import { testDeps } from '../testing/deps';

const TOKEN = 'lookup-test-token-0123456789';
const PERSON = 'Lookup.Person@customer.example';
let customer: Sandbox;
let gone: Sandbox;
let core: Core | null = null;
beforeAll(async () => {
  customer = await startSandbox({ token: TOKEN, members: 30, groups: 3, seed: 11 });
  gone = await startSandbox({ token: TOKEN, members: 5, groups: 1, seed: 12 });
});
afterAll(async () => {
  await customer.close();
});
afterEach(async () => {
  await core?.close();
  core = null;
});

const add = async (c: Core, name: string, baseUrl: string) =>
  (await call<{ tenant: TenantView }>(c, 'tenants.add', { name, baseUrl, token: TOKEN, readOnly: false })).tenant;

describe('find a person across every tenant', () => {
  it('asks each tenant once, read-only: found with state and groups, absent, and a tenant that cannot answer says why', async () => {
    core = createCore(testDeps({ fetch: globalThis.fetch }));
    const c = core;
    const acme = await add(c, 'Acme (production)', customer.baseUrl);
    const offline = await add(c, 'Offline Co', gone.baseUrl);
    await gone.close();
    const dir = await call<Directory>(c, 'directory.load', { tenantId: acme.id, taskId: 't' });
    const { member } = await call<{ member: MemberRow }>(c, 'members.provision', {
      tenantId: acme.id,
      userName: PERSON,
      givenName: 'Lookup',
      familyName: 'Person',
    });
    const group = dir.groups[0]!;
    await call(c, 'groups.addMembers', { tenantId: acme.id, groupId: group.id, memberIds: [member.id], taskId: null });
    const auditBefore = (
      await call<{ entries: AuditEntry[] }>(c, 'audit.query', { filter: {}, before: null, limit: 500 })
    ).entries.length;
    customer.resetStats();

    const found = await call<PersonLookup>(c, 'people.find', { userName: PERSON });
    const by = Object.fromEntries(found.results.map((r) => [r.tenantName, r]));
    expect(Object.keys(by).sort()).toEqual(['Acme (production)', 'Offline Co', 'Sandbox']);
    expect(by['Acme (production)']).toMatchObject({
      state: 'found',
      member: { id: member.id, userName: PERSON, name: 'Lookup Person', active: true, groupsKnown: true },
      error: null,
    });
    expect(by['Acme (production)']!.member!.groups).toContain(group.displayName);
    expect(by['Sandbox']).toMatchObject({ state: 'absent', member: null, error: null });
    expect(by['Offline Co']).toMatchObject({ state: 'failed', member: null });
    expect(by['Offline Co']!.error!.message.length).toBeGreaterThan(10);
    expect(by['Offline Co']!.tenantId).toBe(offline.id);
    // Nothing was written, so nothing was recorded.
    const auditAfter = (
      await call<{ entries: AuditEntry[] }>(c, 'audit.query', { filter: {}, before: null, limit: 500 })
    ).entries.length;
    expect(auditAfter).toBe(auditBefore);
    // One read of the customer's tenant, and no write.
    expect(customer.stats().byMethod).toEqual({ GET: 1 });
  });

  it('refuses what is not an email before asking anyone', async () => {
    core = createCore(testDeps({ fetch: globalThis.fetch }));
    const answer = await core.dispatch('people.find', { userName: 'not an email' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
