import type { ConnectionReport } from '../../../shared/domain/scim';
import { createAudited } from './audited';
import { createCapabilities } from './capabilities';
import { createClientCore, groupPath, userPath, type ScimClientOptions } from './client-core';
import { runConnectionTest } from './connection-test';
import { createGroupLocks } from './group-locks';
import { createGroups } from './groups';
import { createLister } from './listing';
import { createMembershipWriter, type MembershipChange } from './membership';
import { addMembersOps, removeMemberOps } from './patch';
import { createUsers, type CreateOptions, type NewMember } from './users';

export { pathSegment, type ScimAuditHook, type ScimClientOptions } from './client-core';
export type { ListOptions, ListResult } from './listing';
export type { CreateOptions, CreateOutcome, NewMember } from './users';

export type ScimClient = ReturnType<typeof createScimClient>;

/**
 * Every SCIM operation the console performs, each write checked against read-only and recorded
 * (`audited.ts`), read back, each failure typed. Members in `users.ts`, groups in `groups.ts`,
 * batched membership in `membership.ts`, the capability profile in `capabilities.ts`.
 */
export function createScimClient(options: ScimClientOptions) {
  const { transport } = options;
  const caps = createCapabilities(transport, options.capabilities, options.onCapabilitiesChanged);
  const { noteQuirks, probe } = caps;
  const core = createClientCore(options, caps);
  const { patch } = core;
  const verifyAttempts = options.verifyAttempts ?? 3;
  const verifyDelayMs = options.verifyDelayMs ?? 250;
  const listAll = createLister(core, options);
  const audited = createAudited(options.readOnly, options.audit);
  const { getUser, findUserByUserName, createUser, setActive, setName, replaceUser, deleteUser, listUsers } =
    createUsers(core, listAll);
  const { getGroup, findGroupByName, listGroups, createGroup, renameGroup, addMembers, removeMember, deleteGroup } =
    createGroups(core, listAll);

  const locks = options.groupLocks ?? createGroupLocks();
  const membership = createMembershipWriter({
    transport,
    profile: caps.profile,
    noteQuirks,
    locks,
    groupPath,
    verifyAttempts,
    verifyDelayMs,
    send: (groupId: string, change: MembershipChange, ids: string[], signal?: AbortSignal) =>
      audited(
        change === 'add' ? 'group.addMembers' : 'group.removeMembers',
        groupId,
        { method: 'PATCH', path: groupPath(groupId), body: change === 'add' ? { add: ids } : { remove: ids } },
        () => patch(groupPath(groupId), change === 'add' ? addMembersOps(ids) : ids.flatMap(removeMemberOps), signal),
      ),
  });

  return {
    capabilities: caps.profile,
    /** How far the server's clock is from ours (for comparing its `meta.lastModified` with our moments). */
    clockOffset: () => transport.clockOffset(),
    getUser,
    findUserByUserName,
    findGroupByName,
    createUser: (input: NewMember, opts: CreateOptions = {}) =>
      audited(
        'member.create',
        input.userName,
        {
          method: 'POST',
          path: '/Users',
          body: { userName: input.userName, name: { givenName: input.givenName, familyName: input.familyName } },
        },
        () => createUser(input, opts),
        (r) => ({ id: r.member.id, result: r.outcome }),
      ),
    setActive: async (id: string, active: boolean, signal?: AbortSignal) =>
      audited(
        active ? 'member.reactivate' : 'member.deactivate',
        id,
        { method: 'PATCH', path: userPath(id), body: { active } },
        () => setActive(id, active, signal),
        (m) => ({ userName: m.userName, active: m.active }),
      ),
    setName: async (id: string, name: { givenName: string; familyName: string }) =>
      audited(
        'member.rename',
        id,
        { method: 'PATCH', path: userPath(id), body: { name } },
        () => setName(id, name),
        (m) => ({ userName: m.userName }),
      ),
    replaceUser: async (id: string, change: (raw: Record<string, unknown>) => Record<string, unknown>) =>
      audited(
        'member.replace',
        id,
        { method: 'PUT', path: userPath(id) },
        () => replaceUser(id, change),
        (m) => ({ userName: m.userName }),
      ),
    deleteUser: async (id: string, signal?: AbortSignal) =>
      audited('member.delete', id, { method: 'DELETE', path: userPath(id) }, () => deleteUser(id, signal)),
    listUsers,
    listGroups,
    getGroup,
    createGroup: (displayName: string) =>
      audited(
        'group.create',
        displayName,
        { method: 'POST', path: '/Groups', body: { displayName } },
        () => createGroup(displayName),
        (g) => ({ id: g.id }),
      ),
    renameGroup: async (id: string, displayName: string) =>
      audited('group.rename', id, { method: 'PATCH', path: groupPath(id), body: { displayName } }, () =>
        renameGroup(id, displayName),
      ),
    addMembers: async (groupId: string, memberIds: string[], signal?: AbortSignal) =>
      locks.run(groupId, () =>
        audited(
          'group.addMembers',
          groupId,
          { method: 'PATCH', path: groupPath(groupId), body: { add: memberIds } },
          () => addMembers(groupId, memberIds, signal),
          (g) => ({ displayName: g.displayName, members: g.members.length }),
        ),
      ),
    removeMember: async (groupId: string, memberId: string, signal?: AbortSignal) =>
      locks.run(groupId, () =>
        audited(
          'group.removeMember',
          groupId,
          { method: 'PATCH', path: groupPath(groupId), body: { remove: memberId } },
          () => removeMember(groupId, memberId, signal),
          (g) => ({ displayName: g.displayName, members: g.members.length }),
        ),
      ),
    /** Many members of one group added or removed in batches, each member with its own outcome. */
    changeMembers: membership.apply,
    /** Whether each member is in the group now, by one read (settles a batch a crash left in flight). */
    membershipOf: membership.presence,
    membershipBatchSize: membership.batchSize,
    membershipReferencesRead: membership.referencesRead,
    deleteGroup: async (id: string) =>
      audited('group.delete', id, { method: 'DELETE', path: groupPath(id) }, () => deleteGroup(id)),
    probe,
    noteQuirks,
    /** Read-only: /ServiceProviderConfig, then one user; never writes. */
    testConnection: (): Promise<ConnectionReport> =>
      runConnectionTest({ transport, probe: () => probe(), noteQuirks, profile: caps.profile }),
  };
}
