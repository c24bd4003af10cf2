#!/usr/bin/env node
// Verifies evidence written by the InVision SCIM Console: an audit export, a member export, a job
// report, an import plan or an access-review pack. One file, Node >= 18, nothing else: an auditor
// can run it without the console. See docs/evidence.md.
//
//   node evidence-verify.mjs <manifest.json | exported file | pack folder> --key <public-key.pem>
//
// It checks the manifest's Ed25519 signature with the public key, every file's size and SHA-256,
// every file's record count, and for audit entries the hash chain, entry by entry. It prints what it
// checked; on failure it names the file and, where it can, the record.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MANIFEST_FORMAT = 'invision-scim-console/evidence';
const GENESIS = '0'.repeat(64);
const AUDIT_COLUMNS = [
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
];
const NUMERIC = new Set(['seq', 'at_ms', 'http_status', 'duration_ms']);
const NULLABLE = new Set([
  'ref',
  'tenant_id',
  'tenant_name',
  'tenant_url',
  'target',
  'http_status',
  'error_code',
  'duration_ms',
  'job_id',
]);

/** Canonical JSON (keys sorted, no whitespace): how the console hashes an entry. */
function canonical(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

function entryHash(row) {
  const fields = Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, row[c]]));
  return createHash('sha256').update(row.prev_hash).update('\n').update(canonical(fields)).digest('hex');
}

/** CSV text to rows of cells (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
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
      row.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new Error('a quoted cell is not closed');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const unescapeFormula = (cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** The audit entries of an export file, as objects; throws naming the record that cannot be read. */
function auditRows(text, content) {
  if (content === 'audit-jsonl') {
    return text
      .split('\n')
      .filter((l) => l !== '')
      .map((line, i) => {
        let row;
        try {
          row = JSON.parse(line);
        } catch {
          throw new Error(`line ${i + 1} is not JSON`);
        }
        const ok =
          row &&
          typeof row === 'object' &&
          Number.isInteger(row.seq) &&
          typeof row.hash === 'string' &&
          typeof row.prev_hash === 'string' &&
          AUDIT_COLUMNS.every((c) => c in row);
        if (!ok) throw new Error(`line ${i + 1} is not an audit entry`);
        return row;
      });
  }
  const table = parseCsv(text);
  const header = [...AUDIT_COLUMNS, 'hash'];
  if (table[0]?.join(',') !== header.join(',')) throw new Error('the CSV header is not the audit export header');
  return table.slice(1).map((cells, i) => {
    if (cells.length !== header.length)
      throw new Error(`record ${i + 1} has ${cells.length} cells, not ${header.length}`);
    const row = {};
    header.forEach((c, k) => {
      const v = unescapeFormula(cells[k]);
      row[c] = NULLABLE.has(c) && v === '' ? null : NUMERIC.has(c) ? Number(v) : v;
    });
    return row;
  });
}

/** How many records a file holds: CSV rows after the header, JSON array items, JSON lines. */
function recordCount(text, content) {
  if (content === 'csv' || content === 'audit-csv') return Math.max(0, parseCsv(text).length - 1);
  if (content === 'json') {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value.length : Array.isArray(value?.records) ? value.records.length : null;
  }
  if (content === 'audit-jsonl' || content === 'jsonl') return text.split('\n').filter((l) => l !== '').length;
  return null;
}

/** Checks the hash chain of audit entries; answers the first broken record, or null. */
function checkChain(rows, chain) {
  let prev = chain.firstPrevHash ?? GENESIS;
  for (const row of rows) {
    if (row.prev_hash !== prev) return `entry ${row.seq} does not link to the entry before it`;
    if (entryHash(row) !== row.hash) return `entry ${row.seq} was changed`;
    prev = row.hash;
  }
  if ((rows[0]?.hash ?? null) !== chain.firstHash || (rows.at(-1)?.hash ?? null) !== chain.lastHash)
    return 'the first or last entry is not the one the manifest names (entries were added or removed at an end)';
  return null;
}

export function fingerprintOf(publicKeyPem) {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 20).match(/.{4}/g).join(' ');
}

function isManifest(m) {
  return (
    m &&
    typeof m === 'object' &&
    m.format === MANIFEST_FORMAT &&
    m.version === 1 &&
    typeof m.kind === 'string' &&
    Array.isArray(m.files) &&
    m.files.every(
      (f) =>
        f &&
        typeof f.name === 'string' &&
        typeof f.sha256 === 'string' &&
        Number.isInteger(f.bytes) &&
        (f.records === null || Number.isInteger(f.records)) &&
        typeof f.content === 'string',
    )
  );
}

/**
 * Verifies the evidence a manifest describes. `publicKeyPem` checks the signature; without it the
 * signature is reported as not checked, and the result is not ok unless `allowUnsigned` (the
 * files and the chain are still checked). Never throws.
 */
export async function verifyEvidence(manifestPath, { publicKeyPem, allowUnsigned = false } = {}) {
  const checked = [];
  let entries = 0;
  const fail = (file, problem) => ({ ok: false, checked, entries, file, problem });
  let manifestBytes;
  try {
    manifestBytes = await readFile(manifestPath);
  } catch {
    return fail(path.basename(manifestPath), 'the manifest is missing or cannot be read');
  }
  const name = path.basename(manifestPath);
  let manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    return fail(name, 'the manifest is not JSON');
  }
  if (!isManifest(manifest)) return fail(name, 'the manifest is not an evidence manifest of the console');
  if (publicKeyPem) {
    let signature;
    try {
      // Exactly as the console writes it: base64 of the 64-byte signature and a line break.
      const text = await readFile(`${manifestPath}.sig`, 'utf8');
      if (!/^[A-Za-z0-9+/]{86}==\n$/.test(text)) return fail(`${name}.sig`, 'the signature file was changed');
      signature = Buffer.from(text.trim(), 'base64');
    } catch {
      return fail(`${name}.sig`, 'the signature file is missing');
    }
    let valid;
    try {
      valid = verify(null, manifestBytes, createPublicKey(publicKeyPem), signature);
    } catch {
      valid = false;
    }
    if (!valid) return fail(name, 'the signature does not match: the manifest was changed, or another key signed it');
    checked.push(`signature of ${name} by key ${fingerprintOf(publicKeyPem)}`);
  }
  const dir = path.dirname(manifestPath);
  for (const f of manifest.files) {
    if (f.name !== path.basename(f.name)) return fail(f.name, 'a file name in the manifest points outside its folder');
    const file = path.join(dir, f.name);
    let bytes;
    try {
      if (!(await stat(file)).isFile()) return fail(f.name, 'is not a file');
      bytes = await readFile(file);
    } catch {
      return fail(f.name, 'is missing');
    }
    const text = bytes.toString('utf8');
    const isAudit = f.content === 'audit-csv' || f.content === 'audit-jsonl';
    const hashOk = bytes.length === f.bytes && createHash('sha256').update(bytes).digest('hex') === f.sha256;
    if (!hashOk) {
      // Name the record too, where the chain can find it.
      let where = '';
      if (isAudit && manifest.chain?.file === f.name) {
        try {
          const broken = checkChain(auditRows(text, f.content), manifest.chain);
          if (broken) where = `; ${broken}`;
        } catch (error) {
          where = `; ${error.message}`;
        }
      }
      return fail(f.name, `does not match its size and SHA-256 in the manifest${where}`);
    }
    let records;
    try {
      records = recordCount(text, f.content);
    } catch (error) {
      return fail(f.name, `cannot be read (${error.message})`);
    }
    if (f.records !== null && records !== f.records)
      return fail(f.name, `holds ${records} records; the manifest says ${f.records}`);
    if (isAudit && manifest.chain?.file === f.name) {
      let rows;
      try {
        rows = auditRows(text, f.content);
      } catch (error) {
        return fail(f.name, error.message);
      }
      if (rows.length !== manifest.chain.entries)
        return fail(f.name, `holds ${rows.length} entries; the manifest says ${manifest.chain.entries}`);
      const broken = checkChain(rows, manifest.chain);
      if (broken) return fail(f.name, broken);
      entries = rows.length;
      checked.push(`${f.name}: SHA-256, ${rows.length} entries, hash chain`);
    } else checked.push(`${f.name}: SHA-256${records === null ? '' : `, ${records} records`}`);
  }
  if (!publicKeyPem) {
    checked.push(`NOT the signature of ${name}: no public key was given`);
    if (!allowUnsigned) return { ...fail(name, 'the signature was not checked (no public key given)'), manifest };
  }
  return { ok: true, checked, entries, file: null, problem: null, manifest };
}

/** The manifest of what the argument names: a manifest, an exported file, or a pack folder. */
export async function manifestFor(target) {
  if (target.endsWith('.manifest.json') || path.basename(target) === 'manifest.json') return target;
  try {
    if ((await stat(target)).isDirectory()) return path.join(target, 'manifest.json');
  } catch {
    // Not there: the verifier says the manifest is missing.
  }
  return `${target}.manifest.json`;
}

async function main(argv) {
  const args = argv.slice(2);
  const keyAt = args.indexOf('--key');
  const keyFile = keyAt >= 0 ? args[keyAt + 1] : undefined;
  const target = args.find((a, i) => !a.startsWith('--') && !(keyAt >= 0 && i === keyAt + 1));
  if (!target) {
    console.error(
      'usage: node evidence-verify.mjs <manifest.json | exported file | pack folder> --key <public-key.pem>',
    );
    return 2;
  }
  let publicKeyPem;
  if (keyFile) {
    try {
      publicKeyPem = await readFile(keyFile, 'utf8');
      fingerprintOf(publicKeyPem);
    } catch {
      console.error(`NOT VERIFIED: ${keyFile} is not a public key (PEM)`);
      return 1;
    }
  }
  const result = await verifyEvidence(await manifestFor(target), { publicKeyPem, allowUnsigned: true });
  for (const line of result.checked) console.log(`checked: ${line}`);
  if (result.ok && publicKeyPem) {
    console.log(
      `VERIFIED: ${result.manifest.kind}, ${result.manifest.files.length} file(s), signed by ${fingerprintOf(publicKeyPem)}.`,
    );
    return 0;
  }
  if (result.ok) {
    console.log(
      'INTACT, SIGNATURE NOT CHECKED: the files match the manifest; give --key <public-key.pem> to check who signed it.',
    );
    return 3;
  }
  console.error(`NOT VERIFIED: ${result.file}: ${result.problem}`);
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv).then((code) => process.exit(code));
}
