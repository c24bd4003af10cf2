import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { chainHash, GENESIS } from './canonical';
import { createAuditQueries } from './queries';
import { createSearchIndex } from './search-index';
import { anchorMac, HASHED_COLUMNS, hashedFields, SCHEMA, type AuditRecord, type AuditRow } from './rows';
import { verifyChain, walkChain } from './verify-chain';

export { anchorMac, hashedFields, HASHED_COLUMNS, type AuditRecord, type AuditRow } from './rows';

export interface AuditStoreOptions {
  file: string;
  actor: string;
  appVersion: string;
  now: () => Date;
  /** The keychain-held key that anchors the chain head; null when the keychain cannot give it. */
  anchorKey: Buffer | null;
  /**
   * Called after each append has committed, with the new head (the signed checkpoint is written
   * there). What it throws reaches the caller of `append`.
   */
  afterAppend?: (row: { seq: number; hash: string; prevHash: string }) => void;
}

/** Opens (or creates) the audit database; throws when the file is not a usable SQLite database. */
export function openAuditStore(options: AuditStoreOptions) {
  const db = new DatabaseSync(options.file);
  // A writer that was just killed may still hold the lock for a moment: wait for it rather than fail.
  db.exec(
    'PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;',
  );
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

  // The text index (derived data): brought up to date now, kept in step by every append.
  const search = createSearchIndex(db);
  search.catchUp();

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
      const row: AuditRow = {
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
      search.add(row.seq, row.kind, row.target, record.request ?? null);
      if (options.anchorKey) writeAnchor.run(row.seq, row.hash, anchorMac(options.anchorKey, row.seq, row.hash));
      db.exec('COMMIT');
      options.afterAppend?.({ seq: row.seq, hash: row.hash, prevHash: row.prev_hash });
      return { id: row.id, seq: row.seq, hash: row.hash };
    } catch (error) {
      // A failed COMMIT (a full disk) may have ended the transaction already: roll back only if one
      // is open, so the real cause is what the caller sees, not "no transaction is active".
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  const queries = createAuditQueries(db, search);
  const hashAt = db.prepare('SELECT hash FROM entries WHERE seq = ?');
  const after = db.prepare('SELECT * FROM entries WHERE seq > ? ORDER BY seq');

  return {
    file: options.file,
    append,
    ...queries,
    /** Walks the chain; the text index is then rebuilt from the entries, so it never outlives a tampered copy. */
    verify: () => {
      const result = verifyChain(
        queries.rows(),
        db.prepare('SELECT seq, hash, mac FROM anchor WHERE id = 1').get() as
          { seq: number; hash: string; mac: string } | undefined,
        options.anchorKey,
      );
      try {
        search.rebuild();
      } catch {
        // A read-only or full disk: searches keep the index they have; the chain's verdict stands.
      }
      return result;
    },
    /** The newest entry, or null for an empty history. */
    head(): { seq: number; hash: string; at: string } | null {
      const row = db.prepare('SELECT seq, hash, at FROM entries ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string; at: string } | undefined;
      return row ?? null;
    },
    hashAt(seq: number): string | null {
      return (hashAt.get(seq) as { hash: string } | undefined)?.hash ?? null;
    },
    /** True when every entry after `seq` links to the one before it, starting from `hash`. */
    chainsFrom(seq: number, hash: string): boolean {
      return walkChain(after.iterate(seq) as Iterable<AuditRow>, { seq, hash }).broken === null;
    },
    /** Anchors the current head with the keychain key (after entries recorded while it was unavailable were checked). */
    reanchor(): void {
      const top = head.get() as { seq: number; hash: string } | undefined;
      if (options.anchorKey && top) writeAnchor.run(top.seq, top.hash, anchorMac(options.anchorKey, top.seq, top.hash));
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
