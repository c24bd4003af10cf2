import { z } from 'zod';
import { capabilityProfileSchema, emptyCapabilityProfile } from './scim';

export const SANDBOX_TENANT_ID = 'sandbox';

/** A tenant profile as kept in tenants.json: never a token, only its fingerprint. */
export const tenantProfileSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['scim', 'sandbox']),
  name: z.string().min(1).max(120),
  /** For the Sandbox, the address is only known once it runs: stored as ''. */
  baseUrl: z.string().max(2048),
  readOnly: z.boolean(),
  /**
   * Plans opened from a file may only be applied by another installation than the one that made
   * them (four eyes). Absent in files written before it existed: off.
   */
  requireSeparateApplier: z.boolean().default(false),
  tokenFingerprint: z
    .string()
    .regex(/^[0-9a-f]{8}$/)
    .nullable(),
  tokenSavedAt: z.string().nullable(),
  lastTestedAt: z.string().nullable(),
  capabilities: capabilityProfileSchema,
});
export type TenantProfile = z.infer<typeof tenantProfileSchema>;

export const tenantsFileSchema = z.object({
  version: z.literal(1),
  tenants: z.array(tenantProfileSchema).max(500),
  lastUsedId: z.string().nullable(),
});
export type TenantsFile = z.infer<typeof tenantsFileSchema>;

/** What the keychain says about a tenant's token, as the renderer may know it. */
export const tokenStateSchema = z.enum(['stored', 'missing', 'locked', 'unavailable', 'timed-out']);
export type TokenState = z.infer<typeof tokenStateSchema>;

/** A tenant as the renderer sees it: the profile plus session state, never the token. */
export const tenantViewSchema = tenantProfileSchema.extend({
  tokenState: tokenStateSchema,
  tokenMessage: z.string().nullable(),
  /** Opened read-only for this session, whatever the profile says. */
  sessionReadOnly: z.boolean(),
  effectiveReadOnly: z.boolean(),
});
export type TenantView = z.infer<typeof tenantViewSchema>;

export function sandboxProfile(): TenantProfile {
  return {
    id: SANDBOX_TENANT_ID,
    kind: 'sandbox',
    name: 'Sandbox',
    baseUrl: '',
    readOnly: false,
    requireSeparateApplier: false,
    tokenFingerprint: null,
    tokenSavedAt: null,
    lastTestedAt: null,
    capabilities: emptyCapabilityProfile(),
  };
}

/** Exported profiles: no token, no fingerprint of one, nothing of the Sandbox. */
export const tenantExportSchema = z.object({
  format: z.literal('invision-scim-console/tenants'),
  version: z.literal(1),
  exportedAt: z.string(),
  tenants: z
    .array(z.object({ name: z.string().min(1).max(120), baseUrl: z.string().min(1).max(2048), readOnly: z.boolean() }))
    .max(500),
});
export type TenantExport = z.infer<typeof tenantExportSchema>;
