import type { DatabaseSync } from 'node:sqlite';
import { PHASE } from './operations';

/** The journal's tables as first released; `migrate` brings any file, old or new, up to date. */
export const SCHEMA = `
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
`;

/**
 * Added after the first release, so applied to older files too: `jobs.ready` (0 while a job's
 * steps are still being written; such a job is dropped at the next open, nothing of it was sent)
 * and `ops.phase` (the step's phase, so the runner pages planned steps phase by phase in SQL).
 */
export function migrate(db: DatabaseSync): void {
  const columns = (table: string) =>
    new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
  if (!columns('jobs').has('ready')) db.exec('ALTER TABLE jobs ADD COLUMN ready INTEGER NOT NULL DEFAULT 1');
  // What an undo job reverses: `job:<id>` or `entry:<audit entry id>`.
  if (!columns('jobs').has('undo_of')) db.exec('ALTER TABLE jobs ADD COLUMN undo_of TEXT');
  if (!columns('ops').has('phase')) {
    db.exec('ALTER TABLE ops ADD COLUMN phase INTEGER');
    const cases = Object.entries(PHASE)
      .map(([type, phase]) => `WHEN '${type}' THEN ${phase}`)
      .join(' ');
    db.exec(`UPDATE ops SET phase = CASE json_extract(op, '$.type') ${cases} ELSE 0 END WHERE phase IS NULL`);
  }
  db.exec('CREATE INDEX IF NOT EXISTS ops_phase ON ops (job_id, state, phase, seq)');
  // Steps of one state in order without walking the whole job.
  db.exec('CREATE INDEX IF NOT EXISTS ops_state_seq ON ops (job_id, state, seq); DROP INDEX IF EXISTS ops_state;');
  const hasCounts = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'op_counts'").get();
  if (!hasCounts) {
    // Counts per state, kept by triggers, so a job's progress is read without counting its steps.
    db.exec(`BEGIN;
      CREATE TABLE op_counts (
        job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (job_id, state)
      );
      INSERT INTO op_counts (job_id, state, n) SELECT job_id, state, COUNT(*) FROM ops GROUP BY job_id, state;
      CREATE TRIGGER ops_counted AFTER INSERT ON ops BEGIN
        INSERT INTO op_counts (job_id, state, n) VALUES (NEW.job_id, NEW.state, 1)
          ON CONFLICT (job_id, state) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER ops_recounted AFTER UPDATE OF state ON ops WHEN OLD.state <> NEW.state BEGIN
        UPDATE op_counts SET n = n - 1 WHERE job_id = OLD.job_id AND state = OLD.state;
        INSERT INTO op_counts (job_id, state, n) VALUES (NEW.job_id, NEW.state, 1)
          ON CONFLICT (job_id, state) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER ops_uncounted AFTER DELETE ON ops BEGIN
        UPDATE op_counts SET n = n - 1 WHERE job_id = OLD.job_id AND state = OLD.state;
      END;
      COMMIT;`);
  }
  db.exec('CREATE INDEX IF NOT EXISTS jobs_undo_of ON jobs (undo_of) WHERE undo_of IS NOT NULL');
  db.exec('DELETE FROM jobs WHERE ready = 0');
  // A cancel marks the job first and its steps after, a chunk at a time: finish one a quit cut short.
  db.exec(
    "UPDATE ops SET state = 'skipped' WHERE state = 'planned' AND job_id IN (SELECT id FROM jobs WHERE state = 'cancelled')",
  );
}
