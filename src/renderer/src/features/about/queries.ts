import { useQuery } from '@tanstack/react-query';
import { getApi, unwrap } from '../../lib/api';

export const aboutKeys = {
  all: ['app'] as const,
  info: () => [...aboutKeys.all, 'info'] as const,
};

export function useAppInfo() {
  return useQuery({
    queryKey: aboutKeys.info(),
    queryFn: () => unwrap(getApi().app.info()),
    staleTime: Infinity,
  });
}
