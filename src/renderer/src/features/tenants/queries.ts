import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getApi, unwrap } from '../../lib/api';

export const tenantKeys = {
  all: ['tenants'] as const,
  list: () => [...tenantKeys.all, 'list'] as const,
};

/** Asked for before the first render (main.tsx) as well: the first screen waits for it. */
export const tenantsQuery = queryOptions({
  queryKey: tenantKeys.list(),
  queryFn: () => unwrap(getApi().tenants.list()),
  // The list asked for at start is not asked for again by the shell mounting a moment later.
  staleTime: 2_000,
});

export function useTenants() {
  return useQuery(tenantsQuery);
}

/**
 * A mutation whose input carries a bearer token. React Query keeps a settled mutation, input
 * included, for five minutes by default; these leave its cache as soon as no dialog shows them, so
 * the token is not kept alive in the renderer's heap (e2e/specs/canary.spec.ts checks a snapshot).
 */
const FORGET_INPUT = { gcTime: 0 } as const;

/** Every tenant mutation refreshes the list and the audit history, so nothing stale stays on screen. */
function useTenantMutation<I, O>(run: (input: I) => Promise<O>, options: { gcTime?: number } = {}) {
  const client = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: run,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: tenantKeys.all }),
        client.invalidateQueries({ queryKey: ['audit'] }),
      ]),
  });
}

export const useOpenTenant = () =>
  useTenantMutation((input: { tenantId: string; readOnly: boolean }) => unwrap(getApi().tenants.open(input)));
export const useTestDraft = () =>
  useMutation({
    ...FORGET_INPUT,
    mutationFn: (input: { baseUrl: string; token: string }) => unwrap(getApi().tenants.testDraft(input)),
  });
export const useTestTenant = () =>
  useTenantMutation((input: { tenantId: string }) => unwrap(getApi().tenants.test(input)));
export const useAddTenant = () =>
  useTenantMutation(
    (input: { name: string; baseUrl: string; token: string; readOnly: boolean }) => unwrap(getApi().tenants.add(input)),
    FORGET_INPUT,
  );
export const useUpdateTenant = () =>
  useTenantMutation((input: { tenantId: string; name: string; readOnly: boolean; requireSeparateApplier: boolean }) =>
    unwrap(getApi().tenants.update(input)),
  );
export const useRotateToken = () =>
  useTenantMutation(
    (input: { tenantId: string; token: string }) => unwrap(getApi().tenants.rotateToken(input)),
    FORGET_INPUT,
  );
export const useRemoveTenant = () =>
  useTenantMutation((input: { tenantId: string }) => unwrap(getApi().tenants.remove(input)));
export const useExportTenants = () => useTenantMutation(() => unwrap(getApi().tenants.export()));
export const useImportTenants = () => useTenantMutation(() => unwrap(getApi().tenants.import()));
