import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import type { Operation } from './operations';

/**
 * The job journal (`jobs.sqlite`, beside the audit store): every job as an ordered list of
 * operations, each with its state and result. Every state change is its own durable commit (WAL,
 * synchronous FULL), written before the request it describes is sent (`in_flight`) and after its
 * answer (`done` / `failed`), so after a crash the journal says exactly which operations may have
 * reached the server without an answer: those left `in_flight`.
 */

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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'cancelled', 'finished')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ops (
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  op TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('planned', 'in_flight', 'done', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  result TEXT,
  resource_id TEXT,
  error_code TEXT,
  error_message TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
);
CREATE INDEX IF NOT EXISTS ops_state ON ops (job_id, state);
`;

interface OpRow {
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

interface JobRow {
  id: string;
  tenant_id: string;
  kind: string;
  title: string;
  state: JobState;
  created_at: string;
  updated_at: string;
}

const EMPTY_COUNTS = (): Record<OpState, number> => ({ planned: 0, in_flight: 0, done: 0, failed: 0, skipped: 0 });

function toOp(row: OpRow): OpRecord {
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

export function openJournal(file: string, now: () => Date = () => new Date()) {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  db.exec(SCHEMA);
  const stamp = () => now().toISOString();

  const insertJob = db.prepare(
    'INSERT INTO jobs (id, tenant_id, kind, title, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertOp = db.prepare('INSERT INTO ops (job_id, seq, op, state, updated_at) VALUES (?, ?, ?, ?, ?)');
  const getJob = db.prepare('SELECT * FROM jobs WHERE id = ?');
  const countOps = db.prepare('SELECT state, COUNT(*) AS n FROM ops WHERE job_id = ? GROUP BY state');
  const setJobState = db.prepare('UPDATE jobs SET state = ?, updated_at = ? WHERE id = ?');
  const markInFlight = db.prepare(
    "UPDATE ops SET state = 'in_flight', attempts = attempts + 1, updated_at = ? WHERE job_id = ? AND seq = ?",
  );
  const settle = db.prepare(
    'UPDATE ops SET state = ?, result = ?, resource_id = COALESCE(?, resource_id), error_code = ?, error_message = ?, updated_at = ? WHERE job_id = ? AND seq = ?',
  );
  const opsOf = db.prepare('SELECT * FROM ops WHERE job_id = ? ORDER BY seq');
  const opsInState = db.prepare('SELECT * FROM ops WHERE job_id = ? AND state = ? ORDER BY seq');
  const requeue = db.prepare(
    "UPDATE ops SET state = 'planned', error_code = NULL, error_message = NULL, updated_at = ? WHERE job_id = ? AND state = 'failed'",
  );

  function job(id: string): JobRecord | null {
    const row = getJob.get(id) as JobRow | undefined;
    if (!row) return null;
    const counts = EMPTY_COUNTS();
    for (const c of countOps.all(id) as Array<{ state: OpState; n: number }>) counts[c.state] = c.n;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      kind: row.kind,
      title: row.title,
      state: row.state,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
    };
  }

  return {
    /** Records a job and all its operations (planned) in one commit; returns its id. */
    create(input: { tenantId: string; kind: string; title: string; ops: readonly Operation[] }): string {
      const id = randomUUID();
      const at = stamp();
      db.exec('BEGIN IMMEDIATE');
      try {
        insertJob.run(id, input.tenantId, input.kind, input.title, 'running', at, at);
        input.ops.forEach((op, seq) => insertOp.run(id, seq, JSON.stringify(op), 'planned', at));
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
      return id;
    },
    job,
    jobs(): JobRecord[] {
      const ids = db.prepare('SELECT id FROM jobs ORDER BY created_at DESC').all() as Array<{ id: string }>;
      return ids.map((r) => job(r.id)!).filter(Boolean);
    },
    /** Jobs that did not end (running or paused when the app stopped): offered for resume. */
    unfinished(): JobRecord[] {
      const ids = db
        .prepare("SELECT id FROM jobs WHERE state IN ('running', 'paused') ORDER BY created_at")
        .all() as Array<{ id: string }>;
      return ids.map((r) => job(r.id)!).filter(Boolean);
    },
    setState(id: string, state: JobState): void {
      setJobState.run(state, stamp(), id);
    },
    ops(id: string): OpRecord[] {
      return (opsOf.all(id) as unknown as OpRow[]).map(toOp);
    },
    opsIn(id: string, state: OpState): OpRecord[] {
      return (opsInState.all(id, state) as unknown as OpRow[]).map(toOp);
    },
    /** Durably marks an operation as sent (before the request leaves). */
    beginOp(jobId: string, seq: number): void {
      markInFlight.run(stamp(), jobId, seq);
    },
    settleOp(
      jobId: string,
      seq: number,
      outcome: {
        state: Exclude<OpState, 'in_flight'>;
        result?: string | null;
        resourceId?: string | null;
        errorCode?: string | null;
        errorMessage?: string | null;
      },
    ): void {
      settle.run(
        outcome.state,
        outcome.result ?? null,
        outcome.resourceId ?? null,
        outcome.errorCode ?? null,
        outcome.errorMessage ?? null,
        stamp(),
        jobId,
        seq,
      );
    },
    /** Failed operations go back to planned (Retry failed). */
    requeueFailed(jobId: string): number {
      return Number(requeue.run(stamp(), jobId).changes);
    },
    close(): void {
      db.close();
    },
  };
}

export type Journal = ReturnType<typeof openJournal>;

/**
 * The journal, opened on first use rather than at start-up, so a data folder that cannot be
 * written does not stop the console from starting: each job call then fails with a typed error
 * that names the folder (`onFailure` makes it), and is tried again on the next call.
 */
export function lazyJournal(file: string, now: () => Date, onFailure: (error: unknown) => Error): Journal {
  let opened: Journal | null = null;
  const get = (): Journal => {
    if (!opened) {
      try {
        opened = openJournal(file, now);
      } catch (error) {
        throw onFailure(error);
      }
    }
    return opened;
  };
  return new Proxy({} as Journal, {
    get(_target, key: string | symbol) {
      // Closing a journal that was never opened has nothing to do.
      if (key === 'close' && !opened) return () => undefined;
      const journal = get();
      const value = (journal as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(journal) : value;
    },
  });
}
