import type { Directory } from '../../../shared/domain/directory';
import type { DirectoryService } from '../directory/service';
import { AppError } from '../errors';
import { describeOperation, type Operation } from './operations';

/** The tenant as read at apply time (a fresh listing): what the expectations are checked against. */
export interface TenantNow {
  members: ReadonlyArray<{ id: string; userName: string; active: boolean; groupIds: readonly string[] }>;
  groups: ReadonlyArray<{ id: string; displayName: string; memberIds: readonly string[] }>;
}

/** A step whose expected state no longer holds, and why: it is skipped, never sent. */
export interface StaleStep {
  index: number;
  reason: string;
}

/**
 * The steps of a plan that the tenant, read now, no longer expects. A plan only lists a change
 * where the tenant differed from the file when it was planned, so each step carries the state it
 * expects: a member to create does not exist, a member to deactivate is active (and the reverse),
 * a member to add is not in the group, a member to remove is, a member or group named exists.
 * Members and groups the plan creates itself are not checked.
 */
export function staleSteps(ops: readonly Operation[], now: TenantNow): StaleStep[] {
  const byName = new Map(now.members.map((m) => [m.userName.toLowerCase(), m]));
  const byId = new Map(now.members.map((m) => [m.id, m]));
  const groupByName = new Map(now.groups.map((g) => [g.displayName.toLowerCase(), g]));
  const groupById = new Map(now.groups.map((g) => [g.id, g]));
  const createdMembers = new Set<string>();
  const createdGroups = new Set<string>();
  for (const op of ops) {
    if (op.type === 'create') createdMembers.add(op.userName.toLowerCase());
    if (op.type === 'createGroup') createdGroups.add(op.groupName.toLowerCase());
  }
  const member = (op: { userName: string; userId?: string | null }) =>
    op.userId ? byId.get(op.userId) : byName.get(op.userName.toLowerCase());
  const inGroup = (m: { id: string; groupIds: readonly string[] }, g: { id: string; memberIds: readonly string[] }) =>
    m.groupIds.includes(g.id) || g.memberIds.includes(m.id);

  const stale: StaleStep[] = [];
  ops.forEach((op, index) => {
    const reason = reasonFor(op);
    if (reason) stale.push({ index, reason: `changed since the plan: ${reason}` });
  });
  return stale;

  function reasonFor(op: Operation): string | null {
    switch (op.type) {
      case 'create':
        return byName.has(op.userName.toLowerCase()) ? 'a member with this userName now exists' : null;
      case 'createGroup':
        return groupByName.has(op.groupName.toLowerCase()) ? 'a group with this name now exists' : null;
      case 'setActive': {
        if (createdMembers.has(op.userName.toLowerCase())) return null;
        const m = member(op);
        if (!m) return 'the member no longer exists';
        return m.active === op.active ? `the member was ${op.active ? 'reactivated' : 'deactivated'} meanwhile` : null;
      }
      case 'addToGroup':
      case 'removeFromGroup': {
        const newMember = createdMembers.has(op.userName.toLowerCase());
        const newGroup = createdGroups.has(op.groupName.toLowerCase());
        const m = newMember ? undefined : member(op);
        if (!newMember && !m) return 'the member no longer exists';
        const g = newGroup
          ? undefined
          : op.groupId
            ? groupById.get(op.groupId)
            : groupByName.get(op.groupName.toLowerCase());
        if (!newGroup && !g) return 'the group no longer exists';
        if (!m || !g) return null;
        if (op.type === 'addToGroup') return inGroup(m, g) ? 'the member was added to the group meanwhile' : null;
        return inGroup(m, g) ? null : 'the member was removed from the group meanwhile';
      }
      case 'delete':
        return byId.has(op.userId) ? null : 'the member no longer exists';
    }
  }
}

/**
 * The tenant read now, whole: a fresh listing, refused when the server does not serve it whole
 * (cut, broken records, fewer members than it announced), since a plan checked against part of
 * the tenant would write over what it could not see.
 */
export async function readWhole(
  directory: Pick<DirectoryService, 'load'>,
  tenantId: string,
  taskId: string,
): Promise<Directory> {
  const now = await directory.load(tenantId, taskId);
  if (now.truncated || now.skipped > 0 || (now.announcedMembers ?? 0) > now.members.length) {
    throw new AppError(
      'SCIM_INVALID_RESPONSE',
      'The tenant could not be read whole, so the plan could not be checked against it and nothing was applied. Retry in a moment.',
    );
  }
  return now;
}

/**
 * Reads the tenant now (whole) and answers which of the steps changed since the plan, and the
 * tenant as read (each step's before-state comes from it).
 */
export async function readStale(
  directory: Pick<DirectoryService, 'load'>,
  tenantId: string,
  ops: readonly Operation[],
  taskId: string,
): Promise<{ stale: StaleStep[]; now: Directory }> {
  const now = await readWhole(directory, tenantId, taskId);
  return { stale: staleSteps(ops, now), now };
}

/** What the plan view shows of a check: how many steps went stale, and the first few with why. */
export function staleSummary(
  stale: readonly StaleStep[],
  steps: ReadonlyArray<{ row: number | null; op: Operation }>,
  checkedAt: Date,
) {
  return {
    checkedAt: checkedAt.toISOString(),
    stale: stale.length,
    examples: stale.slice(0, 20).map((s) => ({
      row: steps[s.index]?.row ?? null,
      description: describeOperation(steps[s.index]!.op),
      reason: s.reason,
    })),
  };
}
