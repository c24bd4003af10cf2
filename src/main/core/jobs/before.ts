import type { DeletedMember, Operation } from './operations';

/** The tenant as the console holds it fresh (a listing, a plan's read): where a step's before-state comes from. */
export interface TenantState {
  members: ReadonlyArray<{
    id: string;
    userName: string;
    givenName: string | null;
    familyName: string | null;
    active: boolean;
    groupIds: readonly string[];
  }>;
  groups: ReadonlyArray<{ id: string; displayName: string; memberIds: readonly string[] }>;
}

/**
 * Gives each step the state it changes from, read from what the console already holds (no request
 * is sent for it): `active` for (de)activations, whether the member was in the group for membership
 * steps, and the whole member (names, groups) for deletions. A step about a member or group the
 * state does not hold keeps no `before` and is not undone.
 */
export function beforeStates(state: TenantState) {
  const byId = new Map(state.members.map((m) => [m.id, m]));
  const byName = new Map(state.members.map((m) => [m.userName.toLowerCase(), m]));
  const groupById = new Map(state.groups.map((g) => [g.id, g]));
  const groupByName = new Map(state.groups.map((g) => [g.displayName.toLowerCase(), g]));
  const memberOf = (op: { userId: string | null; userName: string }) =>
    op.userId ? byId.get(op.userId) : byName.get(op.userName.toLowerCase());

  function inGroup(memberId: string, groupId: string): boolean {
    const g = groupById.get(groupId);
    const m = byId.get(memberId);
    return Boolean(g?.memberIds.includes(memberId) || m?.groupIds.includes(groupId));
  }

  function deleted(m: NonNullable<ReturnType<typeof memberOf>>): DeletedMember {
    const groups = new Set([...m.groupIds, ...state.groups.filter((g) => g.memberIds.includes(m.id)).map((g) => g.id)]);
    return {
      userName: m.userName,
      givenName: m.givenName ?? '',
      familyName: m.familyName ?? '',
      active: m.active,
      groups: [...groups].flatMap((id) => {
        const g = groupById.get(id);
        return g ? [{ id, name: g.displayName }] : [];
      }),
    };
  }

  return function withBefore(op: Operation): Operation {
    switch (op.type) {
      case 'create':
      case 'createGroup':
        return op;
      case 'setActive': {
        const m = memberOf(op);
        return m ? { ...op, before: { active: m.active } } : op;
      }
      case 'delete': {
        const m = byId.get(op.userId);
        return m ? { ...op, before: deleted(m) } : op;
      }
      case 'addToGroup':
      case 'removeFromGroup': {
        const m = memberOf(op);
        const g = op.groupId ? groupById.get(op.groupId) : groupByName.get(op.groupName.toLowerCase());
        // A member or group the job itself creates (named, no id yet) was not in the group before.
        if ((!m && op.userId === null) || (!g && op.groupId === null)) return { ...op, before: { member: false } };
        if (!m || !g) return op;
        return { ...op, before: { member: inGroup(m.id, g.id) } };
      }
    }
  };
}
