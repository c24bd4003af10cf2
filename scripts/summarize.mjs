// Totals every suite's result file into one line: `N passed, N failed, N skipped`.
// A suite that left no report counts as one failure, so a crashed runner can never look green.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/summarize.mjs <suites dir>');
  process.exit(2);
}

const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const skips = [];

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A pass/fail suite. `required`: a missing result file means its runner died, so it counts as failed. */
function check(name, label, required = false) {
  const file = path.join(dir, name);
  const skippedFile = `${file}.skipped`;
  if (existsSync(skippedFile)) {
    const reason = readFileSync(skippedFile, 'utf8').trim();
    total.skipped += 1;
    lines.push(`${label}: skipped (${reason})`);
    skips.push(`[${label}] ${reason}`);
    return;
  }
  if (!existsSync(file)) {
    if (!required) return;
    total.failed += 1;
    lines.push(`${label}: FAILED (no result: the step did not finish)`);
    return;
  }
  const passed = readFileSync(file, 'utf8').trim() === 'pass';
  total[passed ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${passed ? 'passed' : 'FAILED'}`);
}

function vitest(name, label) {
  const report = readJson(path.join(dir, name));
  if (!report) {
    total.failed += 1;
    lines.push(`${label}: FAILED (no report: the runner did not finish)`);
    return;
  }
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false && failed === 0) failed = 1; // errors outside tests
  total.passed += passed;
  total.failed += failed;
  total.skipped += skipped;
  lines.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

function collectPlaywrightSkips(suite, host, into) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status === 'skipped') {
        const reason = (t.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        into.push(`[${host}] ${spec.title}: ${reason}`);
      }
    }
  }
  for (const child of suite.suites ?? []) collectPlaywrightSkips(child, host, into);
}

function playwright(name, label, host) {
  const skippedFile = path.join(dir, name.replace(/\.json$/, '.skipped'));
  if (existsSync(skippedFile)) {
    total.skipped += 1;
    const reason = readFileSync(skippedFile, 'utf8').trim();
    lines.push(`${label}: skipped (${reason})`);
    skips.push(`[${host}] whole run: ${reason}`);
    return;
  }
  const report = readJson(path.join(dir, name));
  if (!report) {
    total.failed += 1;
    lines.push(`${label}: FAILED (no report: the runner did not finish)`);
    return;
  }
  const s = report.stats ?? {};
  const passed = (s.expected ?? 0) + (s.flaky ?? 0);
  let failed = s.unexpected ?? 0;
  const skipped = s.skipped ?? 0;
  if ((report.errors ?? []).length > 0) failed += 1; // global setup or worker errors
  total.passed += passed;
  total.failed += failed;
  total.skipped += skipped;
  lines.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  for (const suite of report.suites ?? []) collectPlaywrightSkips(suite, host, skips);
}

check('build', 'build');
check('typecheck', 'typecheck');
check('lint', 'lint');
if (existsSync(path.join(dir, 'build')) && readFileSync(path.join(dir, 'build'), 'utf8').trim() === 'pass') {
  check('electronegativity', 'electronegativity (0 high or medium)', true);
  check('package', 'package (electron-builder, archive, fuses)', true);
  check('installers', 'Linux installers (AppImage, deb)', true);
  vitest('vitest.json', 'vitest');
  playwright('e2e-chromium.json', 'e2e (Chromium host)', 'chromium');
  playwright('e2e-electron.json', 'e2e (Electron host)', 'electron');
}

console.log('');
console.log('Suites:');
for (const line of lines) console.log(`  ${line}`);
if (skips.length > 0) {
  console.log('Skipped, with reasons:');
  for (const skip of skips) console.log(`  ${skip}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
