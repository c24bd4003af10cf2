import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { migrate, SCHEMA } from './journal-schema';
import { PHASE, type Operation } from './operations';
import {
  EMPTY_COUNTS,
  toOp,
  type JobRecord,
  type JobRow,
  type JobState,
  type OpRecord,
  type OpRow,
  type OpState,
} from './journal-rows';

export type { JobRecord, JobState, OpRecord, OpState } from './journal-rows';

/**
 * The job journal (`jobs.sqlite`, beside the audit store): every job as an ordered list of
 * operations, each with its state and result. Every state change is its own durable commit (WAL,
 * synchronous FULL), written before the request it describes is sent (`in_flight`) and after its
 * answer (`done` / `failed`), so after a crash the journal says exactly which operations may have
 * reached the server without an answer: those left `in_flight`.
 */

/** The steps of a new job: an array, or anything that makes step i on demand (a 200,000-member bulk job). */
export interface OperationSource {
  readonly length: number;
  at(index: number): Operation | undefined;
}

/** How a step ended (or went back to planned). */
export interface Settlement {
  state: Exclude<OpState, 'in_flight'>;
  result?: string | null;
  resourceId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
}

/** Steps written (or skipped) per transaction; the event loop runs between chunks. */
const CHUNK = 500;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function openJournal(file: string, now: () => Date = () => new Date()) {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  db.exec(SCHEMA);
  migrate(db);
  const stamp = () => now().toISOString();

  const insertJob = db.prepare(
    'INSERT INTO jobs (id, tenant_id, kind, title, state, created_at, updated_at, ready, undo_of) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)',
  );
  const undoneBy = db.prepare('SELECT id FROM jobs WHERE undo_of = ? AND ready = 1 ORDER BY created_at DESC LIMIT 1');
  const markReady = db.prepare('UPDATE jobs SET ready = 1 WHERE id = ?');
  const insertOp = db.prepare('INSERT INTO ops (job_id, seq, op, state, updated_at, phase) VALUES (?, ?, ?, ?, ?, ?)');
  const getJob = db.prepare('SELECT * FROM jobs WHERE id = ? AND ready = 1');
  const countOps = db.prepare('SELECT state, n FROM op_counts WHERE job_id = ?');
  const setJobState = db.prepare('UPDATE jobs SET state = ?, updated_at = ? WHERE id = ?');
  const markInFlight = db.prepare(
    "UPDATE ops SET state = 'in_flight', attempts = attempts + 1, updated_at = ? WHERE job_id = ? AND seq = ?",
  );
  const settle = db.prepare(
    'UPDATE ops SET state = ?, result = ?, resource_id = COALESCE(?, resource_id), error_code = ?, error_message = ?, updated_at = ? WHERE job_id = ? AND seq = ?',
  );
  const opsInState = db.prepare('SELECT * FROM ops WHERE job_id = ? AND state = ? ORDER BY seq');
  const pageAll = db.prepare('SELECT * FROM ops WHERE job_id = ? ORDER BY seq LIMIT ? OFFSET ?');
  const pageInState = db.prepare('SELECT * FROM ops WHERE job_id = ? AND state = ? ORDER BY seq LIMIT ? OFFSET ?');
  const countAll = db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM op_counts WHERE job_id = ?');
  const countInState = db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM op_counts WHERE job_id = ? AND state = ?');
  const inPhase = db.prepare(
    'SELECT * FROM ops WHERE job_id = ? AND state = ? AND phase = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const skipSomePlanned = db.prepare(
    "UPDATE ops SET state = 'skipped', updated_at = ? WHERE job_id = ? AND state = 'planned' AND seq IN (SELECT seq FROM ops WHERE job_id = ? AND state = 'planned' LIMIT ?)",
  );
  const pageAfter = db.prepare('SELECT * FROM ops WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?');
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
      undoOf: row.undo_of ?? null,
    };
  }

  /** Runs `write` in one transaction; a failure rolls back and is thrown as it was. */
  function transaction(write: () => void): void {
    db.exec('BEGIN IMMEDIATE');
    try {
      write();
      db.exec('COMMIT');
    } catch (error) {
      // A failed COMMIT (a full disk) may already have ended the transaction: never hide the cause.
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  const rows = (statement: { all(...args: Array<string | number>): unknown[] }, ...args: Array<string | number>) =>
    (statement.all(...args) as unknown as OpRow[]).map(toOp);

  return {
    /**
     * Records a job and its operations (planned); returns its id. The steps are written in chunks
     * with the event loop free between them, so a 200,000-step job does not stall main; the job
     * is invisible (and dropped at the next open) until the last chunk is written.
     */
    async create(input: {
      tenantId: string;
      kind: string;
      title: string;
      ops: OperationSource;
      undoOf?: string | null;
    }): Promise<string> {
      const id = randomUUID();
      const at = stamp();
      transaction(() =>
        insertJob.run(id, input.tenantId, input.kind, input.title, 'running', at, at, input.undoOf ?? null),
      );
      try {
        for (let start = 0; start < input.ops.length; start += CHUNK) {
          if (start > 0) await yieldToLoop();
          transaction(() => {
            const end = Math.min(start + CHUNK, input.ops.length);
            for (let seq = start; seq < end; seq += 1) {
              const op = input.ops.at(seq)!;
              insertOp.run(id, seq, JSON.stringify(op), 'planned', at, PHASE[op.type]);
            }
          });
        }
        transaction(() => markReady.run(id));
      } catch (error) {
        try {
          db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
        } catch {
          // The next open drops a job that never became ready.
        }
        throw error;
      }
      return id;
    },
    job,
    jobs(): JobRecord[] {
      const ids = db.prepare('SELECT id FROM jobs WHERE ready = 1 ORDER BY created_at DESC').all() as Array<{
        id: string;
      }>;
      return ids.map((r) => job(r.id)!).filter(Boolean);
    },
    /** Jobs that did not end (running or paused when the app stopped): offered for resume. */
    unfinished(): JobRecord[] {
      const ids = db
        .prepare("SELECT id FROM jobs WHERE ready = 1 AND state IN ('running', 'paused') ORDER BY created_at")
        .all() as Array<{ id: string }>;
      return ids.map((r) => job(r.id)!).filter(Boolean);
    },
    /** The latest undo of a job or an audit entry (`job:<id>`, `entry:<id>`), if any. */
    undoneBy(ref: string): string | null {
      const row = undoneBy.get(ref) as { id: string } | undefined;
      return row?.id ?? null;
    },
    setState(id: string, state: JobState): void {
      setJobState.run(state, stamp(), id);
    },
    /** Every step in one state (for the few left in flight by a crash; never for all steps of a large job). */
    opsIn(id: string, state: OpState): OpRecord[] {
      return rows(opsInState, id, state);
    },
    /** One page of steps, in order, in one state or any. */
    page(id: string, state: OpState | null, offset: number, limit: number): OpRecord[] {
      return state ? rows(pageInState, id, state, limit, offset) : rows(pageAll, id, limit, offset);
    },
    count(id: string, state: OpState | null): number {
      const row = (state ? countInState.get(id, state) : countAll.get(id)) as { n: number };
      return row.n;
    },
    /** Up to `limit` planned steps of one phase after `afterSeq`, in order. */
    plannedIn(id: string, phase: number, afterSeq: number, limit: number): OpRecord[] {
      return rows(inPhase, id, 'planned', phase, afterSeq, limit);
    },
    /** Up to `limit` done steps of one phase after `afterSeq`, in order. */
    doneIn(id: string, phase: number, afterSeq: number, limit: number): OpRecord[] {
      return rows(inPhase, id, 'done', phase, afterSeq, limit);
    },
    /**
     * Marks every planned step skipped (a cancel), a chunk per commit with the event loop free
     * between; the job itself is marked cancelled first, so a quit half-way is finished at the next open.
     */
    async skipPlanned(id: string): Promise<number> {
      let total = 0;
      for (;;) {
        const changed = Number(skipSomePlanned.run(stamp(), id, id, CHUNK * 4).changes);
        total += changed;
        if (changed < CHUNK * 4) return total;
        await yieldToLoop();
      }
    },
    /** Up to `limit` steps after `afterSeq`, in order (for reading a whole job a page at a time). */
    after(id: string, afterSeq: number, limit: number): OpRecord[] {
      return rows(pageAfter, id, afterSeq, limit);
    },
    /** Durably marks an operation as sent (before the request leaves). */
    beginOp(jobId: string, seq: number): void {
      markInFlight.run(stamp(), jobId, seq);
    },
    /** Durably marks a batch's operations as sent, in one commit, before its request leaves. */
    beginOps(jobId: string, seqs: readonly number[]): void {
      const at = stamp();
      transaction(() => {
        for (const seq of seqs) markInFlight.run(at, jobId, seq);
      });
    },
    /** Settles a batch's operations in one commit, after the read that settled them. */
    settleOps(jobId: string, outcomes: ReadonlyArray<{ seq: number } & Settlement>): void {
      const at = stamp();
      transaction(() => {
        for (const o of outcomes) {
          settle.run(
            o.state,
            o.result ?? null,
            o.resourceId ?? null,
            o.errorCode ?? null,
            o.errorMessage ?? null,
            at,
            jobId,
            o.seq,
          );
        }
      });
    },
    settleOp(jobId: string, seq: number, outcome: Settlement): void {
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
