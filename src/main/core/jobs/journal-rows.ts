import { z } from 'zod';
import { AppError } from '../errors';
import type { Operation } from './operations';

/** The journal's rows as SQLite returns them, and how they read as records. */

export type JobState = 'running' | 'paused' | 'cancelled' | 'finished';
export type OpState = 'planned' | 'in_flight' | 'done' | 'failed' | 'skipped';

export interface JobRecord {
  id: string;
  tenantId: string;
  kind: string;
  title: string;
  state: JobState;
  createdAt: string;
  updatedAt: string;
  /** Counts by operation state. */
  counts: Record<OpState, number>;
  total: number;
  /** For an undo: what it reverses (`job:<id>` or `entry:<audit entry id>`); null otherwise. */
  undoOf: string | null;
}

export interface OpRecord {
  jobId: string;
  seq: number;
  op: Operation;
  state: OpState;
  attempts: number;
  /** What happened, for the report (a short machine word, e.g. `created`, `existing`). */
  result: string | null;
  /** The id of the resource the operation produced or acted on, once known. */
  resourceId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  updatedAt: string;
}

export interface OpRow {
  job_id: string;
  seq: number;
  op: string;
  state: OpState;
  attempts: number;
  result: string | null;
  resource_id: string | null;
  error_code: string | null;
  error_message: string | null;
  updated_at: string;
}

export interface JobRow {
  id: string;
  tenant_id: string;
  kind: string;
  title: string;
  state: JobState;
  created_at: string;
  updated_at: string;
  undo_of: string | null;
}

export const EMPTY_COUNTS = (): Record<OpState, number> => ({
  planned: 0,
  in_flight: 0,
  done: 0,
  failed: 0,
  skipped: 0,
});

const name = z.string().max(1024);
const id = z.string().max(1024);
/** The before-states a step records (see operations.ts), as stored in the journal and in audit intents. */
export const activeBeforeSchema = z.object({ active: z.boolean() });
export const memberBeforeSchema = z.object({ member: z.boolean() });
export const deletedMemberSchema = z.object({
  userName: name,
  givenName: name,
  familyName: name,
  active: z.boolean(),
  groups: z.array(z.object({ id, name })).max(10_000),
});

/** A step as the journal stores it: read with its schema, never cast (the file may be damaged). */
export const operationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('create'), userName: name, givenName: name, familyName: name }),
  z.object({
    type: z.literal('setActive'),
    userName: name,
    userId: id.nullable(),
    active: z.boolean(),
    before: activeBeforeSchema.optional(),
  }),
  z.object({ type: z.literal('delete'), userName: name, userId: id, before: deletedMemberSchema.optional() }),
  z.object({
    type: z.literal('addToGroup'),
    userName: name,
    userId: id.nullable(),
    groupId: id.nullable(),
    groupName: name,
    before: memberBeforeSchema.optional(),
  }),
  z.object({
    type: z.literal('removeFromGroup'),
    userName: name,
    userId: id,
    groupId: id,
    groupName: name,
    before: memberBeforeSchema.optional(),
  }),
  z.object({ type: z.literal('createGroup'), groupName: name }),
]);

/** The step a row holds; a row that is not a step is the journal's damage, said as such. */
function parseOperation(row: OpRow): Operation {
  let raw: unknown;
  try {
    raw = JSON.parse(row.op);
  } catch {
    raw = null;
  }
  const parsed = operationSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'FILE_ERROR',
      `Step ${row.seq + 1} of this job in the job journal (jobs.sqlite) is damaged and cannot be read. Cancel the job and start it again.`,
    );
  }
  // The import keeps each step's row number beside it, for the report.
  const rowNumber = (raw as { row?: unknown }).row;
  return (typeof rowNumber === 'number' ? { ...parsed.data, row: rowNumber } : parsed.data) as Operation;
}

export function toOp(row: OpRow): OpRecord {
  return {
    jobId: row.job_id,
    seq: row.seq,
    op: parseOperation(row),
    state: row.state,
    attempts: row.attempts,
    result: row.result,
    resourceId: row.resource_id,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    updatedAt: row.updated_at,
  };
}
