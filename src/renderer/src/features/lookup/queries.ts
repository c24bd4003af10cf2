import { useMutation } from '@tanstack/react-query';
import { getApi, unwrap } from '../../lib/api';

/** One person across every tenant: a read per tenant, in main (`people.find`). */
export function useFindPerson() {
  return useMutation({
    mutationFn: (userName: string) => unwrap(getApi().people.find({ userName })),
  });
}
