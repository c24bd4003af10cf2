import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocking, readReport, scan, suppressionsIn } from './electronegativity';

const OUT = path.resolve(__dirname, '../../out');
const built = existsSync(path.join(OUT, 'main/index.js'));
const NO_BUILD = 'skipped when out/ has no build; the test command builds before vitest';

describe('the Electronegativity report', () => {
  it('reads the CSV and blocks on HIGH and MEDIUM only', () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","5:0","x","d",u',
      'SANDBOX_JS_CHECK,"HIGH","FIRM","main/index.js","7:1","sandbox: false","d",u',
      'CONTEXT_ISOLATION_JS_CHECK,"MEDIUM","TENTATIVE","main/index.js","7:2","x","d",u',
    ].join('\n');
    const findings = readReport(csv);
    expect(findings.map((f) => f.check)).toEqual([
      'CSP_GLOBAL_CHECK',
      'SANDBOX_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
    ]);
    expect(blocking(findings).map((f) => f.severity)).toEqual(['HIGH', 'MEDIUM']);
  });

  it('waives a finding only where the code suppresses it with a reason', () => {
    const findings = readReport(
      'issue, severity, confidence, filename, location\nPRELOAD_JS_CHECK,"MEDIUM","FIRM","main/index.js","1:1"\n',
    );
    const withReason = suppressionsIn('preload: p, // eng-disable PRELOAD_JS_CHECK (contract API only)', 'window.ts');
    expect(withReason.get('PRELOAD_JS_CHECK')).toEqual({ reason: 'contract API only', where: 'window.ts:1' });
    expect(blocking(findings, withReason)).toEqual([]);
    const noReason = suppressionsIn('preload: p, // eng-disable PRELOAD_JS_CHECK', 'window.ts');
    expect(blocking(findings, noReason)).toHaveLength(1);
  });
});

// The clean scan of the real build is a suite of its own in the test command (scripts/test), where
// its findings are printed; this proves that scan would see a weakened window.
describe('Electronegativity over the built app', () => {
  it.skipIf(!built)(
    `flags the window when the main bundle weakens its webPreferences (${NO_BUILD})`,
    () => {
      const copy = mkdtempSync(path.join(os.tmpdir(), 'eng-weak-'));
      cpSync(OUT, copy, { recursive: true });
      const main = path.join(copy, 'main/index.js');
      const source = readFileSync(main, 'utf8');
      expect(source).toContain('sandbox: true');
      writeFileSync(
        main,
        source
          .replace('contextIsolation: true', 'contextIsolation: false')
          .replace('sandbox: true', 'sandbox: false')
          .replace('nodeIntegration: false', 'nodeIntegration: true'),
      );
      const result = scan(copy, path.join(copy, 'report.csv'));
      expect(result.ok).toBe(false);
      const flagged = result.blocking.map((f) => f.check);
      expect(flagged).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
    },
    120_000,
  );
});
