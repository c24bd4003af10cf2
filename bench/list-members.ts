import { connectClient } from '../src/main/core/scim/testing/connect';
import { startSandboxProcess } from './lib/sandbox-process';
import { describeSpread, interleaved, ratios, spread, timed } from './lib/rounds';

const MEMBERS = 50_000;
const PAGE_CAP = 100;
const LATENCY_MS = 50;
const CONCURRENCY = 8;
const ROUNDS = Number(process.env.LIST_BENCH_ROUNDS ?? 5);

/**
 * The floor: the same pages fetched bare by CONCURRENCY workers over the same server, each body
 * read to the end and not parsed. It is what the network, the server and fetch itself cost.
 */
async function bareFetch(baseUrl: string, token: string): Promise<number> {
  const pages = Math.ceil(MEMBERS / PAGE_CAP);
  let next = 0;
  let bytes = 0;
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/scim+json' };
  const worker = async () => {
    while (next < pages) {
      const page = next++;
      const response = await fetch(`${baseUrl}/Users?startIndex=${page * PAGE_CAP + 1}&count=${PAGE_CAP}`, {
        headers,
      });
      if (!response.ok) throw new Error(`the floor's page ${page} answered ${response.status}`);
      bytes += (await response.arrayBuffer()).byteLength;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return bytes;
}

/**
 * `npm run bench -- list-members`: a full listing of a 50,000-member Sandbox (page cap 100, 50 ms
 * latency) by the SCIM client at concurrency 8, against the bare-fetch floor of the same pages,
 * rounds interleaved. Wall time and this process's CPU time per member, medians with ranges.
 * Targets: wall <= 1.05x the floor; client CPU per member <= 2x the floor's.
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
    const { baseUrl, token } = sandbox;
    // One short warm-up of each, so connection setup and JIT are not billed to the first round.
    await connectClient(baseUrl, token, { concurrency: 1 }).client.findUserByUserName('warm@up.example');
    await bareFetch(baseUrl, token);

    const runs = await interleaved(
      ROUNDS,
      {
        floor: () => timed(() => bareFetch(baseUrl, token)),
        client: () =>
          timed(async () => {
            const listed = await connectClient(baseUrl, token, { concurrency: CONCURRENCY }).client.listUsers();
            if (listed.items.length !== MEMBERS) throw new Error(`listed ${listed.items.length} of ${MEMBERS}`);
            return listed.items.length;
          }),
      },
      (name, round, r) =>
        console.log(
          `round ${round + 1} ${name}: ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU (${((r.cpuMs * 1000) / MEMBERS).toFixed(1)} µs per member)`,
        ),
    );
    const perMember = (cpuMs: number) => (cpuMs * 1000) / MEMBERS;
    const wall = spread(
      ratios(
        runs.client.map((r) => r.ms),
        runs.floor.map((r) => r.ms),
      ),
    );
    const cpu = spread(
      ratios(
        runs.client.map((r) => r.cpuMs),
        runs.floor.map((r) => r.cpuMs),
      ),
    );
    const result = {
      bench: 'list-members',
      members: MEMBERS,
      rounds: ROUNDS,
      floorMs: spread(
        runs.floor.map((r) => r.ms),
        0,
      ),
      clientMs: spread(
        runs.client.map((r) => r.ms),
        0,
      ),
      wallToFloor: wall,
      floorCpuUsPerMember: spread(
        runs.floor.map((r) => perMember(r.cpuMs)),
        1,
      ),
      clientCpuUsPerMember: spread(
        runs.client.map((r) => perMember(r.cpuMs)),
        1,
      ),
      cpuToFloor: cpu,
      rssMB: Math.round(process.memoryUsage().rss / 1048576),
    };
    console.log(
      `wall ${describeSpread(wall)} the bare-fetch floor (target <= 1.05x; floor ${result.floorMs.median} ms), CPU per member ${result.clientCpuUsPerMember.median} µs = ${describeSpread(cpu)} the floor's ${result.floorCpuUsPerMember.median} µs (target <= 2x)`,
    );
    return result;
  } finally {
    await sandbox.stop();
  }
}
