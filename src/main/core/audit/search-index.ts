import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { searchTextOf } from './target-names';

/** Entries a text search can find: events and intents (an outcome is found through its intent). */
const SEARCHED = `kind IN ('event', 'intent')`;

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/**
 * The audit history's text index: SQLite FTS5 with the trigram tokenizer, keyed by entry seq, so a
 * "contains" search (any three characters or more, any case) is a lookup instead of a scan. It is
 * derived data: written in the same transaction as each append, caught up at open for entries a
 * version without it wrote, and rebuilt from the entries whenever the chain is verified, so it is
 * never trusted over the chain. Without FTS5 (a SQLite built without it) searches scan instead.
 */
export function createSearchIndex(db: DatabaseSync) {
  let insert: StatementSync | null = null;
  try {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS entries_text USING fts5(text, tokenize = 'trigram')`);
    insert = db.prepare('INSERT INTO entries_text (rowid, text) VALUES (?, ?)');
  } catch {
    insert = null;
  }
  const add = (seq: number, kind: string, target: string | null, request: unknown): void => {
    if (!insert || (kind !== 'event' && kind !== 'intent')) return;
    const text = searchTextOf(target, request);
    if (text) insert.run(seq, text);
  };

  /** Indexes every searchable entry after `seq`. */
  function indexFrom(seq: number): number {
    if (!insert) return 0;
    let n = 0;
    const rows = db
      .prepare(`SELECT seq, kind, target, request FROM entries WHERE seq > ? AND ${SEARCHED} ORDER BY seq`)
      .iterate(seq) as Iterable<{ seq: number; kind: string; target: string | null; request: string }>;
    for (const r of rows) {
      add(r.seq, r.kind, r.target, parse(r.request));
      n += 1;
    }
    return n;
  }

  return {
    available: insert !== null,
    /** Indexes one appended entry; call inside the append's transaction. */
    add,
    /** At open: indexes what was appended without the index (an older version, a file without it). */
    catchUp(): number {
      if (!insert) return 0;
      const last = (db.prepare('SELECT COALESCE(MAX(rowid), 0) AS seq FROM entries_text').get() as { seq: number }).seq;
      // Usually nothing is missing: found by a read, so opening takes no write lock.
      const missing = db.prepare(`SELECT 1 FROM entries WHERE seq > ? AND ${SEARCHED} LIMIT 1`).get(last);
      if (!missing) return 0;
      db.exec('BEGIN IMMEDIATE');
      try {
        const n = indexFrom(last);
        db.exec('COMMIT');
        return n;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    /** Throws the index away and builds it again from the entries (after the chain verified). */
    rebuild(): void {
      if (!insert) return;
      db.exec('BEGIN IMMEDIATE');
      try {
        db.exec('DELETE FROM entries_text');
        indexFrom(0);
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    /** The clause that finds `text` through the index, or null when the index cannot (under 3 characters). */
    match(text: string): { sql: string; param: string } | null {
      const needle = text.trim();
      if (!insert || [...needle].length < 3) return null;
      return {
        sql: `i.seq IN (SELECT rowid FROM entries_text WHERE entries_text MATCH :fts)`,
        param: `"${needle.replace(/"/g, '""')}"`,
      };
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
