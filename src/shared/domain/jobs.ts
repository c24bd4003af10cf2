import { z } from 'zod';

/** A bulk job as the renderer sees it: what it is, where it stands. */
export const jobViewSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  kind: z.string(),
  title: z.string(),
  state: z.enum(['running', 'paused', 'cancelled', 'finished']),
  /** True while this app run is working on it (a `running` job that is not active was interrupted). */
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  planned: z.number().int(),
  inFlight: z.number().int(),
  /** For an undo: what it reverses, `job:<id>` or `entry:<audit entry id>`. */
  undoOf: z.string().nullable(),
  /** The latest undo of this job, when one was started. */
  undoneBy: z.string().nullable(),
});
export type JobView = z.infer<typeof jobViewSchema>;

export const jobProgressSchema = z.object({
  jobId: z.string(),
  tenantId: z.string(),
  title: z.string(),
  state: z.enum(['running', 'paused', 'cancelled', 'finished']),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  ratePerSecond: z.number(),
  etaSeconds: z.number().int().nullable(),
  /** Why a job stopped by itself (a full disk, say), in a sentence; null otherwise. */
  reason: z.string().nullable().optional(),
});
export type JobProgressView = z.infer<typeof jobProgressSchema>;

export const jobItemSchema = z.object({
  seq: z.number().int(),
  description: z.string(),
  state: z.enum(['planned', 'in_flight', 'done', 'failed', 'skipped']),
  result: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.number().int(),
});
export type JobItem = z.infer<typeof jobItemSchema>;

export const BULK_ACTIONS = ['deactivate', 'reactivate', 'delete', 'addToGroup', 'removeFromGroup'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const IMPORT_FIELD_NAMES = ['userName', 'givenName', 'familyName', 'groups', 'active'] as const;

export const columnMappingSchema = z
  .object({
    userName: z.number().int().min(0).max(10_000).nullable(),
    givenName: z.number().int().min(0).max(10_000).nullable(),
    familyName: z.number().int().min(0).max(10_000).nullable(),
    groups: z.number().int().min(0).max(10_000).nullable(),
    active: z.number().int().min(0).max(10_000).nullable(),
  })
  .strict();
export type ColumnMappingView = z.infer<typeof columnMappingSchema>;

export const planOptionsSchema = z
  .object({
    deactivateMissing: z.boolean(),
    createUnknownGroups: z.boolean(),
    removeUnlistedGroups: z.boolean(),
    /** Create members the source has not activated yet (Okta STAGED, PROVISIONED), as inactive. */
    createPending: z.boolean().optional(),
  })
  .strict();
export type PlanOptionsView = z.infer<typeof planOptionsSchema>;

/** A file read for import: what the wizard shows before mapping. */
export const importFileSchema = z.object({
  importId: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rows: z.number().int(),
  unreadableRows: z.number().int(),
  replacedCharacters: z.number().int(),
  source: z.enum(['okta', 'entra', 'google', 'console']).nullable(),
  mapping: columnMappingSchema,
  /** True when the mapping is the one remembered for this tenant and these columns. */
  mappingRemembered: z.boolean(),
});
export type ImportFile = z.infer<typeof importFileSchema>;

const planStepViewSchema = z.object({
  row: z.number().int().nullable(),
  type: z.string(),
  description: z.string(),
  request: z.object({ method: z.string(), path: z.string(), body: z.unknown().optional() }),
});
export type PlanStepView = z.infer<typeof planStepViewSchema>;

const plannedRequestSchema = z.object({
  rows: z.array(z.number().int()),
  /** Steps the request carries: 1, or the members of a batched group PATCH. */
  steps: z.number().int(),
  description: z.string(),
  request: z.object({ method: z.string(), path: z.string(), body: z.unknown().optional() }),
});
export type PlannedRequestView = z.infer<typeof plannedRequestSchema>;

export const importPlanSchema = z.object({
  importId: z.string(),
  /** When the tenant was read for this plan: applying reads it again and skips what changed since. */
  plannedAt: z.string(),
  rows: z.number().int(),
  issues: z.array(z.object({ row: z.number().int(), severity: z.enum(['error', 'warning']), message: z.string() })),
  /** The first steps (the dry run shows them with their requests); `stepCount` is the total. */
  steps: z.array(planStepViewSchema),
  stepCount: z.number().int(),
  /** The first write requests the job will send, batched as it sends them (the dry run). */
  requests: z.array(plannedRequestSchema),
  /** Write requests in all, and every request with the read that checks each write. */
  writeCount: z.number().int(),
  requestCount: z.number().int(),
  counts: z.object({
    create: z.number().int(),
    reactivate: z.number().int(),
    deactivate: z.number().int(),
    addToGroup: z.number().int(),
    removeFromGroup: z.number().int(),
    createGroup: z.number().int(),
    noChange: z.number().int(),
    /** Inactive (or not yet active) in the file and absent from the tenant: not created. */
    skipped: z.number().int(),
    rejected: z.number().int(),
  }),
  unknownGroups: z.array(z.string()),
  drift: z.object({
    activeNotInFile: z.array(z.object({ id: z.string(), userName: z.string() })),
    inFileNotInTenant: z.array(z.string()),
    inactiveButActiveInFile: z.array(z.object({ id: z.string(), userName: z.string() })),
  }),
  safeguard: z.object({ required: z.boolean(), reasons: z.array(z.string()), phrase: z.string().nullable() }),
  activeMembers: z.number().int(),
  /** For a plan opened from a plan file: the file, when and by which installation (key fingerprint) it was made. */
  origin: z
    .object({
      fileName: z.string(),
      /** The CSV it was planned from. */
      source: z.string(),
      plannedAt: z.string(),
      plannedBy: z.string(),
      byThisInstallation: z.boolean(),
    })
    .nullable(),
});
export type ImportPlanView = z.infer<typeof importPlanSchema>;
