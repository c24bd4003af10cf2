import { csvCell } from '../fs/csv';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFileAtomic } from '../fs/atomic';
import { HASHED_COLUMNS, type AuditRow } from './store';

export type ExportFormat = 'csv' | 'jsonl';

export interface ExportManifest {
  format: 'invision-scim-console/audit-export';
  version: 1;
  file: string;
  entryFormat: ExportFormat;
  entries: number;
  firstHash: string | null;
  lastHash: string | null;
  /** The hash the first exported entry links to (the genesis hash for a full export). */
  firstPrevHash: string | null;
  sha256: string;
  exportedAt: string;
}

/** The CSV header: every hashed column, then the hash. */
export const CSV_COLUMNS = [...HASHED_COLUMNS, 'hash'] as const;

/** Streams rows to a CSV or JSONL file and writes `<file>.manifest.json` beside it. */
export async function exportAudit(
  rows: Iterable<AuditRow>,
  file: string,
  format: ExportFormat,
  now: Date,
): Promise<ExportManifest> {
  const out = createWriteStream(file, { mode: 0o600 });
  const hash = createHash('sha256');
  const write = async (text: string) => {
    hash.update(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  let entries = 0;
  let firstHash: string | null = null;
  let firstPrevHash: string | null = null;
  let lastHash: string | null = null;
  if (format === 'csv') await write(CSV_COLUMNS.join(',') + '\n');
  for (const row of rows) {
    entries += 1;
    firstHash ??= row.hash;
    firstPrevHash ??= row.prev_hash;
    lastHash = row.hash;
    if (format === 'csv') await write(CSV_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\n');
    else await write(JSON.stringify(row) + '\n');
  }
  out.end();
  await once(out, 'finish');
  const manifest: ExportManifest = {
    format: 'invision-scim-console/audit-export',
    version: 1,
    file: file.split(/[\\/]/).pop() ?? file,
    entryFormat: format,
    entries,
    firstHash,
    lastHash,
    firstPrevHash,
    sha256: hash.digest('hex'),
    exportedAt: now.toISOString(),
  };
  await writeFileAtomic(`${file}.manifest.json`, JSON.stringify(manifest, null, 2) + '\n', 0o600);
  return manifest;
}
