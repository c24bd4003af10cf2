import { csvCell } from '../fs/csv';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { sealExport, type EvidenceSigner } from '../evidence/manifest';
import { HASHED_COLUMNS, type AuditRow } from './store';

export type ExportFormat = 'csv' | 'jsonl';

/** What an export wrote: its entries and the run of the chain they hold (the manifest beside it says so, signed). */
export interface ExportSummary {
  entries: number;
  sha256: string;
  signed: boolean;
}

/** The CSV header: every hashed column, then the hash. */
export const CSV_COLUMNS = [...HASHED_COLUMNS, 'hash'] as const;

/**
 * Streams rows to a CSV or JSONL file and writes `<file>.manifest.json` beside it (its hash, its
 * entries and the run of the chain they hold), signed with `signer` when there is one.
 */
export async function exportAudit(
  rows: Iterable<AuditRow>,
  file: string,
  format: ExportFormat,
  now: Date,
  seal: { consoleVersion: string; signer: EvidenceSigner | null } = { consoleVersion: 'unknown', signer: null },
): Promise<ExportSummary> {
  const out = createWriteStream(file, { mode: 0o600 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let entries = 0;
  let firstHash: string | null = null;
  let firstPrevHash: string | null = null;
  let lastHash: string | null = null;
  let firstAt: string | null = null;
  let lastAt: string | null = null;
  if (format === 'csv') await write(CSV_COLUMNS.join(',') + '\n');
  for (const row of rows) {
    entries += 1;
    firstHash ??= row.hash;
    firstPrevHash ??= row.prev_hash;
    lastHash = row.hash;
    firstAt ??= row.at;
    lastAt = row.at;
    if (format === 'csv') await write(CSV_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\n');
    else await write(JSON.stringify(row) + '\n');
  }
  out.end();
  await once(out, 'finish');
  const { manifest, signed } = await sealExport({
    file,
    kind: 'audit-export',
    content: format === 'csv' ? 'audit-csv' : 'audit-jsonl',
    records: entries,
    consoleVersion: seal.consoleVersion,
    now,
    // The time range the entries cover.
    period: firstAt && lastAt ? { from: firstAt, to: lastAt } : null,
    chain: { entries, firstPrevHash, firstHash, lastHash },
    signer: seal.signer,
  });
  return { entries, sha256: manifest.files[0]!.sha256, signed };
}
