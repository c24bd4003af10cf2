import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSealer } from '../src/main/core/audit/sealer';
import { openAuditStore, type AuditStore } from '../src/main/core/audit/store';
import { silentLogger } from '../src/main/core/log';
import { createMemoryStore } from '../src/main/core/secrets/memory-store';
import { median } from './lib/rounds';

const ROUNDS = Number(process.env.SEAL_BENCH_ROUNDS ?? 5);
const APPENDS = Number(process.env.SEAL_BENCH_APPENDS ?? 1000);

function appendsPerSecond(store: AuditStore, round: number): number {
  const started = performance.now();
  for (let i = 0; i < APPENDS; i += 1) {
    store.append({ kind: 'event', action: 'tenant.tested', outcome: 'info', tenantId: 't', target: `r${round}-${i}` });
  }
  return APPENDS / ((performance.now() - started) / 1000);
}

/**
 * What sealing costs a durable append: each append's head signed (Ed25519) and its checkpoint
 * appended to `audit.checkpoints` (the keychain copy is written in the background). Against the
 * floor measured in the same run: the same durable appends without a seal, on the same disk,
 * rounds interleaved. Target: sealed appends stay >= 500/s (the audit bench's target).
 */
export async function sealBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'seal-bench-'));
  try {
    const open = (folder: string, afterAppend?: (row: { seq: number; hash: string; prevHash: string }) => void) =>
      openAuditStore({
        file: path.join(folder, 'audit.sqlite'),
        actor: 'bench',
        appVersion: '0.1.0',
        now: () => new Date(),
        anchorKey: null,
        ...(afterAppend ? { afterAppend } : {}),
      });
    const floorDir = mkdtempSync(path.join(dir, 'floor-'));
    const sealedDir = mkdtempSync(path.join(dir, 'sealed-'));
    const sealer = createSealer({
      dataDir: sealedDir,
      secrets: createMemoryStore(),
      now: () => new Date(),
      log: silentLogger,
    });
    await sealer.load();
    const floor = open(floorDir);
    const sealed = open(sealedDir, (row) => {
      if (sealer.seal(row)) throw new Error('the bench history broke its seal');
    });
    const floors: number[] = [];
    const seals: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate which goes first, so a noisy moment does not always land on the same side.
      const [a, b] =
        round % 2
          ? [() => appendsPerSecond(sealed, round), () => appendsPerSecond(floor, round)]
          : [() => appendsPerSecond(floor, round), () => appendsPerSecond(sealed, round)];
      const first = a();
      const second = b();
      const f = round % 2 ? second : first;
      const s = round % 2 ? first : second;
      floors.push(f);
      seals.push(s);
      ratios.push(s / f);
      console.log(
        `round ${round + 1}: floor ${f.toFixed(0)}/s, sealed ${s.toFixed(0)}/s (${((s / f) * 100).toFixed(0)}%)`,
      );
    }
    await sealer.flush();
    floor.close();
    sealed.close();
    const result = {
      bench: 'seal',
      appendsPerRound: APPENDS,
      rounds: ROUNDS,
      floorAppendsPerSec: Math.round(median(floors)),
      sealedAppendsPerSec: Math.round(median(seals)),
      sealedToFloor: Number(median(ratios).toFixed(2)),
      sealedToFloorRange: [Number(Math.min(...ratios).toFixed(2)), Number(Math.max(...ratios).toFixed(2))],
    };
    console.log(
      `sealed durable appends: ${result.sealedAppendsPerSec}/s, ${Math.round(result.sealedToFloor * 100)}% of the unsealed floor (${result.floorAppendsPerSec}/s); target >= 500/s`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
