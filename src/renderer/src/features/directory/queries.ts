import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { Directory, GroupRow, MemberRow } from '../../../../shared/domain/directory';
import { ApiError, getApi, unwrap } from '../../lib/api';
import { toast } from '../../stores/toasts';
import { edit, optimistic } from './cache';
import { formatNumber } from '../../lib/numbers';

export const directoryKeys = {
  all: ['directory'] as const,
  tenant: (tenantId: string) => ['directory', tenantId] as const,
  member: (tenantId: string, memberId: string) => ['member', tenantId, memberId] as const,
  memberAudit: (memberId: string) => ['audit', 'member', memberId] as const,
  activity: (tenantId: string) => ['audit', 'activity', tenantId] as const,
};

/** A long task in main, as its progress events describe it. */
export interface TaskState {
  label: string;
  done: number;
  total: number | null;
  /** Members streamed so far (listing tasks only). */
  rows: MemberRow[];
  rowsVersion: number;
  /** The tenant whose listing this is (listing tasks only). */
  listing: string | null;
}

interface TasksState {
  tasks: Record<string, TaskState>;
  start: (taskId: string, label: string, listing?: string) => void;
  end: (taskId: string) => void;
}

/** Progress of work in main, fed by task.progress and directory.rows events. */
export const useTasks = create<TasksState>((set) => ({
  tasks: {},
  start: (taskId, label, listing) =>
    set((s) => ({
      tasks: {
        ...s.tasks,
        [taskId]: { label, done: 0, total: null, rows: [], rowsVersion: 0, listing: listing ?? null },
      },
    })),
  end: (taskId) =>
    set((s) => {
      const tasks = { ...s.tasks };
      delete tasks[taskId];
      return { tasks };
    }),
}));

/** Subscribes once to the progress events main pushes; mounted by the app shell. */
export function useTaskEvents(): void {
  useEffect(() => {
    const api = getApi();
    const offProgress = api.on('task.progress', (p) => {
      useTasks.setState((s) => {
        const task = s.tasks[p.taskId];
        if (!task) return s;
        return { tasks: { ...s.tasks, [p.taskId]: { ...task, label: p.label, done: p.done, total: p.total } } };
      });
    });
    const offRows = api.on('directory.rows', (p) => {
      useTasks.setState((s) => {
        const task = s.tasks[p.taskId];
        if (!task) return s;
        for (const row of p.rows) task.rows.push(row);
        return { tasks: { ...s.tasks, [p.taskId]: { ...task, rowsVersion: task.rowsVersion + 1 } } };
      });
    });
    return () => {
      offProgress();
      offRows();
    };
  }, []);
}

let taskCounter = 0;
export const newTaskId = (kind: string) => `${kind}-${Date.now().toString(36)}-${(taskCounter += 1)}`;

/**
 * Every member and group of a tenant; loaded once, refreshed on demand (Refresh, F5). With
 * `load: false` it only reads what is cached (dialogs must not start a 100,000-member listing).
 */
export function useDirectory(tenantId: string | null, { load = true }: { load?: boolean } = {}) {
  return useQuery({
    queryKey: directoryKeys.tenant(tenantId ?? ''),
    enabled: tenantId !== null && load,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const id = tenantId!;
      const taskId = newTaskId('load');
      useTasks.getState().start(taskId, 'Loading members', id);
      try {
        const dir = await unwrap(getApi().directory.load({ tenantId: id, taskId }));
        signal.throwIfAborted();
        return dir;
      } finally {
        useTasks.getState().end(taskId);
      }
    },
  });
}

/** The tenant's listing and, while one is loading, its progress and the rows streamed so far. */
export function useDirectoryWithProgress(tenantId: string) {
  const directory = useDirectory(tenantId);
  const loading = useTasks((s) => Object.values(s.tasks).find((t) => t.listing === tenantId));
  return { directory, loading };
}

export function useMemberDetail(tenantId: string, memberId: string | null) {
  return useQuery({
    queryKey: directoryKeys.member(tenantId, memberId ?? ''),
    enabled: memberId !== null,
    queryFn: () => unwrap(getApi().members.get({ tenantId, memberId: memberId! })),
  });
}

/** A member's audit entries: recorded against its id, or its userName before it had one (provisioning). */
export function useMemberAudit(member: { id: string; userName: string } | null) {
  return useQuery({
    queryKey: [...directoryKeys.memberAudit(member?.id ?? ''), member?.userName ?? ''],
    enabled: member !== null,
    queryFn: async () => {
      const api = getApi();
      const [byId, byName] = await Promise.all([
        unwrap(api.audit.query({ filter: { target: member!.id }, before: null, limit: 20 })),
        unwrap(
          api.audit.query({ filter: { target: member!.userName, action: 'member.create' }, before: null, limit: 5 }),
        ),
      ]);
      return { entries: [...byId.entries, ...byName.entries].sort((a, b) => b.seq - a.seq).slice(0, 20) };
    },
  });
}

export function useActivity(tenantId: string | null) {
  return useQuery({
    queryKey: directoryKeys.activity(tenantId ?? 'all'),
    queryFn: () => unwrap(getApi().audit.activity({ tenantId, days: 14 })),
  });
}

function errorToast(prefix: string, error: unknown): void {
  const silent = error instanceof ApiError && error.code === 'SCIM_SILENT_NO_OP';
  toast({
    tone: silent ? 'warning' : 'error',
    message: silent
      ? `${prefix}: InVision answered OK but nothing changed. SAML SSO may be inactive for this enterprise: SCIM changes apply only while SSO is on.`
      : `${prefix}: ${error instanceof Error ? error.message : 'failed'}`,
    ...(error instanceof ApiError ? { code: error.code } : {}),
  });
}

/**
 * A change to one tenant's members or groups: applied to the cached listing at once, rolled back
 * if main refuses, replaced by the read-back main returns, and followed by a refresh of the
 * member detail and audit queries, so nothing on screen is stale.
 */
function useDirectoryMutation<I extends { tenantId: string }, O>(options: {
  run: (input: I) => Promise<O>;
  optimistic?: (dir: Directory, input: I) => Directory;
  settle?: (dir: Directory, output: O, input: I) => Directory;
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
      const message = options.success?.(output, input);
      if (message) toast({ tone: 'success', message });
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['member'] }),
        client.invalidateQueries({ queryKey: ['audit'] }),
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
    settle: (dir, row) => edit.putMember(dir, row),
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

export const useAddToGroup = () =>
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
  const [taskId] = useState(() => newTaskId('assign'));
  const task = useTasks((s) => s.tasks[taskId]);
  const add = useAddToGroup();
  const client = useQueryClient();
  const job = useMutation({
    mutationFn: (input: { groupId: string; groupName: string; members: Array<{ id: string; userName: string }> }) =>
      unwrap(getApi().jobs.startBulk({ tenantId, action: 'addToGroup', ...input })),
    onSuccess: (started) => {
      toast({ tone: 'info', message: `Started: ${started.title}. Follow it in Jobs.` });
      void client.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
  return {
    task: add.isPending ? task : undefined,
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
        job.mutate({ groupId: input.groupId, groupName: group?.displayName ?? input.groupId, members }, { onSuccess });
        return;
      }
      useTasks.getState().start(taskId, 'Adding members to the group');
      add.mutate({ tenantId, ...input, taskId }, { onSettled: () => useTasks.getState().end(taskId), onSuccess });
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

export function useExportMembers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { tenantId: string; format: 'csv' | 'json'; memberIds: string[] }) =>
      unwrap(getApi().members.export(input)),
    onSuccess: (out) => {
      if (out.path) toast({ tone: 'success', message: `Exported ${formatNumber(out.count)} members to ${out.path}.` });
    },
    onError: (error) => errorToast('Export', error),
    onSettled: () => client.invalidateQueries({ queryKey: ['audit'] }),
  });
}
