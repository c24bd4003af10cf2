import { spawnSync } from 'node:child_process';
import path from 'node:path';

const VERIFIER = path.resolve(__dirname, '../../resources/evidence-verify.mjs');

/**
 * Runs the standalone evidence verifier as an auditor would (`node evidence-verify.mjs <target>
 * --key <pem>`), in a process of its own, and answers its exit code and what it printed.
 */
export function runVerifier(target: string, keyFile?: string): { code: number | null; out: string } {
  const args = [VERIFIER, target, ...(keyFile ? ['--key', keyFile] : [])];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}
