/**
 * Runs one journalled job against a SCIM server, as the app's main process would, for the crash
 * test and the import benchmark: `job-worker <journal file> <base URL> <job id> [retry]`, the token
 * in SCIM_TOKEN. Prints `ready`, then `progress <done> <failed>` now and then, then `end <state>`
 * with the counts. The crash test kills it with SIGKILL at random moments.
 */
import { writeSync } from 'node:fs';
import { createScimClient } from '../../scim/client';
import { createLimiter } from '../../scim/limiter';
import { createTransport } from '../../scim/transport';
import { openJournal } from '../journal';
import { createJobRunner } from '../runner';

const [file, baseUrl, jobId, mode] = process.argv.slice(2);
const token = process.env.SCIM_TOKEN;
if (!file || !baseUrl || !jobId || !token) throw new Error('usage: job-worker <journal> <base URL> <job id> [retry]');

const journal = openJournal(file);
const limiter = createLimiter({ concurrency: 8, requestsPerSecond: null, adaptive: true });
const getToken = async () => token;
const client = createScimClient({
  transport: createTransport({
    baseUrl,
    getToken,
    fetch: globalThis.fetch,
    limiter,
    backoff: { baseMs: 20, capMs: 200 },
  }),
  readOnly: false,
  verifyDelayMs: 20,
});
const runner = createJobRunner({
  journal,
  clientFor: async () => client,
  onProgress: (p) => writeSync(1, `progress ${p.done} ${p.failed}\n`),
});
const reconciledBefore = journal.opsIn(jobId, 'in_flight').length;
writeSync(1, `ready inflight=${reconciledBefore}\n`);
const run = mode === 'retry' ? runner.retryFailed(jobId) : runner.start(jobId);
run
  .then((job) => {
    writeSync(
      1,
      `end ${job.state} done=${job.counts.done} failed=${job.counts.failed} inflight_at_start=${reconciledBefore}\n`,
    );
    journal.close();
    process.exit(0);
  })
  .catch((error: unknown) => {
    writeSync(2, `job-worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
