import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditStore } from './store';

const ROOT = path.resolve(__dirname, '../../../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const WRITER = path.join(__dirname, 'testing/crash-writer.ts');
const RUNS = 25;

/** Starts the writer, kills it with SIGKILL after `afterMs` of writing, returns what it acknowledged. */
async function runAndKill(file: string, keyHex: string, afterMs: number): Promise<Map<number, string>> {
  // tsx runs the TypeScript in a child node process; kill that whole group so SIGKILL lands on the writer.
  const child = spawn(process.execPath, [TSX, WRITER, file, keyHex], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const acked = new Map<number, string>();
  let buffer = '';
  let readyAt = 0;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready' && !readyAt) {
          readyAt = Date.now();
          setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), afterMs);
        }
        const match = /^ack (\d+) ([0-9a-f]{64})$/.exec(line);
        if (match) acked.set(Number(match[1]), match[2]!);
      }
    });
    child.once('exit', () => resolve());
    child.once('error', reject);
  });
  return acked;
}

describe('audit history under SIGKILL', () => {
  it(`loses no acknowledged entry across ${RUNS} kills at random moments`, async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-crash-')), 'audit.sqlite');
    const key = randomBytes(32);
    let totalAcked = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const afterMs = 20 + Math.floor(Math.random() * 250);
      const acked = await runAndKill(file, key.toString('hex'), afterMs);
      totalAcked += acked.size;
      const store = openAuditStore({ file, actor: 'check', appVersion: '0', now: () => new Date(), anchorKey: key });
      expect(store.integrityCheck()).toBe('ok');
      const verdict = store.verify();
      expect(verdict, verdict.message).toMatchObject({ ok: true, anchor: 'ok' });
      const stored = new Map<number, string>();
      for (const row of store.rows()) stored.set(row.seq, row.hash);
      for (const [seq, hash] of acked) expect(stored.get(seq), `acknowledged entry ${seq} (run ${run})`).toBe(hash);
      store.close();
    }
    expect(totalAcked).toBeGreaterThan(RUNS);
  }, 180_000);
});
