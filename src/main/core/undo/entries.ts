import { z } from 'zod';
import type { AuditEntry } from '../../../shared/domain/audit';
import { AppError } from '../errors';
import { activeBeforeSchema, deletedMemberSchema, memberBeforeSchema } from '../jobs/journal-rows';
import type { DeletedMember } from '../jobs/operations';
import type { DoneStep } from './inverse';

/** What a single action's audit intent recorded: the request, and the state it changed from. */
const recorded = z.object({
  body: z.record(z.string(), z.unknown()).optional(),
  before: z.unknown().optional(),
});
const createDetail = z.object({ id: z.string(), result: z.string() });
const ids = z.array(z.string()).min(1).max(10_000);

const cannot = (why: string) => new AppError('UNDO_UNAVAILABLE', `This change cannot be undone: ${why}.`);

/**
 * The steps a single action took, read back from its audit entry (intent and outcome), so it is
 * undone by the same inverse plan as a job: (de)activations, creations, deletions, and members
 * added to or removed from a group. `userNameOf` names a member by id (from the tenant read now).
 */
export function stepsOfEntry(entry: AuditEntry, userNameOf: (id: string) => string | null): DoneStep[] {
  if (entry.outcome !== 'success') throw cannot('it did not succeed, so there is nothing to take back');
  const request = recorded.safeParse(entry.request);
  if (!request.success) throw cannot('its audit entry does not say what it changed');
  const { body, before } = request.data;
  const target = entry.target ?? '';
  const name = (id: string) => userNameOf(id) ?? id;
  const done = (op: DoneStep['op'], result: string | null, resourceId: string | null): DoneStep => ({
    op,
    state: 'done',
    result,
    resourceId,
    updatedAt: entry.finishedAt ?? entry.at,
  });
  switch (entry.action) {
    case 'member.deactivate':
    case 'member.reactivate': {
      const was = activeBeforeSchema.safeParse(before);
      const active = entry.action === 'member.reactivate';
      return [
        done(
          {
            type: 'setActive',
            userName: name(target),
            userId: target,
            active,
            ...(was.success ? { before: was.data } : {}),
          },
          active ? 'reactivated' : 'deactivated',
          target,
        ),
      ];
    }
    case 'member.create': {
      const detail = createDetail.safeParse(entry.detail);
      if (!detail.success) throw cannot('its audit entry does not say which member was created');
      const names = z.object({ givenName: z.string(), familyName: z.string() }).safeParse(body?.name);
      return [
        done(
          {
            type: 'create',
            userName: target,
            givenName: names.success ? names.data.givenName : '',
            familyName: names.success ? names.data.familyName : '',
          },
          detail.data.result,
          detail.data.id,
        ),
      ];
    }
    case 'member.delete': {
      const was = deletedMemberSchema.safeParse(before);
      const member: DeletedMember | undefined = was.success ? was.data : undefined;
      return [
        done(
          {
            type: 'delete',
            userName: member?.userName ?? target,
            userId: target,
            ...(member ? { before: member } : {}),
          },
          'deleted',
          target,
        ),
      ];
    }
    case 'group.addMembers':
    case 'group.removeMember':
    case 'group.removeMembers': {
      const adding = entry.action === 'group.addMembers';
      const members = ids.safeParse(adding ? body?.add : [body?.remove].flat());
      // group.removeMembers (a job's batch) lists its members under `remove` too.
      if (!members.success) throw cannot('its audit entry does not say which members it changed');
      // A single action records one state for all; a job's batch records each member's.
      const was = memberBeforeSchema.safeParse(before);
      const each = z.object({ inGroup: z.record(z.string(), z.boolean()) }).safeParse(before);
      const beforeOf = (id: string) =>
        was.success
          ? { before: was.data }
          : each.success && id in each.data.inGroup
            ? { before: { member: each.data.inGroup[id]! } }
            : {};
      const groupName = z.object({ displayName: z.string() }).safeParse(entry.detail);
      return members.data.map((id) =>
        done(
          {
            type: adding ? 'addToGroup' : 'removeFromGroup',
            userName: name(id),
            userId: id,
            groupId: target,
            groupName: groupName.success ? groupName.data.displayName : target,
            ...beforeOf(id),
          },
          adding ? 'added' : 'removed',
          id,
        ),
      );
    }
    default:
      throw cannot(`the console does not undo "${entry.action}" (only member and group-membership changes)`);
  }
}
