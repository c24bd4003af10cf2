import { createHmac, randomUUID } from 'node:crypto';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { AuditEntry, AuditFilter, AuditOutcome, AuditVerifyResult } from '../../../shared/domain/audit';
import { chainHash, GENESIS } from './canonical';

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
interface Row {
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

export function hashedFields(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of HASHED_COLUMNS) out[column] = row[column];
  return out;
}

const SCHEMA = `
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

export interface AuditStoreOptions {
  file: string;
  actor: string;
  appVersion: string;
  now: () => Date;
  /** The keychain-held key that anchors the chain head; null when the keychain cannot give it. */
  anchorKey: Buffer | null;
}

export function anchorMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`${seq}:${hash}`).digest('hex');
}

/** Opens (or creates) the audit database; throws when the file is not a usable SQLite database. */
export function openAuditStore(options: AuditStoreOptions) {
  const db = new DatabaseSync(options.file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  const isNew = db
    .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'entries'")
    .get() as { n: number };
  db.exec(SCHEMA);

  // A new history is anchored at once (seq 0, the genesis hash), so "no anchor" always means
  // the file was tampered with or replaced, even when every entry is gone.
  // Only a file that had no history at all gets one; an existing history never gets a new anchor.
  if (isNew.n === 0 && options.anchorKey) {
    db.prepare('INSERT INTO anchor (id, seq, hash, mac) VALUES (1, 0, ?, ?)').run(
      GENESIS,
      anchorMac(options.anchorKey, 0, GENESIS),
    );
  }

  const insert = db.prepare(`INSERT INTO entries (${[...HASHED_COLUMNS, 'hash'].join(', ')})
    VALUES (${[...HASHED_COLUMNS, 'hash'].map((c) => `:${c}`).join(', ')})`);
  const head = db.prepare('SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1');
  const writeAnchor = db.prepare(
    'INSERT INTO anchor (id, seq, hash, mac) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac',
  );

  /** Appends one row durably (the COMMIT returns after fsync); returns its id. */
  function append(record: AuditRecord): { id: string; seq: number; hash: string } {
    const at = options.now();
    const text = (v: string | null | undefined): string | null =>
      v === undefined || v === null || v === '' ? null : v;
    db.exec('BEGIN IMMEDIATE');
    try {
      const last = head.get() as { seq: number; hash: string } | undefined;
      const row: Row = {
        seq: (last?.seq ?? 0) + 1,
        id: randomUUID(),
        kind: record.kind,
        ref: text(record.ref),
        at: at.toISOString(),
        at_ms: at.getTime(),
        actor: options.actor,
        tenant_id: text(record.tenantId),
        tenant_name: text(record.tenantName),
        tenant_url: text(record.tenantUrl),
        action: record.action,
        target: text(record.target),
        outcome: record.outcome,
        http_status: record.httpStatus ?? null,
        error_code: text(record.errorCode),
        duration_ms: record.durationMs ?? null,
        job_id: text(record.jobId),
        correlation_id: record.correlationId ?? randomUUID(),
        app_version: options.appVersion,
        request: JSON.stringify(record.request ?? null),
        detail: JSON.stringify(record.detail ?? null),
        prev_hash: last?.hash ?? GENESIS,
        hash: '',
      };
      row.hash = chainHash(row.prev_hash, hashedFields(row));
      insert.run(row as unknown as Record<string, string | number | null>);
      if (options.anchorKey) writeAnchor.run(row.seq, row.hash, anchorMac(options.anchorKey, row.seq, row.hash));
      db.exec('COMMIT');
      return { id: row.id, seq: row.seq, hash: row.hash };
    } catch (error) {
      // A failed COMMIT (a full disk) may have ended the transaction already: roll back only if one
      // is open, so the real cause is what the caller sees, not "no transaction is active".
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  const FINAL_OUTCOME = `COALESCE(o.outcome, CASE WHEN i.kind = 'intent' THEN 'unknown' ELSE i.outcome END)`;

  function where(filter: AuditFilter): { sql: string; params: Record<string, string | number> } {
    const clauses = [`i.kind IN ('event', 'intent')`];
    const params: Record<string, string | number> = {};
    if (filter.tenantId) {
      clauses.push('i.tenant_id = :tenantId');
      params.tenantId = filter.tenantId;
    }
    if (filter.action) {
      clauses.push('i.action = :action');
      params.action = filter.action;
    }
    if (filter.actor) {
      clauses.push('i.actor = :actor');
      params.actor = filter.actor;
    }
    if (filter.outcome) {
      clauses.push(`${FINAL_OUTCOME} = :outcome`);
      params.outcome = filter.outcome;
    }
    const from = filter.from ? Date.parse(filter.from) : NaN;
    const to = filter.to ? Date.parse(filter.to) : NaN;
    if (!Number.isNaN(from)) {
      clauses.push('i.at_ms >= :from');
      params.from = from;
    }
    if (!Number.isNaN(to)) {
      clauses.push('i.at_ms <= :to');
      params.to = to;
    }
    if (filter.target) {
      clauses.push('i.target = :target');
      params.target = filter.target;
    }
    if (filter.text) {
      clauses.push(`i.target LIKE :text ESCAPE '\\'`);
      params.text = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    return { sql: clauses.join(' AND '), params };
  }

  function toEntry(
    r: Row & {
      final_outcome: string;
      o_at: string | null;
      o_status: number | null;
      o_error: string | null;
      o_duration: number | null;
      o_detail: string | null;
    },
  ): AuditEntry {
    const parse = (text: string | null): unknown => {
      if (text === null) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    };
    return {
      id: r.id,
      seq: r.seq,
      at: r.at,
      finishedAt: r.o_at,
      actor: r.actor,
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
      tenantUrl: r.tenant_url,
      action: r.action,
      target: r.target,
      outcome: r.final_outcome as AuditOutcome,
      httpStatus: r.o_status ?? r.http_status,
      errorCode: r.o_error ?? r.error_code,
      durationMs: r.o_duration ?? r.duration_ms,
      jobId: r.job_id,
      correlationId: r.correlation_id,
      appVersion: r.app_version,
      request: parse(r.request),
      detail: r.o_detail !== null && r.o_detail !== 'null' ? parse(r.o_detail) : parse(r.detail),
      hash: r.hash,
    };
  }

  const SELECT = `SELECT i.*, ${FINAL_OUTCOME} AS final_outcome, o.at AS o_at, o.http_status AS o_status,
      o.error_code AS o_error, o.duration_ms AS o_duration, o.detail AS o_detail
    FROM entries i LEFT JOIN entries o ON o.kind = 'outcome' AND o.ref = i.id`;
  const statements = new Map<string, StatementSync>();
  const prepared = (sql: string): StatementSync => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    file: options.file,
    append,

    /** Newest first, `limit` at a time; pass the last seq seen as `before` for the next page. */
    query(
      filter: AuditFilter,
      page: { before?: number | null; limit: number },
    ): { entries: AuditEntry[]; nextBefore: number | null } {
      const w = where(filter);
      const params: Record<string, string | number> = { ...w.params, limit: page.limit };
      let sql = `${SELECT} WHERE ${w.sql}`;
      if (page.before) {
        sql += ' AND i.seq < :before';
        params.before = page.before;
      }
      sql += ' ORDER BY i.seq DESC LIMIT :limit';
      const rows = prepared(sql).all(params) as unknown as Parameters<typeof toEntry>[0][];
      const entries = rows.map(toEntry);
      return { entries, nextBefore: entries.length === page.limit ? (entries.at(-1)?.seq ?? null) : null };
    },

    /**
     * Changes (intents) per UTC day since `sinceMs`, split by final outcome, for the overview
     * chart. Days with nothing are left out; the caller fills them.
     */
    activity(tenantId: string | null, sinceMs: number): Array<{ day: string; success: number; failure: number }> {
      const tenantClause = tenantId ? 'AND i.tenant_id = :tenantId' : '';
      const rows = prepared(
        `SELECT strftime('%Y-%m-%d', i.at_ms / 1000, 'unixepoch') AS day,
                SUM(CASE WHEN ${FINAL_OUTCOME} IN ('success', 'reconciled') THEN 1 ELSE 0 END) AS success,
                SUM(CASE WHEN ${FINAL_OUTCOME} IN ('success', 'reconciled') THEN 0 ELSE 1 END) AS failure
           FROM entries i LEFT JOIN entries o ON o.kind = 'outcome' AND o.ref = i.id
          WHERE i.kind = 'intent' AND i.at_ms >= :since ${tenantClause}
          GROUP BY day ORDER BY day`,
      ).all(tenantId ? { since: sinceMs, tenantId } : { since: sinceMs }) as Array<{
        day: string;
        success: number;
        failure: number;
      }>;
      return rows.map((r) => ({ day: r.day, success: Number(r.success), failure: Number(r.failure) }));
    },

    /** Every distinct value of a column, for the filter menus. */
    distinct(column: 'action' | 'actor' | 'tenant'): Array<{ value: string; label: string }> {
      if (column === 'tenant') {
        return prepared(
          `SELECT tenant_id AS value, MAX(tenant_name) AS label FROM entries WHERE tenant_id IS NOT NULL GROUP BY tenant_id ORDER BY label`,
        ).all() as Array<{ value: string; label: string }>;
      }
      return prepared(
        `SELECT DISTINCT ${column} AS value, ${column} AS label FROM entries ORDER BY value`,
      ).all() as Array<{ value: string; label: string }>;
    },

    /** Intents with no outcome: actions interrupted between request and answer. */
    pending(): AuditEntry[] {
      const rows = prepared(
        `${SELECT} WHERE i.kind = 'intent' AND o.id IS NULL ORDER BY i.seq`,
      ).all() as unknown as Parameters<typeof toEntry>[0][];
      return rows.map(toEntry);
    },

    count(): number {
      return Number((prepared('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n);
    },

    /** All rows in order, for export and verification (streamed, so 1M rows fit). */
    *rows(): Generator<Row> {
      for (const row of prepared('SELECT * FROM entries ORDER BY seq').iterate()) yield row as unknown as Row;
    },

    /** Recomputes the whole chain, then checks the anchored head; names the first broken entry. */
    verify(): AuditVerifyResult {
      let prev = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      let last: Row | undefined;
      for (const row of this.rows()) {
        if (row.seq !== expectedSeq) return broken(checked, row.seq, row.id, `entry ${expectedSeq} is missing`);
        if (row.prev_hash !== prev) return broken(checked, row.seq, row.id, 'it does not link to the entry before it');
        if (chainHash(row.prev_hash, hashedFields(row)) !== row.hash)
          return broken(checked, row.seq, row.id, 'its content was changed after it was recorded');
        prev = row.hash;
        expectedSeq += 1;
        checked += 1;
        last = row;
      }
      const anchor = prepared('SELECT seq, hash, mac FROM anchor WHERE id = 1').get() as
        { seq: number; hash: string; mac: string } | undefined;
      if (!options.anchorKey) {
        return {
          ok: true,
          checked,
          firstBroken: null,
          anchor: 'unverifiable',
          message: `The chain of ${checked} entries is intact; its anchor could not be checked because the keychain key is not available.`,
        };
      }
      if (!anchor)
        return {
          ok: false,
          checked,
          firstBroken: { seq: last?.seq ?? 0, id: last?.id ?? null, reason: 'the anchor is missing' },
          anchor: 'missing',
          message: 'The anchor of the history is missing: the file was tampered with or replaced.',
        };
      if (anchor.mac !== anchorMac(options.anchorKey, anchor.seq, anchor.hash)) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: anchor.seq, id: null, reason: 'the anchor was forged' },
          anchor: 'mismatch',
          message: 'The anchor of the history does not match the key in the keychain: the file was rewritten.',
        };
      }
      if (!last) {
        return anchor.seq === 0
          ? { ok: true, checked: 0, firstBroken: null, anchor: 'empty', message: 'The history is empty.' }
          : {
              ok: false,
              checked,
              firstBroken: { seq: 1, id: null, reason: 'every entry was removed' },
              anchor: 'mismatch',
              message: `The history is empty, but its anchor records ${anchor.seq} entries: it was truncated.`,
            };
      }
      if (anchor.seq !== last.seq || anchor.hash !== last.hash) {
        const seq = Math.min(anchor.seq, last.seq + 1);
        return {
          ok: false,
          checked,
          firstBroken: {
            seq,
            id: null,
            reason:
              anchor.seq > last.seq
                ? `entries after ${last.seq} were removed`
                : 'entries were added outside the console',
          },
          anchor: 'mismatch',
          message: `The history ends at entry ${last.seq}, but its anchor records entry ${anchor.seq}.`,
        };
      }
      return {
        ok: true,
        checked,
        firstBroken: null,
        anchor: 'ok',
        message: `All ${checked} entries verify, and the anchor matches.`,
      };

      function broken(n: number, seq: number, id: string, reason: string): AuditVerifyResult {
        return {
          ok: false,
          checked: n,
          firstBroken: { seq, id, reason },
          anchor: 'mismatch',
          message: `Entry ${seq} is broken: ${reason}.`,
        };
      }
    },

    integrityCheck(): string {
      return String((db.prepare('PRAGMA integrity_check').get() as Record<string, unknown>).integrity_check);
    },

    close(): void {
      db.close();
    },
  };
}

export type AuditStore = ReturnType<typeof openAuditStore>;
export type { Row as AuditRow };
