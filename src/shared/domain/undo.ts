import { z } from 'zod';

const request = z.object({ method: z.string(), path: z.string(), body: z.unknown().optional() });
const listed = z.object({ description: z.string(), reason: z.string() });

/**
 * An undo plan as the renderer shows it: the steps that take a job, an import or a single action
 * back, checked against the tenant read when it was made. Applying it reads the tenant again and
 * skips what changed since; it runs as a job.
 */
export const undoPlanSchema = z.object({
  planId: z.string(),
  /** What it reverses: `job:<id>` or `entry:<audit entry id>`. */
  undoOf: z.string(),
  /** What it reverses, as its title ("Deactivate 400 members") or its audit action. */
  reverses: z.string(),
  plannedAt: z.string(),
  /** Steps in all (the first ones are in `steps`). */
  stepCount: z.number().int(),
  steps: z.array(z.object({ description: z.string(), request })),
  /** The first write requests, batched as the job sends them (the dry run). */
  requests: z.array(z.object({ steps: z.number().int(), description: z.string(), request })),
  writeCount: z.number().int(),
  requestCount: z.number().int(),
  counts: z.object({
    reactivate: z.number().int(),
    deactivate: z.number().int(),
    addToGroup: z.number().int(),
    removeFromGroup: z.number().int(),
    recreate: z.number().int(),
  }),
  /** Steps whose member or group changed since (by the IdP, a colleague or another job): skipped. */
  stale: z.number().int(),
  staleExamples: z.array(listed),
  /**
   * Steps whose member the server says was changed after the change being undone (by the IdP, a
   * colleague or another job): skipped unless the admin chooses to undo them anyway, per member.
   */
  changed: z.number().int(),
  changedMembers: z.number().int(),
  changedExamples: z.array(listed.extend({ member: z.string() })),
  /** Changes the undo does not take back, with why (deletions unless re-created, groups created, unknown before-state). */
  notUndone: z.number().int(),
  notUndoneExamples: z.array(listed),
  /** Deleted members that can be re-created (new ids), and whether this plan does. */
  deleted: z.number().int(),
  recreateDeleted: z.boolean(),
  safeguard: z.object({ required: z.boolean(), reasons: z.array(z.string()), phrase: z.string().nullable() }),
  /** An undo of the same thing started earlier (its job id), if any. */
  undoneBy: z.string().nullable(),
});
export type UndoPlanView = z.infer<typeof undoPlanSchema>;

/**
 * Members changed since the undone change (lowercased userNames) that the admin chose to take back
 * all the same: every one (`all`), or those named. Empty means none.
 */
export const undoAnywaySchema = z
  .object({ all: z.boolean(), members: z.array(z.string().min(1).max(320)).max(10_000) })
  .strict();
export type UndoAnyway = z.infer<typeof undoAnywaySchema>;

export const undoCheckSchema = z.object({
  checkedAt: z.string(),
  stale: z.number().int(),
  examples: z.array(listed),
});
export type UndoCheckView = z.infer<typeof undoCheckSchema>;
