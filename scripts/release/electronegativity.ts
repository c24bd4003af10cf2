/**
 * Runs Electronegativity over the built app (out/) and fails on any HIGH or MEDIUM finding that
 * is not suppressed in the code, or on any file the scanner could not parse (an unparsed file is an
 * unscanned file). A suppression is a comment `eng-disable CHECK_ID (reason)` beside the flagged
 * line in src/main or src/preload; the bundler drops comments, so this script reads them from the
 * sources and prints each waived finding with its reason.
 *
 * - Its network check (AvailableSecurityFixesGlobalCheck, which asks GitHub for Electron releases)
 *   is excluded, and the tool runs in an empty network namespace (`unshare --net`, as root): it
 *   also fetches translations at start, and nothing may leave this machine during a test run.
 * - Its parser predates class private fields, which the renderer bundle uses (TanStack Query).
 *   The scanned copy of the renderer is down-levelled to ES2020 with TypeScript first; nothing
 *   the checks look for (webPreferences, CSP, openExternal, ...) changes in that transform.
 * - Its window checks (sandbox, contextIsolation, nodeIntegration, preload, ...) match only
 *   `new BrowserWindow(...)` with a bare name, while the bundler writes `new electron.BrowserWindow(`.
 *   The scanned copy of main is normalised to the bare name first, or those checks would pass
 *   unseen (electronegativity.test.ts weakens the window in a copy and expects them to fire).
 *
 * `tsx scripts/release/electronegativity.ts [out dir] [report.csv]`
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
}

/**
 * Loaded into Electronegativity's process: its CSV writer starts two `fs.writeFile`s at once, the
 * header (truncating) and the rows (appending), and about one run in four the header lands second
 * and overwrites the start of the first row, which then cannot be read. Done synchronously, in the
 * order they are called, the two writes cannot cross.
 */
const SYNC_WRITES = `'use strict';
const fs = require('fs');
fs.writeFile = function writeFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? undefined : options;
  let error = null;
  try { fs.writeFileSync(file, data, opts); } catch (e) { error = e; }
  if (typeof done === 'function') process.nextTick(done, error);
};
`;

/** Findings from Electronegativity's CSV report. */
export function readReport(csv: string): Finding[] {
  const rows = parse<Record<string, string>>(csv, {
    columns: true,
    trim: true,
    skip_empty_lines: true,
    relax_quotes: true,
  });
  return rows.map((r) => ({
    check: r.issue ?? '',
    severity: (r.severity ?? '').toUpperCase(),
    confidence: (r.confidence ?? '').toUpperCase(),
    file: r.filename ?? '',
    location: r.location ?? '',
  }));
}

export interface Suppression {
  reason: string;
  where: string;
}

/** `eng-disable CHECK_ID (reason)` comments in the given source text, by check id. */
export function suppressionsIn(source: string, file: string): Map<string, Suppression> {
  const found = new Map<string, Suppression>();
  source.split('\n').forEach((line, i) => {
    const match = /eng-disable\s+([A-Z_]+)\s*\(([^)]+)\)/.exec(line);
    if (match?.[1] && match[2]) found.set(match[1], { reason: match[2].trim(), where: `${file}:${i + 1}` });
  });
  return found;
}

function sourceSuppressions(): Map<string, Suppression> {
  const all = new Map<string, Suppression>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
        for (const [id, s] of suppressionsIn(readFileSync(full, 'utf8'), path.relative(ROOT, full))) all.set(id, s);
      }
    }
  };
  for (const dir of ['src/main', 'src/preload']) walk(path.join(ROOT, dir));
  return all;
}

/** The findings that fail the build: HIGH or MEDIUM, and not suppressed in the code. */
export function blocking(
  findings: readonly Finding[],
  suppressed: ReadonlyMap<string, Suppression> = new Map(),
): Finding[] {
  return findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !suppressed.has(f.check));
}

/** `new electron.BrowserWindow(` -> `new BrowserWindow(`, and the same for BrowserView. */
export function bareWindowConstructors(source: string): { source: string; count: number } {
  let count = 0;
  const out = source.replace(/\bnew\s+[A-Za-z_$][\w$]*\.(BrowserWindow|BrowserView)\s*\(/g, (_m, name: string) => {
    count += 1;
    return `new ${name}(`;
  });
  return { source: out, count };
}

function downlevel(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) count += downlevel(full);
    else if (entry.name.endsWith('.js')) {
      const out = ts.transpileModule(readFileSync(full, 'utf8'), {
        compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, allowJs: true },
      });
      writeFileSync(full, out.outputText);
      count += 1;
    }
  }
  return count;
}

export interface ScanResult {
  ok: boolean;
  findings: Finding[];
  /** HIGH or MEDIUM findings the code does not suppress. */
  blocking: Finding[];
  lines: string[];
}

/** Scans a build folder (out/); `ok` is false on a blocking finding, an unparsed file or a failed run. */
export function scan(outDir: string, report: string): ScanResult {
  if (spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status !== 0) {
    return {
      ok: false,
      findings: [],
      blocking: [],
      lines: [
        'electronegativity runs without network in an empty network namespace: this needs unshare (util-linux) as root',
      ],
    };
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  // Outside the scanned folder: a script of ours for the tool's process, not part of the app.
  const tools = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-tools-'));
  try {
    cpSync(outDir, path.join(work, 'out'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(work, 'package.json'));
    const renderer = path.join(work, 'out/renderer');
    const downlevelled = existsSync(renderer) ? downlevel(renderer) : 0;
    const mainFile = path.join(work, 'out/main/index.js');
    const normalised = bareWindowConstructors(readFileSync(mainFile, 'utf8'));
    writeFileSync(mainFile, normalised.source);
    if (normalised.count === 0) {
      return {
        ok: false,
        findings: [],
        blocking: [],
        lines: ['no BrowserWindow construction found in out/main/index.js: the window checks would see nothing'],
      };
    }

    const cli = path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
    writeFileSync(path.join(tools, 'sync-writes.cjs'), SYNC_WRITES);
    const args = [
      '--net',
      '--',
      'node',
      '--require',
      path.join(tools, 'sync-writes.cjs'),
      cli,
      '-i',
      work,
      '-x',
      EXCLUDED_CHECKS.join(','),
      '-r',
      '-v',
      'false',
      '-o',
      report,
    ];
    rmSync(report, { force: true });
    mkdirSync(path.dirname(report), { recursive: true });
    const run = spawnSync('unshare', args, { encoding: 'utf8', cwd: work, timeout: 300_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    if (run.status !== 0 || !existsSync(report)) {
      return {
        ok: false,
        findings: [],
        blocking: [],
        lines: [output, `electronegativity did not finish (exit ${run.status ?? run.signal})`],
      };
    }
    const unparsed = output.split('\n').filter((l) => /Error parsing/i.test(l));
    const findings = readReport(readFileSync(report, 'utf8'));
    const suppressions = sourceSuppressions();
    const bad = blocking(findings, suppressions);
    const bySeverity = new Map<string, number>();
    for (const f of findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    const lines = [
      `electronegativity: ${findings.length} findings (${[...bySeverity].map(([s, n]) => `${n} ${s}`).join(', ') || 'none'}), ` +
        `${bad.length} high or medium not suppressed; ${downlevelled} renderer files down-levelled and ${normalised.count} window ` +
        `constructions named bare for the parser; ` +
        `no network (unshare); excluded: ${EXCLUDED_CHECKS.join(', ')}`,
      ...findings.map((f) => {
        const waived = bad.includes(f) ? undefined : suppressions.get(f.check);
        const note = waived ? ` (suppressed at ${waived.where}: ${waived.reason})` : '';
        return `  ${f.severity.padEnd(13)} ${f.check} ${f.file}:${f.location}${note}`;
      }),
      ...unparsed.map((l) => `  unscanned: ${l.trim()}`),
    ];
    return { ok: bad.length === 0 && unparsed.length === 0, findings, blocking: bad, lines };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(tools, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'out'));
  const report = path.resolve(process.argv[3] ?? path.join(ROOT, 'test-results/electronegativity.csv'));
  if (!existsSync(path.join(outDir, 'main/index.js'))) {
    console.error(`no build in ${outDir}: run npm run build first`);
    process.exit(2);
  }
  const result = scan(outDir, report);
  for (const line of result.lines) (result.ok ? console.log : console.error)(line);
  process.exit(result.ok ? 0 : 1);
}
