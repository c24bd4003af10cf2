import { z } from 'zod';

export const auditOutcomeSchema = z.enum(['success', 'failure', 'unknown', 'reconciled', 'info']);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** One thing the console did or tried to do, as the Audit view shows it (intent and outcome joined). */
export const auditEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  finishedAt: z.string().nullable(),
  actor: z.string(),
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
  tenantUrl: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  /** The target's email or group name, recorded with the write when the console knew it. */
  targetName: z.string().nullable(),
  /** `unknown` while an intent has no recorded outcome (a crash between request and answer). */
  outcome: auditOutcomeSchema,
  httpStatus: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  durationMs: z.number().nullable(),
  jobId: z.string().nullable(),
  correlationId: z.string(),
  appVersion: z.string(),
  request: z.unknown(),
  detail: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z
  .object({
    tenantId: z.string().max(64),
    action: z.string().max(64),
    outcome: auditOutcomeSchema,
    actor: z.string().max(200),
    from: z.string().max(40),
    to: z.string().max(40),
    text: z.string().max(200),
    /** Exactly this target (a member or group id). */
    target: z.string().max(256),
    /** Any of these targets (a member's id and the userName it was provisioned under, say). */
    targets: z.array(z.string().max(256)).min(1).max(8),
  })
  .partial()
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.string().nullable(), reason: z.string() }).nullable(),
  anchor: z.enum(['ok', 'mismatch', 'missing', 'unverifiable', 'empty']),
  message: z.string(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

export const auditStatusSchema = z.object({
  /** `lost`: the database is behind or apart from its last signed checkpoint (deleted, rolled back, shortened). */
  state: z.enum(['ready', 'corrupt', 'lost', 'unavailable']),
  message: z.string().nullable(),
  entries: z.number().int(),
  /** The installation's signing identity, when the keychain hands it out; and the newest checkpoint signed. */
  signing: z
    .object({
      fingerprint: z.string(),
      publicKey: z.string(),
      checkpoint: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
    })
    .nullable(),
  /** Interrupted actions found at start-up, and what reading the target showed. */
  reconciled: z.array(
    z.object({ id: z.string(), action: z.string(), target: z.string().nullable(), finding: z.string() }),
  ),
});
export type AuditStatus = z.infer<typeof auditStatusSchema>;
