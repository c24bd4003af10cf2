import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Directory, GroupRow, MemberDetail, MemberRow } from '../../../shared/domain/directory';
import type { TaskProgress } from '../../../shared/domain/progress';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import { testDeps } from '../testing/deps';

const tenantId = SANDBOX_TENANT_ID;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

function start(saveTo: string | null = null, size = { members: 40, groups: 4 }) {
  const deps = testDeps({ fetch: globalThis.fetch, sandbox: size });
  const saveFile = async () => (saveTo ? path.join(deps.dataDir, saveTo) : null);
  core = createCore({ ...deps, dialogs: { openFile: async () => null, saveFile } });
  return { core, dataDir: deps.dataDir };
}

async function call<T>(c: Core, channel: string, input: unknown): Promise<T> {
  const result = await c.dispatch(channel, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function failure(c: Core, channel: string, input: unknown): Promise<string> {
  const result = await c.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} succeeded`);
  return result.error.code;
}

describe('directory service (against the in-process Sandbox)', () => {
  it('lists members and groups joined both ways, reporting progress as it goes', async () => {
    const { core: c } = start(null, { members: 1200, groups: 6 });
    const events: TaskProgress[] = [];
    const streamed: MemberRow[] = [];
    c.events.subscribe((event, payload) => {
      if (event === 'task.progress') events.push(payload as TaskProgress);
      if (event === 'directory.rows') streamed.push(...(payload as { rows: MemberRow[] }).rows);
    });
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'load-1' });
    expect(dir.members).toHaveLength(1200);
    expect(dir.groups).toHaveLength(6);
    expect(new Set(dir.members.map((m) => m.id)).size).toBe(1200);
    // Every group's members carry the group, and no member claims a group that does not list it.
    for (const g of dir.groups) {
      for (const id of g.memberIds) expect(dir.members.find((m) => m.id === id)?.groupIds).toContain(g.id);
    }
    const mine = events.filter((e) => e.taskId === 'load-1');
    expect(mine.at(-1)).toMatchObject({ finished: true, done: 1200, total: 1200 });
    expect(mine.length).toBeGreaterThan(2);
    expect(mine.length).toBeLessThan(150);
    // The rows streamed while loading are the same members the answer carries.
    expect(new Set(streamed.map((m) => m.id))).toEqual(new Set(dir.members.map((m) => m.id)));
  });

  it('says when the server announces more members than it serves, and keeps what it announced', async () => {
    const { core: c } = start(null, { members: 40, groups: 2 });
    const whole = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'whole' });
    expect(whole).toMatchObject({ announcedMembers: 40, notice: null });
    await c.services.sandbox.configure({ overstateTotal: 7 });
    const short = await call<Directory>(c, 'directory.load', { tenantId, taskId: 'short' });
    expect(short.members).toHaveLength(40);
    expect(short.announcedMembers).toBe(47);
    expect(short.notice).toMatch(/the server announced 47 and served 40/);
  });

  it('provisions once (a differently-cased duplicate is the existing member), then deactivates, reactivates and deletes', async () => {
    const { core: c } = start();
    await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    const created = await call<{ member: MemberRow; outcome: string }>(c, 'members.provision', {
      tenantId,
      userName: 'new.person@acme-design.example',
      givenName: 'New',
      familyName: 'Person',
    });
    expect(created.outcome).toBe('created');
    expect(created.member).toMatchObject({ userName: 'new.person@acme-design.example', active: true, email: null });
    const again = await call<{ member: MemberRow; outcome: string }>(c, 'members.provision', {
      tenantId,
      userName: 'New.Person@ACME-design.example',
      givenName: 'New',
      familyName: 'Person',
    });
    expect(again).toMatchObject({ outcome: 'existing', member: { id: created.member.id } });

    // The answer is the member as read back, in full: the detail panel shows it without asking again.
    const off = await call<MemberDetail>(c, 'members.deactivate', { tenantId, memberId: created.member.id });
    expect(off.row.active).toBe(false);
    expect(off.member.raw).toMatchObject({ active: false });
    expect(off.curl).toContain(`/Users/${created.member.id}`);
    const on = await call<MemberDetail>(c, 'members.reactivate', { tenantId, memberId: created.member.id });
    expect(on.row.active).toBe(true);

    const detail = await call<{ member: { raw: unknown }; curl: string }>(c, 'members.get', {
      tenantId,
      memberId: created.member.id,
    });
    expect(detail.member.raw).toMatchObject({ userName: 'new.person@acme-design.example' });
    expect(detail.curl).toContain('$SCIM_TOKEN');
    expect(detail.curl).toContain(`/Users/${created.member.id}'`);

    await call(c, 'members.delete', { tenantId, memberId: created.member.id });
    expect(await failure(c, 'members.get', { tenantId, memberId: created.member.id })).toBe('SCIM_NOT_FOUND');

    const audit = await call<{ entries: Array<{ action: string; outcome: string }> }>(c, 'audit.query', {
      filter: { target: created.member.id },
      before: null,
      limit: 50,
    });
    expect(audit.entries.map((e) => e.action).sort()).toEqual(
      ['member.deactivate', 'member.delete', 'member.reactivate'].sort(),
    );
    const activity = await call<{ days: Array<{ success: number }> }>(c, 'audit.activity', { tenantId, days: 7 });
    expect(activity.days).toHaveLength(7);
    expect(activity.days.reduce((n, d) => n + d.success, 0)).toBeGreaterThanOrEqual(4);
  });

  it('refuses bad input before any request: not an email, blank names', async () => {
    const { core: c } = start();
    expect(
      await failure(c, 'members.provision', { tenantId, userName: 'not-an-email', givenName: 'A', familyName: 'B' }),
    ).toBe('INVALID_INPUT');
    expect(
      await failure(c, 'members.provision', { tenantId, userName: 'a@b.co', givenName: '  ', familyName: 'B' }),
    ).toBe('INVALID_INPUT');
  });

  it('reports SSO-inactive writes as silent no-ops instead of success', async () => {
    const { core: c } = start();
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    const target = dir.members.find((m) => m.active)!;
    await c.services.sandbox.configure({ ssoInactive: true });
    expect(await failure(c, 'members.deactivate', { tenantId, memberId: target.id })).toBe('SCIM_SILENT_NO_OP');
    await c.services.sandbox.configure({ ssoInactive: false });
    const fresh = await call<{ row: MemberRow }>(c, 'members.get', { tenantId, memberId: target.id });
    expect(fresh.row.active).toBe(true);
  });

  it('creates, renames, fills in chunks, empties and deletes a group, keeping members in step', async () => {
    const { core: c } = start(null, { members: 260, groups: 2 });
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    const group = await call<GroupRow>(c, 'groups.create', { tenantId, displayName: 'Design Ops' });
    const renamed = await call<GroupRow>(c, 'groups.rename', { tenantId, groupId: group.id, displayName: 'DesignOps' });
    expect(renamed.displayName).toBe('DesignOps');
    const ids = dir.members.slice(0, 230).map((m) => m.id);
    const events: TaskProgress[] = [];
    c.events.subscribe((e, p) => {
      if (e === 'task.progress') events.push(p as TaskProgress);
    });
    const filled = await call<GroupRow>(c, 'groups.addMembers', {
      tenantId,
      groupId: group.id,
      memberIds: ids,
      taskId: 'assign-1',
    });
    expect(new Set(filled.memberIds)).toEqual(new Set(ids));
    expect(events.filter((e) => e.taskId === 'assign-1').map((e) => e.done)).toEqual([0, 100, 200, 230]);
    const less = await call<GroupRow>(c, 'groups.removeMember', { tenantId, groupId: group.id, memberId: ids[0] });
    expect(less.memberIds).not.toContain(ids[0]);
    await call(c, 'groups.delete', { tenantId, groupId: group.id });
    const after = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't2' });
    expect(after.groups.some((g) => g.id === group.id)).toBe(false);
    expect(after.members.some((m) => m.groupIds.includes(group.id))).toBe(false);
  });

  it('refuses every write on a read-only tenant in main', async () => {
    const { core: c } = start();
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    await call(c, 'tenants.open', { tenantId, readOnly: true });
    const memberId = dir.members[0]!.id;
    const groupId = dir.groups[0]!.id;
    const writes: Array<[string, unknown]> = [
      ['members.deactivate', { tenantId, memberId }],
      ['members.reactivate', { tenantId, memberId }],
      ['members.delete', { tenantId, memberId }],
      ['members.provision', { tenantId, userName: 'x@y.co', givenName: 'X', familyName: 'Y' }],
      ['groups.create', { tenantId, displayName: 'New' }],
      ['groups.rename', { tenantId, groupId, displayName: 'New' }],
      ['groups.delete', { tenantId, groupId }],
      ['groups.addMembers', { tenantId, groupId, memberIds: [memberId], taskId: null }],
      ['groups.removeMember', { tenantId, groupId, memberId }],
    ];
    for (const [channel, input] of writes) expect(await failure(c, channel, input)).toBe('READ_ONLY_TENANT');
    // Reading and exporting stay available.
    expect((await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' })).members.length).toBe(40);
  });

  it('exports the given members to CSV with defused formulas and group names, and records the export', async () => {
    const { core: c, dataDir } = start('members.csv');
    const dir = await call<Directory>(c, 'directory.load', { tenantId, taskId: 't' });
    const inGroup = dir.members.find((m) => m.groupIds.length > 0)!;
    const ids = [inGroup.id, dir.members.find((m) => m.id !== inGroup.id)!.id, 'not-a-member'];
    const out = await call<{ path: string; count: number }>(c, 'members.export', {
      tenantId,
      format: 'csv',
      memberIds: ids,
    });
    expect(out.count).toBe(2);
    const lines = readFileSync(path.join(dataDir, 'members.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,userName,givenName,familyName,displayName,email,active,roles,groups,lastModified');
    expect(lines).toHaveLength(3);
    const groupName = dir.groups.find((g) => g.id === inGroup.groupIds[0])!.displayName;
    expect(lines[1]).toContain(groupName);
    const audit = await call<{ entries: Array<{ action: string; tenantName: string; tenantUrl: string }> }>(
      c,
      'audit.query',
      { filter: { action: 'members.export' }, before: null, limit: 5 },
    );
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]?.tenantName).toBe('Sandbox');
    expect(audit.entries[0]?.tenantUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
  });
});
