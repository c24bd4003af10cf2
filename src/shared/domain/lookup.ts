import { z } from 'zod';

/** One tenant's answer to "is this person here?". */
export const personInTenantSchema = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  /** `failed`: the tenant could not answer (no token, offline, refused); `error` says why. */
  state: z.enum(['found', 'absent', 'failed']),
  member: z
    .object({
      id: z.string(),
      userName: z.string(),
      name: z.string(),
      active: z.boolean(),
      /** Group names, from the member's own resource or the tenant's last listing. */
      groups: z.array(z.string()),
      /** False when neither the server's answer nor a listing said which groups. */
      groupsKnown: z.boolean(),
    })
    .nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type PersonInTenant = z.infer<typeof personInTenantSchema>;

export const personLookupSchema = z.object({
  userName: z.string(),
  results: z.array(personInTenantSchema),
});
export type PersonLookup = z.infer<typeof personLookupSchema>;
