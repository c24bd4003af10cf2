import { connectClient } from '../src/main/core/scim/testing/connect';
import { startSandboxProcess } from './lib/sandbox-process';

const MEMBERS = 50_000;
const PAGE_CAP = 100;
const LATENCY_MS = 50;
const CONCURRENCY = 8;

/**
 * Full listing of a 50,000-member Sandbox (page cap 100, 50 ms latency) at concurrency 8 and
 * sequentially, in one run. Targets: measured / theoretical limit <= 1.25; speedup >= 6.
 */
export async function listMembersBench(): Promise<Record<string, unknown>> {
  const sandbox = await startSandboxProcess([
    '--members',
    String(MEMBERS),
    '--page-cap',
    String(PAGE_CAP),
    '--latency-ms',
    String(LATENCY_MS),
  ]);
  try {
    const limitMs = (Math.ceil(MEMBERS / PAGE_CAP) * LATENCY_MS) / CONCURRENCY;

    // One short warm-up so connection setup and JIT are not billed to the first run.
    await connectClient(sandbox.baseUrl, sandbox.token, { concurrency: 1 }).client.findUserByUserName(
      'warm@up.example',
    );

    const concurrent = connectClient(sandbox.baseUrl, sandbox.token, { concurrency: CONCURRENCY }).client;
    let started = performance.now();
    const listed = await concurrent.listUsers();
    const measuredMs = performance.now() - started;
    if (listed.items.length !== MEMBERS) throw new Error(`listed ${listed.items.length} members, expected ${MEMBERS}`);
    global.gc?.();
    const rssMB = process.memoryUsage().rss / 1024 / 1024;
    const heapMB = process.memoryUsage().heapUsed / 1024 / 1024;
    console.log(
      `concurrent (${CONCURRENCY}): ${listed.items.length} members in ${measuredMs.toFixed(0)} ms (limit ${limitMs.toFixed(0)} ms)`,
    );

    const sequential = connectClient(sandbox.baseUrl, sandbox.token, { concurrency: 1 }).client;
    started = performance.now();
    const listedSeq = await sequential.listUsers();
    const sequentialMs = performance.now() - started;
    if (listedSeq.items.length !== MEMBERS) throw new Error(`sequential listing found ${listedSeq.items.length}`);
    console.log(`sequential: ${listedSeq.items.length} members in ${sequentialMs.toFixed(0)} ms`);

    const ratio = measuredMs / limitMs;
    const speedup = sequentialMs / measuredMs;
    console.log(
      `ratio to limit ${ratio.toFixed(3)} (target <= 1.25), speedup ${speedup.toFixed(2)}x (target >= 6), rss ${rssMB.toFixed(0)} MB, heap ${heapMB.toFixed(0)} MB`,
    );
    return {
      bench: 'list-members',
      members: MEMBERS,
      limitMs: Math.round(limitMs),
      measuredMs: Math.round(measuredMs),
      ratio: Number(ratio.toFixed(3)),
      sequentialMs: Math.round(sequentialMs),
      speedup: Number(speedup.toFixed(2)),
      rssMB: Math.round(rssMB),
    };
  } finally {
    await sandbox.stop();
  }
}
