import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { readCsvFile } from '../src/main/core/imports/csv-read';
import { openJournal } from '../src/main/core/jobs/journal';
import type { Operation } from '../src/main/core/jobs/operations';
import { createJobRunner } from '../src/main/core/jobs/runner';
import { createScimClient } from '../src/main/core/scim/client';
import { createLimiter } from '../src/main/core/scim/limiter';
import { createTransport } from '../src/main/core/scim/transport';
import { describeSpread, interleaved, ratios, spread } from './lib/rounds';
import { startSandboxProcess, type SandboxProcess } from './lib/sandbox-process';

/**
 * `npm run bench -- import`: the job engine creating 5,000 members against a Sandbox process
 * limited to 20 requests per second with 50 ms latency (429 with Retry-After beyond it); then, with
 * no limit at concurrency 8, rounds of 1,000 creates alternating with the floor: the same POSTs
 * and read-back GETs sent bare with fetch at the same concurrency (no journal, no parsing beyond
 * the new id); and reading a 100 MB CSV. Rates are requests the server answered (not 429) per
 * second. Targets: rate limited >= 0.9 of the limit; unlimited >= 0.85 of the floor's rate.
 */
const CREATES = Number(process.env.IMPORT_BENCH_CREATES ?? 5_000);
const UNLIMITED_CREATES = Number(process.env.IMPORT_BENCH_UNLIMITED ?? 1_000);
const ROUNDS = Number(process.env.IMPORT_BENCH_ROUNDS ?? 5);
const RATE_LIMIT = 20;
const LATENCY_MS = 50;
const CONCURRENCY = 8;
const CSV_BYTES = 100 * 1024 * 1024;

interface RunResult {
  seconds: number;
  answered: number;
  rateLimited: number;
  requests: number;
  done: number;
  failed: number;
}

async function runCreates(sandbox: SandboxProcess, prefix: string, dir: string, count = CREATES): Promise<RunResult> {
  const control = new URL('/__sandbox/stats', sandbox.baseUrl).toString();
  await fetch(control, { method: 'DELETE', headers: { Authorization: `Bearer ${sandbox.token}` } });
  const journal = openJournal(path.join(dir, `${prefix}.sqlite`));
  const ops: Operation[] = Array.from({ length: count }, (_, i) => ({
    type: 'create',
    userName: `${prefix}.${i}@bench.example`,
    givenName: 'Bench',
    familyName: `Member ${i}`,
  }));
  const jobId = await journal.create({ tenantId: 'bench', kind: 'import', title: prefix, ops });
  const limiter = createLimiter({ concurrency: CONCURRENCY, requestsPerSecond: null, adaptive: true });
  const getToken = async () => sandbox.token;
  const client = createScimClient({
    transport: createTransport({ baseUrl: sandbox.baseUrl, getToken, fetch: globalThis.fetch, limiter }),
    readOnly: false,
  });
  const runner = createJobRunner({ journal, clientFor: async () => client, workers: CONCURRENCY });
  const started = performance.now();
  let last = 0;
  const ticker = setInterval(() => {
    const job = journal.job(jobId)!;
    const s = limiter.stats();
    if (job.counts.done - last >= 500) {
      last = job.counts.done;
      console.log(
        `  ${prefix}: ${job.counts.done} done after ${((performance.now() - started) / 1000).toFixed(0)} s (concurrency ${s.concurrency}, rate cap ${s.rate === null ? 'none' : s.rate.toFixed(1)})`,
      );
    }
  }, 1000);
  const job = await runner.start(jobId);
  clearInterval(ticker);
  const seconds = (performance.now() - started) / 1000;
  const stats = await sandbox.requestCounts();
  journal.close();
  return {
    seconds,
    requests: stats.requests,
    rateLimited: stats.rateLimited,
    answered: stats.requests - stats.rateLimited,
    done: job.counts.done,
    failed: job.counts.failed,
  };
}

/** The floor: the same creates (POST, then the read-back GET) sent bare with fetch at the same concurrency. */
async function bareCreates(sandbox: SandboxProcess, prefix: string, count: number): Promise<RunResult> {
  const control = new URL('/__sandbox/stats', sandbox.baseUrl).toString();
  const headers = { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/scim+json' };
  await fetch(control, { method: 'DELETE', headers });
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const created = await fetch(`${sandbox.baseUrl}/Users`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `${prefix}.${i}@bench.example`,
          name: { givenName: 'Bench', familyName: `Member ${i}` },
          emails: [{ value: `${prefix}.${i}@bench.example`, primary: true }],
          active: true,
        }),
      });
      if (created.status !== 201) throw new Error(`the floor's create answered ${created.status}`);
      const { id } = (await created.json()) as { id: string };
      const read = await fetch(`${sandbox.baseUrl}/Users/${encodeURIComponent(id)}`, { headers });
      await read.arrayBuffer();
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const stats = await sandbox.requestCounts();
  return {
    seconds,
    requests: stats.requests,
    rateLimited: stats.rateLimited,
    answered: stats.requests - stats.rateLimited,
    done,
    failed: 0,
  };
}

/** A CSV of about `bytes` bytes shaped like an IdP export, with quoted fields and a few multi-line ones. */
async function writeCsv(file: string, bytes: number): Promise<number> {
  const out = createWriteStream(file);
  out.write('Email,First name,Last name,Groups,Status\r\n');
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 1000; k += 1, rows += 1) {
      const note = rows % 97 === 0 ? '"Design; ""Ops""\r\nteam"' : 'Design; Research';
      lines.push(`person.${rows}@bench-import.example,Given${rows},"Family, ${rows}",${note},Active`);
    }
    const chunk = lines.join('\r\n') + '\r\n';
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

export async function importBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scim-bench-import-'));
  try {
    // 1. The 100 MB CSV first, so the process's peak RSS is the parse's.
    const csv = path.join(dir, 'members.csv');
    const rows = await writeCsv(csv, CSV_BYTES);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    let t = performance.now();
    const sheet = await readCsvFile(csv);
    const csvParseMs = performance.now() - t;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (sheet.rows.length !== rows) throw new Error(`read ${sheet.rows.length} rows of ${rows}`);
    console.log(
      `100 MB CSV (${rows.toLocaleString()} rows): read in ${csvParseMs.toFixed(0)} ms, peak RSS ${(peakRss / 1048576).toFixed(0)} MiB (${(baseRss / 1048576).toFixed(0)} MiB before)`,
    );

    // 2. Rate limited.
    const sandbox = await startSandboxProcess([
      '--members',
      '0',
      '--groups',
      '0',
      '--latency-ms',
      String(LATENCY_MS),
      '--rate',
      String(RATE_LIMIT),
    ]);
    let limited: RunResult;
    let unlimited: { engine: RunResult[]; floor: RunResult[] };
    try {
      t = performance.now();
      limited = await runCreates(sandbox, 'limited', dir);
      const achievedRate = limited.answered / limited.seconds;
      console.log(
        `rate limited (${RATE_LIMIT}/s, ${LATENCY_MS} ms): ${limited.done} created, ${limited.failed} failed in ${limited.seconds.toFixed(1)} s; ${achievedRate.toFixed(2)} answered requests/s; ${limited.rateLimited} of ${limited.requests} requests answered 429`,
      );
      // 3. No limit, concurrency 8: the engine against bare requests, rounds alternating.
      await sandbox.configure({ rateLimit: null });
      unlimited = await interleaved(
        ROUNDS,
        {
          engine: (r) => runCreates(sandbox, `unlimited-${r}`, dir, UNLIMITED_CREATES),
          floor: (r) => bareCreates(sandbox, `floor-${r}`, UNLIMITED_CREATES),
        },
        (name, r, run) =>
          console.log(
            `  round ${r + 1} ${name}: ${run.done} created in ${run.seconds.toFixed(1)} s, ${(run.answered / run.seconds).toFixed(1)} requests/s`,
          ),
      );
    } finally {
      await sandbox.stop();
    }
    const achievedRate = limited.answered / limited.seconds;
    const rate = (r: RunResult) => r.answered / r.seconds;
    const toFloor = spread(ratios(unlimited.engine.map(rate), unlimited.floor.map(rate)));
    const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
    console.log(
      `targets: rate ratio ${round(achievedRate / RATE_LIMIT)} >= 0.9, unlimited ${describeSpread(toFloor)} of the bare-request floor (${spread(unlimited.floor.map(rate), 1).median} requests/s) >= 0.85, 429 share ${round(limited.rateLimited / limited.requests, 4)} <= 0.02`,
    );
    return {
      bench: 'import',
      rows: CREATES,
      rateLimit: RATE_LIMIT,
      achievedRate: round(achievedRate, 2),
      rateRatio: round(achievedRate / RATE_LIMIT),
      share429: round(limited.rateLimited / limited.requests, 4),
      unlimitedRounds: ROUNDS,
      unlimitedCreatesPerRound: UNLIMITED_CREATES,
      floorRequestsPerSec: spread(unlimited.floor.map(rate), 1),
      engineRequestsPerSec: spread(unlimited.engine.map(rate), 1),
      unlimitedToFloor: toFloor,
      csv100MBParseMs: Math.round(csvParseMs),
      peakRssMB: Math.round(peakRss / 1048576),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
