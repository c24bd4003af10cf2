import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Directory, MemberRow } from '../../../shared/domain/directory';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import { call } from '../testing/core-calls';
import { testDeps } from '../testing/deps';
import { namesFrom, snapshotNamer, withNames } from './target-names';

const tenantId = SANDBOX_TENANT_ID;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

const search = async (c: Core, text: string) =>
  (await call<{ entries: AuditEntry[] }>(c, 'audit.query', { filter: { text }, before: null, limit: 100 })).entries;

describe('audit entries name their targets', () => {
  it('every action on a member is found by its email, and shows it; a group by its name', async () => {
    core = createCore(testDeps({ fetch: globalThis.fetch, sandbox: { members: 20, groups: 3 } }));
    const c = core;
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    const { member } = await call<{ member: MemberRow }>(c, 'members.provision', {
      tenantId,
      userName: 'Zoe.Quinn@acme-design.example',
      givenName: 'Zoe',
      familyName: 'Quinn',
    });
    const group = dir.groups[0]!;
    await call(c, 'members.deactivate', { tenantId, memberId: member.id });
    await call(c, 'groups.addMembers', { tenantId, groupId: group.id, memberIds: [member.id], taskId: null });
    await call(c, 'groups.removeMember', { tenantId, groupId: group.id, memberId: member.id });

    // Any case, any part of the email: the creation, the deactivation and both membership changes.
    const found = await search(c, 'zoe.quinn@');
    expect(found.map((e) => e.action).sort()).toEqual(
      ['group.addMembers', 'group.removeMember', 'member.create', 'member.deactivate'].sort(),
    );
    const deactivation = found.find((e) => e.action === 'member.deactivate')!;
    expect(deactivation).toMatchObject({ target: member.id, targetName: 'Zoe.Quinn@acme-design.example' });
    const added = found.find((e) => e.action === 'group.addMembers')!;
    expect(added.targetName).toBe(group.displayName);
    expect((added.request as { names: { members: string[] } }).names.members).toEqual([
      'Zoe.Quinn@acme-design.example',
    ]);
    // The group's own name finds its entries too; a string in neither finds nothing.
    expect((await search(c, group.displayName)).some((e) => e.action === 'group.removeMember')).toBe(true);
    expect(await search(c, 'nobody-by-this-name')).toEqual([]);
    // The names are part of what the chain covers.
    const verified = await call<{ ok: boolean }>(c, 'audit.verify', {});
    expect(verified.ok).toBe(true);
  });
});

describe('naming from the kept listing', () => {
  const snapshot = {
    members: new Map([['u1', { userName: 'ana@x.example' }]]),
    groups: new Map([['g1', { displayName: 'Design' }]]),
  } as never;

  it('names members and groups it knows, and nothing it does not', () => {
    expect(namesFrom(snapshot, 'member.deactivate', 'u1')).toEqual({ target: 'ana@x.example' });
    expect(namesFrom(snapshot, 'group.rename', 'g1')).toEqual({ target: 'Design' });
    expect(namesFrom(snapshot, 'member.deactivate', 'u9')).toBeNull();
    expect(namesFrom(undefined, 'member.deactivate', 'u1')).toBeNull();
    // A creation's target is already the userName: nothing to add.
    expect(namesFrom(snapshot, 'member.create', 'ana@x.example')).toBeNull();
  });

  it('lists the members of a membership change, keeping ids it cannot name', () => {
    const namer = snapshotNamer(() => snapshot);
    expect(namer('t', 'group.addMembers', 'g1', { body: { add: ['u1', 'u2'] } })).toEqual({
      target: 'Design',
      members: ['ana@x.example', 'u2'],
    });
    expect(namer('t', 'group.removeMember', 'g1', { body: { remove: 'u1' } })?.members).toEqual(['ana@x.example']);
    expect(withNames({ method: 'PATCH' }, null)).toEqual({ method: 'PATCH' });
  });
});
