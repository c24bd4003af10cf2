import type { OpState } from '../jobs/journal';
import { describeOperation, type DeletedMember, type Operation } from '../jobs/operations';

/** A step that ran (or may have: left in flight), as the journal or the audit history has it. */
export interface DoneStep {
  op: Operation;
  state: OpState;
  result: string | null;
  resourceId: string | null;
  /** When it settled (our clock): a later change to its member is someone else's. */
  updatedAt?: string | null;
}

/** Ids in the tenant now, for steps that named a member or group the job created. */
export interface Lookup {
  memberId(userName: string): string | null;
  groupId(name: string): string | null;
}

/** A change that the undo does not reverse, and why; `deleted` when it can be re-created instead. */
export interface NotUndone {
  description: string;
  reason: string;
  deleted: DeletedMember | null;
}

export type Inverse = { kind: 'none' } | { kind: 'steps'; ops: Operation[] } | { kind: 'not-undone'; item: NotUndone };

const NONE: Inverse = { kind: 'none' };
const notUndone = (op: Operation, reason: string, deleted: DeletedMember | null = null): Inverse => ({
  kind: 'not-undone',
  item: { description: describeOperation(op), reason, deleted },
});
const NOT_RECORDED =
  'the state before it was not recorded (a job from an older version, or a member not in the listing)';

/**
 * The steps that take one change back, from what the step recorded it changed from: reactivate
 * what was deactivated and the reverse, deactivate what was created, remove what was added to a
 * group and add back what was removed. Steps that changed nothing (already in that state,
 * already gone, a failed or skipped step) have no inverse. A deletion cannot be undone in SCIM:
 * it is listed, and re-created (new id, same userName, names, state and groups) only when
 * `recreateDeleted` asks for it. A step left in flight is taken back too: the check against the
 * tenant before anything is sent skips it when it never took effect.
 */
export function inverseOf(step: DoneStep, lookup: Lookup, recreateDeleted: boolean): Inverse {
  if (step.state !== 'done' && step.state !== 'in_flight') return NONE;
  const { op } = step;
  switch (op.type) {
    case 'create': {
      if (step.result === 'existing') return NONE;
      const userId = step.resourceId ?? lookup.memberId(op.userName);
      return { kind: 'steps', ops: [{ type: 'setActive', userName: op.userName, userId, active: false }] };
    }
    case 'setActive': {
      if (!op.before) return notUndone(op, NOT_RECORDED);
      if (op.before.active === op.active) return NONE;
      const userId = step.resourceId ?? op.userId ?? lookup.memberId(op.userName);
      return {
        kind: 'steps',
        ops: [{ type: 'setActive', userName: op.userName, userId, active: op.before.active }],
      };
    }
    case 'delete': {
      if (step.result === 'gone') return NONE;
      if (!op.before) return notUndone(op, `deleted for good, and ${NOT_RECORDED}, so it cannot be re-created`);
      if (!recreateDeleted) {
        return notUndone(op, 'deleted for good: SCIM cannot bring a member back; it can be re-created', op.before);
      }
      return { kind: 'steps', ops: recreation(op.before) };
    }
    case 'addToGroup':
    case 'removeFromGroup': {
      if (!op.before) return notUndone(op, NOT_RECORDED);
      const adding = op.type === 'addToGroup';
      // Already in the group (or already out of it): the step changed nothing.
      if (op.before.member === adding) return NONE;
      const userId = step.resourceId ?? op.userId ?? lookup.memberId(op.userName);
      const groupId = op.groupId ?? lookup.groupId(op.groupName);
      if (!userId) return notUndone(op, 'the member no longer exists');
      if (!groupId) return notUndone(op, 'the group no longer exists');
      const base = { userName: op.userName, userId, groupId, groupName: op.groupName };
      return {
        kind: 'steps',
        ops: [adding ? { type: 'removeFromGroup', ...base } : { type: 'addToGroup', ...base }],
      };
    }
    case 'createGroup':
      if (step.result !== 'created') return NONE;
      return notUndone(op, 'groups are kept: delete it in Groups if it is no longer wanted');
  }
}

/** A deleted member made again: created (a new id), deactivated when they were inactive, and put back in their groups. */
export function recreation(member: DeletedMember): Operation[] {
  const ops: Operation[] = [
    { type: 'create', userName: member.userName, givenName: member.givenName, familyName: member.familyName },
  ];
  if (!member.active) ops.push({ type: 'setActive', userName: member.userName, userId: null, active: false });
  for (const g of member.groups) {
    ops.push({ type: 'addToGroup', userName: member.userName, userId: null, groupId: g.id, groupName: g.name });
  }
  return ops;
}
