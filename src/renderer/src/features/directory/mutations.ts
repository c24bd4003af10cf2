import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Directory, GroupRow, MemberDetail } from '../../../../shared/domain/directory';
import { getApi, unwrap } from '../../lib/api';
import { errorToast } from '../../lib/error-toast';
import { toast } from '../../stores/toasts';
import { auditKeys } from '../audit/queries';
import { useStartBulk } from '../jobs/queries';
import { useOwnTask } from '../tasks/queries';
import { edit, optimistic } from './cache';
import { directoryKeys } from './queries';

/**
 * A change to one tenant's members or groups: applied to the cached listing at once, rolled back
 * if main refuses, replaced by the read-back main returns. A write whose answer is the member in
 * full fills the detail cache with it; any other refreshes the member details shown. The audit
 * queries on screen refresh either way (the write added an entry).
 */
function useDirectoryMutation<I extends { tenantId: string }, O>(options: {
  run: (input: I) => Promise<O>;
  optimistic?: (dir: Directory, input: I) => Directory;
  settle?: (dir: Directory, output: O, input: I) => Directory;
  /** The member as main read it back, when the answer carries it. */
  readBack?: (output: O) => MemberDetail;
  describe: (input: I) => string;
  success?: (output: O, input: I) => string | null;
}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: options.run,
    onMutate: async (input: I) => {
      const key = directoryKeys.tenant(input.tenantId);
      await client.cancelQueries({ queryKey: key });
      const change = options.optimistic;
      return { rollback: change ? optimistic(client, key, (dir) => change(dir, input)) : () => undefined };
    },
    onError: (error, input, context) => {
      context?.rollback();
      errorToast(options.describe(input), error);
    },
    onSuccess: (output, input) => {
      const settle = options.settle;
      if (settle) {
        client.setQueryData<Directory>(directoryKeys.tenant(input.tenantId), (dir) =>
          dir ? settle(dir, output, input) : dir,
        );
      }
      const detail = options.readBack?.(output);
      if (detail) client.setQueryData(directoryKeys.member(input.tenantId, detail.row.id), detail);
      const message = options.success?.(output, input);
      if (message) toast({ tone: 'success', message });
    },
    onSettled: (output) =>
      Promise.all([
        output !== undefined && options.readBack ? null : client.invalidateQueries({ queryKey: directoryKeys.members }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

export const useSetActive = () =>
  useDirectoryMutation({
    run: (input: { tenantId: string; memberId: string; active: boolean; label: string }) =>
      unwrap(
        (input.active ? getApi().members.reactivate : getApi().members.deactivate)({
          tenantId: input.tenantId,
          memberId: input.memberId,
        }),
      ),
    optimistic: (dir, i) => edit.member(dir, i.memberId, (m) => ({ ...m, active: i.active })),
    settle: (dir, detail) => edit.putMember(dir, detail.row),
    readBack: (detail) => detail,
    describe: (i) => `${i.active ? 'Reactivating' : 'Deactivating'} ${i.label}`,
    // The caller says it, with an Undo.
  });

export const useDeleteMember = () =>
  useDirectoryMutation({
    run: async (input: { tenantId: string; memberId: string; label: string }) => {
      await unwrap(getApi().members.delete({ tenantId: input.tenantId, memberId: input.memberId }));
    },
    optimistic: (dir, i) => edit.removeMember(dir, i.memberId),
    describe: (i) => `Deleting ${i.label}`,
    success: (_o, i) => `${i.label} deleted.`,
  });

export const useProvision = () =>
  useDirectoryMutation({
    run: (input: { tenantId: string; userName: string; givenName: string; familyName: string }) =>
      unwrap(getApi().members.provision(input)),
    settle: (dir, out) => edit.putMember(dir, out.member),
    describe: (i) => `Provisioning ${i.userName}`,
    success: (out) =>
      out.outcome === 'existing'
        ? `${out.member.userName} already existed; nothing was created.`
        : `${out.member.userName} provisioned.`,
  });

export const useCreateGroup = () =>
  useDirectoryMutation({
    run: (input: { tenantId: string; displayName: string }) => unwrap(getApi().groups.create(input)),
    settle: (dir, group) => edit.putGroup(dir, group),
    describe: (i) => `Creating the group ${i.displayName}`,
    success: (g) => `Group ${g.displayName} created.`,
  });

export const useRenameGroup = () =>
  useDirectoryMutation({
    run: (input: { tenantId: string; groupId: string; displayName: string }) => unwrap(getApi().groups.rename(input)),
    optimistic: (dir, i) => {
      const g = dir.groups.find((x) => x.id === i.groupId);
      return g ? edit.putGroup(dir, { ...g, displayName: i.displayName }) : dir;
    },
    settle: (dir, group) => edit.putGroup(dir, group),
    describe: (i) => `Renaming the group to ${i.displayName}`,
    success: (g) => `Group renamed to ${g.displayName}.`,
  });

export const useDeleteGroup = () =>
  useDirectoryMutation({
    run: async (input: { tenantId: string; groupId: string; label: string }) => {
      await unwrap(getApi().groups.delete({ tenantId: input.tenantId, groupId: input.groupId }));
    },
    optimistic: (dir, i) => edit.removeGroup(dir, i.groupId),
    describe: (i) => `Deleting the group ${i.label}`,
    success: (_o, i) => `Group ${i.label} deleted.`,
  });

const useAddToGroup = () =>
  useDirectoryMutation({
    run: (input: { tenantId: string; groupId: string; memberIds: string[]; label: string; taskId: string | null }) =>
      unwrap(
        getApi().groups.addMembers({
          tenantId: input.tenantId,
          groupId: input.groupId,
          memberIds: input.memberIds,
          taskId: input.taskId,
        }),
      ),
    optimistic: (dir, i) => {
      const g = dir.groups.find((x) => x.id === i.groupId);
      return g ? edit.putGroup(dir, { ...g, memberIds: [...new Set([...g.memberIds, ...i.memberIds])] }) : dir;
    },
    settle: (dir, group: GroupRow) => edit.putGroup(dir, group),
    describe: (i) => `Adding ${i.label} to the group`,
    success: (g, i) => `Added ${i.label} to ${g.displayName}.`,
  });

/**
 * Adds members to a group. One member: at once, optimistically. Several: as a job in main (progress
 * in the jobs dock and in Jobs, pause, cancel, a result per member, Retry failed).
 */
export function useAssignToGroup(tenantId: string) {
  const own = useOwnTask('assign');
  const add = useAddToGroup();
  const job = useStartBulk();
  const client = useQueryClient();
  return {
    task: add.isPending ? own.task : undefined,
    isPending: add.isPending || job.isPending,
    error: add.error ?? job.error,
    run(input: { groupId: string; memberIds: string[]; label: string }, onSuccess: () => void): void {
      if (input.memberIds.length > 1) {
        const dir = client.getQueryData<Directory>(directoryKeys.tenant(tenantId));
        const ids = new Set(input.memberIds);
        const group = dir?.groups.find((g) => g.id === input.groupId);
        const members = (dir?.members ?? [])
          .filter((m) => ids.has(m.id) && !(group?.memberIds.includes(m.id) ?? false))
          .map((m) => ({ id: m.id, userName: m.userName }));
        if (members.length === 0) {
          toast({ tone: 'info', message: `They are all in ${group?.displayName ?? 'the group'} already.` });
          onSuccess();
          return;
        }
        const groupName = group?.displayName ?? input.groupId;
        job.mutate({ tenantId, action: 'addToGroup', groupId: input.groupId, groupName, members }, { onSuccess });
        return;
      }
      own.begin('Adding members to the group');
      add.mutate({ tenantId, ...input, taskId: own.taskId }, { onSettled: () => own.end(), onSuccess });
    },
  };
}

export const useRemoveFromGroup = () =>
  useDirectoryMutation({
    run: (input: { tenantId: string; groupId: string; memberId: string; label: string }) =>
      unwrap(
        getApi().groups.removeMember({ tenantId: input.tenantId, groupId: input.groupId, memberId: input.memberId }),
      ),
    optimistic: (dir, i) => {
      const g = dir.groups.find((x) => x.id === i.groupId);
      return g ? edit.putGroup(dir, { ...g, memberIds: g.memberIds.filter((m) => m !== i.memberId) }) : dir;
    },
    settle: (dir, group: GroupRow) => edit.putGroup(dir, group),
    describe: (i) => `Removing ${i.label} from the group`,
    success: (g, i) => `Removed ${i.label} from ${g.displayName}.`,
  });
