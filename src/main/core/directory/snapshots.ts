import type { GroupRow, MemberRow } from '../../../shared/domain/directory';
import type { Group, Member } from '../../../shared/domain/scim';
import { beforeStates, type TenantState } from '../jobs/before';
import type { Operation } from '../jobs/operations';
import { toGroupRow, toMemberRow, type Snapshot } from './rows';

/**
 * The last listing of each tenant as main keeps it, with every single action mirrored in: what
 * exports read, what duplicate checks compare against, and the state single actions and bulk
 * jobs record they change from (no request is sent for it).
 */
export function createSnapshots() {
  const snapshots = new Map<string, Snapshot>();

  function of(tenantId: string): Snapshot {
    let s = snapshots.get(tenantId);
    if (!s) {
      s = { members: new Map(), groups: new Map() };
      snapshots.set(tenantId, s);
    }
    return s;
  }

  /** Group ids that list this member, from the groups side of the last listing. */
  function knownGroupsOf(tenantId: string, memberId: string): string[] {
    const ids: string[] = [];
    for (const g of of(tenantId).groups.values()) if (g.memberIds.includes(memberId)) ids.push(g.id);
    return ids;
  }

  return {
    of,
    /** Whatever is kept for the tenant, or undefined before its first listing. */
    peek: (tenantId: string): Snapshot | undefined => snapshots.get(tenantId),
    /** A whole listing replaces what was kept. */
    replace: (tenantId: string, members: readonly MemberRow[], groups: readonly GroupRow[]): void => {
      snapshots.set(tenantId, {
        members: new Map(members.map((m) => [m.id, m])),
        groups: new Map(groups.map((g) => [g.id, g])),
      });
    },
    rememberMember: (tenantId: string, member: Member): MemberRow => {
      const row = toMemberRow(member, knownGroupsOf(tenantId, member.id));
      of(tenantId).members.set(row.id, row);
      return row;
    },
    /** Stores a group and brings its members' groupIds in line with it. */
    rememberGroup: (tenantId: string, group: Group): GroupRow => {
      const row = toGroupRow(group);
      const s = of(tenantId);
      const before = new Set(s.groups.get(row.id)?.memberIds ?? []);
      s.groups.set(row.id, row);
      const now = new Set(row.memberIds);
      for (const id of new Set([...before, ...now])) {
        const m = s.members.get(id);
        if (!m) continue;
        const has = m.groupIds.includes(row.id);
        if (now.has(id) && !has) s.members.set(id, { ...m, groupIds: [...m.groupIds, row.id] });
        if (!now.has(id) && has) s.members.set(id, { ...m, groupIds: m.groupIds.filter((g) => g !== row.id) });
      }
      return row;
    },
    /** A deleted member leaves the listing and every group that listed it. */
    forgetMember: (tenantId: string, memberId: string): void => {
      const s = of(tenantId);
      s.members.delete(memberId);
      for (const [id, g] of s.groups) {
        if (g.memberIds.includes(memberId))
          s.groups.set(id, { ...g, memberIds: g.memberIds.filter((m) => m !== memberId) });
      }
    },
    /** A deleted group leaves the listing and its members' groupIds. */
    forgetGroup: (tenantId: string, groupId: string): void => {
      const s = of(tenantId);
      const gone = s.groups.get(groupId);
      s.groups.delete(groupId);
      for (const id of gone?.memberIds ?? []) {
        const m = s.members.get(id);
        if (m) s.members.set(id, { ...m, groupIds: m.groupIds.filter((g) => g !== groupId) });
      }
    },
    /** The tenant as kept here: the state bulk jobs change from. */
    state: (tenantId: string): TenantState => {
      const s = of(tenantId);
      return { members: [...s.members.values()], groups: [...s.groups.values()] };
    },
    /** The state one step changes from, as kept here; undefined when it is not held. */
    beforeOf: (tenantId: string, op: Operation): unknown => {
      const s = of(tenantId);
      const m = 'userId' in op && op.userId ? s.members.get(op.userId) : undefined;
      const withBefore = beforeStates({ members: m ? [m] : [], groups: [...s.groups.values()] })(op);
      return 'before' in withBefore ? withBefore.before : undefined;
    },
  };
}

export type Snapshots = ReturnType<typeof createSnapshots>;
