import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditFilter } from '../../../../shared/domain/audit';
import { getApi, unwrap } from '../../lib/api';
import { errorToast } from '../../lib/error-toast';
import { toast } from '../../stores/toasts';

export const auditKeys = {
  all: ['audit'] as const,
  status: () => [...auditKeys.all, 'status'] as const,
  facets: () => [...auditKeys.all, 'facets'] as const,
  entries: (filter: AuditFilter) => [...auditKeys.all, 'entries', filter] as const,
  member: (memberId: string, userName: string) => [...auditKeys.all, 'member', memberId, userName] as const,
  activity: (tenantId: string | null) => [...auditKeys.all, 'activity', tenantId] as const,
};

const PAGE = 100;

export function useAuditStatus() {
  return useQuery({ queryKey: auditKeys.status(), queryFn: () => unwrap(getApi().audit.status()) });
}

export function useAuditFacets() {
  return useQuery({ queryKey: auditKeys.facets(), queryFn: () => unwrap(getApi().audit.facets()) });
}

/** Newest first, a page at a time; the next page starts below the last seq seen. */
export function useAuditEntries(filter: AuditFilter, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: auditKeys.entries(filter),
    queryFn: ({ pageParam }) => unwrap(getApi().audit.query({ filter, before: pageParam, limit: PAGE })),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    enabled,
  });
}

export const useVerifyAudit = () => useMutation({ mutationFn: () => unwrap(getApi().audit.verify()) });

export function useExportAudit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (format: 'csv' | 'jsonl') => unwrap(getApi().audit.export({ format })),
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}

export function useStartFreshAudit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(getApi().audit.startFresh({ confirm: true })),
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}

/** A member's audit entries: recorded against its id, or its userName before it had one (provisioning). */
export function useMemberAudit(member: { id: string; userName: string } | null) {
  return useQuery({
    queryKey: auditKeys.member(member?.id ?? '', member?.userName ?? ''),
    enabled: member !== null,
    queryFn: () =>
      unwrap(getApi().audit.query({ filter: { targets: [member!.id, member!.userName] }, before: null, limit: 20 })),
  });
}

/** Successes and failures per day over the last two weeks, for one tenant or all. */
export function useActivity(tenantId: string | null) {
  return useQuery({
    queryKey: auditKeys.activity(tenantId),
    queryFn: () => unwrap(getApi().audit.activity({ tenantId, days: 14 })),
  });
}

/** Saves the public key that checks this installation's audit signatures (the save dialog decides where). */
export function useExportPublicKey() {
  return useMutation({
    mutationFn: () => unwrap(getApi().audit.exportPublicKey()),
    onSuccess: (out) => {
      if (out.path)
        toast({ tone: 'success', message: `Saved the public key (${out.fingerprint ?? ''}) to ${out.path}.` });
    },
    onError: (error) => errorToast('Saving the public key', error),
  });
}

/** Builds an access-review pack for a tenant and a period (main reads the roster fresh; progress as a task). */
export function useReviewPack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { tenantId: string; from: string; to: string; taskId: string }) =>
      unwrap(getApi().evidence.reviewPack(input)),
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}

/** Replaces the installation's signing key (recorded in the history, endorsed by the old key). */
export function useRotateSigningKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(getApi().audit.rotateSigningKey({ confirm: true })),
    onSuccess: (out) =>
      toast({ tone: 'success', message: `New signing key ${out.fingerprint}. Hand its public key to your auditors.` }),
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
