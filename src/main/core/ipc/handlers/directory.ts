import type { DirectoryService } from '../../directory/service';
import type { Handlers } from '../router';

type DirectoryChannels =
  | 'directory.load'
  | 'members.get'
  | 'members.provision'
  | 'members.deactivate'
  | 'members.reactivate'
  | 'members.delete'
  | 'members.export'
  | 'groups.create'
  | 'groups.rename'
  | 'groups.delete'
  | 'groups.addMembers'
  | 'groups.removeMember';

export function directoryHandlers(directory: DirectoryService): Pick<Handlers, DirectoryChannels> {
  return {
    'directory.load': ({ tenantId, taskId }) => directory.load(tenantId, taskId),
    'members.get': ({ tenantId, memberId }) => directory.member(tenantId, memberId),
    'members.provision': ({ tenantId, userName, givenName, familyName }) =>
      directory.provision(tenantId, { userName, givenName, familyName }),
    'members.deactivate': ({ tenantId, memberId }) => directory.setActive(tenantId, memberId, false),
    'members.reactivate': ({ tenantId, memberId }) => directory.setActive(tenantId, memberId, true),
    'members.delete': async ({ tenantId, memberId }) => {
      await directory.remove(tenantId, memberId);
      return { deleted: true as const };
    },
    'members.export': ({ tenantId, memberIds, format }) => directory.exportMembers(tenantId, memberIds, format),
    'groups.create': ({ tenantId, displayName }) => directory.createGroup(tenantId, displayName),
    'groups.rename': ({ tenantId, groupId, displayName }) => directory.renameGroup(tenantId, groupId, displayName),
    'groups.delete': async ({ tenantId, groupId }) => {
      await directory.deleteGroup(tenantId, groupId);
      return { deleted: true as const };
    },
    'groups.addMembers': ({ tenantId, groupId, memberIds, taskId }) =>
      directory.addMembers(tenantId, groupId, memberIds, taskId),
    'groups.removeMember': ({ tenantId, groupId, memberId }) => directory.removeMember(tenantId, groupId, memberId),
  };
}
