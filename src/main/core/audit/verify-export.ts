import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { chainHash } from './canonical';
import { CSV_COLUMNS, type ExportManifest } from './export';
import { z } from 'zod';
import { hashedFields, type AuditRow } from './rows';

const text = z.string();
const optionalText = z.string().nullable();
const count = z.number().int().nonnegative().nullable();
/** One exported entry, as the export writes it: read with its schema, never cast. */
const auditRowSchema = z.object({
  seq: z.number().int().positive(),
  id: text,
  kind: text,
  ref: optionalText,
  at: text,
  at_ms: z.number(),
  actor: text,
  tenant_id: optionalText,
  tenant_name: optionalText,
  tenant_url: optionalText,
  action: text,
  target: optionalText,
  outcome: text,
  http_status: count,
  error_code: optionalText,
  duration_ms: count,
  job_id: optionalText,
  correlation_id: text,
  app_version: text,
  request: text,
  detail: text,
  prev_hash: text,
  hash: text,
}) satisfies z.ZodType<AuditRow>;

/** The manifest beside an export, as `export.ts` writes it. */
const manifestSchema = z.object({
  format: z.literal('invision-scim-console/audit-export'),
  version: z.literal(1),
  file: text,
  entryFormat: z.enum(['csv', 'jsonl']),
  entries: z.number().int().nonnegative(),
  firstHash: optionalText,
  lastHash: optionalText,
  firstPrevHash: optionalText,
  sha256: text,
  exportedAt: text,
}) satisfies z.ZodType<ExportManifest>;

export interface ExportVerification {
  ok: boolean;
  entries: number;
  problem: string | null;
}

/** Splits CSV text into rows of cells (quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new Error('an unterminated quoted cell');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function fromCsv(cells: string[]): AuditRow {
  const value = (column: (typeof CSV_COLUMNS)[number]) => unescapeFormula(cells[CSV_COLUMNS.indexOf(column)] ?? '');
  const nullable = (column: (typeof CSV_COLUMNS)[number]) => (value(column) === '' ? null : value(column));
  const numeric = (column: (typeof CSV_COLUMNS)[number]) => (value(column) === '' ? null : Number(value(column)));
  return {
    seq: Number(value('seq')),
    id: value('id'),
    kind: value('kind'),
    ref: nullable('ref'),
    at: value('at'),
    at_ms: Number(value('at_ms')),
    actor: value('actor'),
    tenant_id: nullable('tenant_id'),
    tenant_name: nullable('tenant_name'),
    tenant_url: nullable('tenant_url'),
    action: value('action'),
    target: nullable('target'),
    outcome: value('outcome'),
    http_status: numeric('http_status'),
    error_code: nullable('error_code'),
    duration_ms: numeric('duration_ms'),
    job_id: nullable('job_id'),
    correlation_id: value('correlation_id'),
    app_version: value('app_version'),
    request: value('request'),
    detail: value('detail'),
    prev_hash: value('prev_hash'),
    hash: value('hash'),
  };
}

/**
 * Verifies an export outside the app: the file's SHA-256 against its manifest, then every entry's
 * hash and link, the count, and the first and last hashes.
 */
export async function verifyExport(file: string): Promise<ExportVerification> {
  const fail = (problem: string, entries = 0): ExportVerification => ({ ok: false, entries, problem });
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(`${file}.manifest.json`, 'utf8'));
  } catch {
    return fail(`the manifest ${file}.manifest.json is missing or unreadable`);
  }
  const parsedManifest = manifestSchema.safeParse(raw);
  if (!parsedManifest.success) return fail('the manifest is not an audit export manifest');
  const manifest = parsedManifest.data;
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return fail(`${file} cannot be read`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256)
    return fail('the file does not match the SHA-256 in its manifest');
  const text = bytes.toString('utf8');
  let rows: AuditRow[];
  try {
    if (manifest.entryFormat === 'csv') {
      const table = parseCsv(text);
      if (table[0]?.join(',') !== CSV_COLUMNS.join(',')) return fail('the CSV header is not the audit export header');
      rows = table.slice(1).map(fromCsv);
    } else {
      rows = text
        .split('\n')
        .filter((l) => l !== '')
        .map((l, i) => {
          const row = auditRowSchema.safeParse(JSON.parse(l));
          if (!row.success) throw new Error(`line ${i + 1} is not an audit entry`);
          return row.data;
        });
    }
  } catch (error) {
    return fail(`the file cannot be parsed (${(error as Error).message})`);
  }
  if (rows.length !== manifest.entries)
    return fail(`the file holds ${rows.length} entries; its manifest says ${manifest.entries}`, rows.length);
  let prev = manifest.firstPrevHash;
  for (const [index, row] of rows.entries()) {
    if (row.prev_hash !== prev) return fail(`entry ${row.seq} does not link to the entry before it`, index);
    if (chainHash(row.prev_hash, hashedFields(row)) !== row.hash) return fail(`entry ${row.seq} was changed`, index);
    prev = row.hash;
  }
  if ((rows[0]?.hash ?? null) !== manifest.firstHash || (rows.at(-1)?.hash ?? null) !== manifest.lastHash) {
    return fail('the first or last hash does not match the manifest', rows.length);
  }
  return { ok: true, entries: rows.length, problem: null };
}
