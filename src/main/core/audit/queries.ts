import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AuditEntry, AuditFilter, AuditOutcome } from '../../../shared/domain/audit';
import type { AuditRow } from './rows';
import { recordedTargetName } from './target-names';
import type { SearchIndex } from './search-index';

/** Reading the history: pages of entries with their outcomes joined, the overview's counts, the filter menus. */
export function createAuditQueries(db: DatabaseSync, search?: Pick<SearchIndex, 'match'>) {
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
    if (filter.targets?.length) {
      clauses.push(`i.target IN (${filter.targets.map((_, k) => `:target${k}`).join(', ')})`);
      filter.targets.forEach((t, k) => (params[`target${k}`] = t));
    }
    if (filter.text) {
      const indexed = search?.match(filter.text);
      if (indexed) {
        clauses.push(indexed.sql);
        params.fts = indexed.param;
      } else {
        // Under three characters (or without the index): a scan of the target and the names.
        clauses.push(
          `(i.target LIKE :text ESCAPE '\\' OR (json_valid(i.request) AND json_extract(i.request, '$.names') LIKE :text ESCAPE '\\'))`,
        );
        params.text = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
    }
    return { sql: clauses.join(' AND '), params };
  }

  function toEntry(
    r: AuditRow & {
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
    const request = parse(r.request);
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
      targetName: recordedTargetName(request),
      outcome: r.final_outcome as AuditOutcome,
      httpStatus: r.o_status ?? r.http_status,
      errorCode: r.o_error ?? r.error_code,
      durationMs: r.o_duration ?? r.duration_ms,
      jobId: r.job_id,
      correlationId: r.correlation_id,
      appVersion: r.app_version,
      request,
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

    /** One event or intent (with its outcome) by id; null when there is none. */
    entry(id: string): AuditEntry | null {
      const row = prepared(`${SELECT} WHERE i.id = ? AND i.kind IN ('event', 'intent')`).get(id);
      return row ? toEntry(row as unknown as Parameters<typeof toEntry>[0]) : null;
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
    *rows(): Generator<AuditRow> {
      for (const row of prepared('SELECT * FROM entries ORDER BY seq').iterate()) yield row as unknown as AuditRow;
    },
  };
}
