import { queryOptions, useQuery } from '@tanstack/react-query';
import { getApi, unwrap } from '../../lib/api';

export const aboutKeys = {
  all: ['app'] as const,
  info: () => [...aboutKeys.all, 'info'] as const,
};

/** Asked for before the first render (main.tsx) as well: the first screen waits for it. */
export const appInfoQuery = queryOptions({
  queryKey: aboutKeys.info(),
  queryFn: () => unwrap(getApi().app.info()),
  staleTime: Infinity,
});

export function useAppInfo() {
  return useQuery(appInfoQuery);
}
