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
}

export const EMPTY_COUNTS = (): Record<OpState, number> => ({
  planned: 0,
  in_flight: 0,
  done: 0,
  failed: 0,
  skipped: 0,
});

export function toOp(row: OpRow): OpRecord {
  return {
    jobId: row.job_id,
    seq: row.seq,
    op: JSON.parse(row.op) as Operation,
    state: row.state,
    attempts: row.attempts,
    result: row.result,
    resourceId: row.resource_id,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    updatedAt: row.updated_at,
  };
}
