import { skipToken, useQuery, type QueryKey } from '@tanstack/react-query';

/**
 * Data main pushes (progress events) rather than data the renderer asks for: it lives in the
 * React Query cache, written with `setQueryData` by the event subscriptions, and read here. The
 * query never fetches (`skipToken`), so an invalidation leaves it as it is.
 */
export function usePushed<T>(key: QueryKey): T | undefined {
  return useQuery<T>({ queryKey: key, queryFn: skipToken, staleTime: Infinity }).data;
}
