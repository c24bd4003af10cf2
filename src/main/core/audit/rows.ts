import { createHmac } from 'node:crypto';
import type { AuditOutcome } from '../../../shared/domain/audit';

/** What a caller records; the store adds time, actor, version, ids and the chain. */
export interface AuditRecord {
  kind: 'event' | 'intent' | 'outcome';
  /** For an outcome: the id of its intent. */
  ref?: string | null;
  tenantId?: string | null;
  tenantName?: string | null;
  tenantUrl?: string | null;
  action: string;
  target?: string | null;
  outcome: AuditOutcome | 'pending';
  httpStatus?: number | null;
  errorCode?: string | null;
  durationMs?: number | null;
  jobId?: string | null;
  correlationId?: string;
  request?: unknown;
  detail?: unknown;
}

/** The columns of one row, as hashed: every field but the hash itself. */
export interface AuditRow {
  seq: number;
  id: string;
  kind: string;
  ref: string | null;
  at: string;
  at_ms: number;
  actor: string;
  tenant_id: string | null;
  tenant_name: string | null;
  tenant_url: string | null;
  action: string;
  target: string | null;
  outcome: string;
  http_status: number | null;
  error_code: string | null;
  duration_ms: number | null;
  job_id: string | null;
  correlation_id: string;
  app_version: string;
  request: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const HASHED_COLUMNS = [
  'seq',
  'id',
  'kind',
  'ref',
  'at',
  'at_ms',
  'actor',
  'tenant_id',
  'tenant_name',
  'tenant_url',
  'action',
  'target',
  'outcome',
  'http_status',
  'error_code',
  'duration_ms',
  'job_id',
  'correlation_id',
  'app_version',
  'request',
  'detail',
  'prev_hash',
] as const;

export function hashedFields(row: AuditRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of HASHED_COLUMNS) out[column] = row[column];
  return out;
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'intent', 'outcome')),
  ref TEXT,
  at TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  tenant_id TEXT,
  tenant_name TEXT,
  tenant_url TEXT,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL,
  http_status INTEGER,
  error_code TEXT,
  duration_ms REAL,
  job_id TEXT,
  correlation_id TEXT NOT NULL,
  app_version TEXT NOT NULL,
  request TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_tenant_action_at ON entries (tenant_id, action, at_ms);
CREATE INDEX IF NOT EXISTS entries_at ON entries (at_ms);
CREATE INDEX IF NOT EXISTS entries_target ON entries (target) WHERE target IS NOT NULL;
CREATE INDEX IF NOT EXISTS entries_ref ON entries (ref) WHERE ref IS NOT NULL;
CREATE INDEX IF NOT EXISTS entries_pending ON entries (seq) WHERE kind = 'intent';
-- Recorded facts are never changed: an outcome is a new row that points at its intent.
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TABLE IF NOT EXISTS anchor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  mac TEXT NOT NULL
);
`;

export function anchorMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`${seq}:${hash}`).digest('hex');
}
