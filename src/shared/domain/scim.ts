import { z } from 'zod';

export const memberSchema = z.object({
  id: z.string(),
  userName: z.string(),
  active: z.boolean(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
  groups: z.array(z.object({ id: z.string(), display: z.string().nullable() })),
  created: z.string().nullable(),
  lastModified: z.string().nullable(),
  version: z.string().nullable(),
  /** The resource as the server sent it (secrets scrubbed), for the raw JSON view; null in listings. */
  raw: z.unknown(),
});
export type Member = z.infer<typeof memberSchema>;

export const groupSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  members: z.array(z.object({ id: z.string(), display: z.string().nullable() })),
  /** False when the server left members out of the listing (we then know nothing of them). */
  membersKnown: z.boolean(),
  lastModified: z.string().nullable(),
  version: z.string().nullable(),
  raw: z.unknown(),
});
export type Group = z.infer<typeof groupSchema>;

/** What a tenant's server said of itself and what the client saw it do. */
export const capabilityProfileSchema = z.object({
  probedAt: z.string().nullable(),
  advertised: z
    .object({
      patch: z.boolean(),
      bulk: z.boolean(),
      filter: z.boolean(),
      filterMaxResults: z.number().int().nullable(),
      etag: z.boolean(),
      sort: z.boolean(),
    })
    .nullable(),
  quirks: z.object({
    pageSizeCap: z.number().int().nullable(),
    ignoresCount: z.boolean(),
    ignoresStartIndex: z.boolean(),
    numbersAsStrings: z.boolean(),
    patch204: z.boolean(),
    noPagination: z.boolean(),
    pathlessActivePatch: z.boolean(),
    /** Most members one membership PATCH may carry, learned from a 413; null when none was refused. */
    groupPatchMax: z.number().int().positive().nullable().default(null),
    /**
     * The cheapest read that shows whether members are in a group: the members' own `groups`
     * (`userGroups`, confirmed once the server was seen filling it), the group's members alone
     * (`groupMembers`, `?attributes=members`), or the whole group (`group`); null until learned.
     */
    membershipRead: z.enum(['userGroups', 'groupMembers', 'group']).nullable().default(null),
    /** The server's `userName eq` filter compares case-exactly (RFC 7643 says it must not). */
    caseExactUserNameFilter: z.boolean().default(false),
  }),
});
export type CapabilityProfile = z.infer<typeof capabilityProfileSchema>;

export function emptyCapabilityProfile(): CapabilityProfile {
  return {
    probedAt: null,
    advertised: null,
    quirks: {
      pageSizeCap: null,
      ignoresCount: false,
      ignoresStartIndex: false,
      numbersAsStrings: false,
      patch204: false,
      noPagination: false,
      pathlessActivePatch: false,
      groupPatchMax: null,
      membershipRead: null,
      caseExactUserNameFilter: false,
    },
  };
}

export const connectionStepSchema = z.object({
  id: z.enum(['url', 'reachable', 'tls', 'auth', 'scim', 'capabilities', 'latency']),
  label: z.string(),
  status: z.enum(['ok', 'warn', 'fail', 'skipped']),
  detail: z.string(),
  ms: z.number().nullable(),
});
export type ConnectionStep = z.infer<typeof connectionStepSchema>;

export const connectionReportSchema = z.object({
  ok: z.boolean(),
  steps: z.array(connectionStepSchema),
  capabilities: capabilityProfileSchema,
  latencyMs: z.number().nullable(),
  totalMembers: z.number().int().nullable(),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;
