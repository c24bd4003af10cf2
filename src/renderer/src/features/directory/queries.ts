import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getApi, unwrap } from '../../lib/api';
import { errorToast } from '../../lib/error-toast';
import { formatNumber } from '../../lib/numbers';
import { toast } from '../../stores/toasts';
import { auditKeys } from '../audit/queries';
import { beginTask, endTask, newTaskId, useListingTask } from '../tasks/queries';

export const directoryKeys = {
  all: ['directory'] as const,
  tenant: (tenantId: string) => ['directory', tenantId] as const,
  /** Every member detail, of every tenant. */
  members: ['member'] as const,
  member: (tenantId: string, memberId: string) => ['member', tenantId, memberId] as const,
};

/**
 * Every member and group of a tenant; loaded once, refreshed on demand (Refresh, F5). With
 * `load: false` it only reads what is cached (dialogs must not start a 100,000-member listing).
 */
export function useDirectory(tenantId: string | null, { load = true }: { load?: boolean } = {}) {
  return useQuery({
    queryKey: directoryKeys.tenant(tenantId ?? ''),
    enabled: tenantId !== null && load,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal, client }) => {
      const id = tenantId!;
      const taskId = newTaskId('load');
      beginTask(client, taskId, 'Loading members', id);
      try {
        const dir = await unwrap(getApi().directory.load({ tenantId: id, taskId }));
        signal.throwIfAborted();
        return dir;
      } finally {
        endTask(client, taskId, id);
      }
    },
  });
}

/** The tenant's listing and, while one is loading, its progress and the rows streamed so far. */
export function useDirectoryWithProgress(tenantId: string) {
  const directory = useDirectory(tenantId);
  const loading = useListingTask(tenantId);
  return { directory, loading };
}

export function useMemberDetail(tenantId: string, memberId: string | null) {
  return useQuery({
    queryKey: directoryKeys.member(tenantId, memberId ?? ''),
    enabled: memberId !== null,
    queryFn: () => unwrap(getApi().members.get({ tenantId, memberId: memberId! })),
  });
}

export function useExportMembers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { tenantId: string; format: 'csv' | 'json'; memberIds: string[] }) =>
      unwrap(getApi().members.export(input)),
    onSuccess: (out) => {
      if (out.path) toast({ tone: 'success', message: `Exported ${formatNumber(out.count)} members to ${out.path}.` });
    },
    onError: (error) => errorToast('Exporting members', error),
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
