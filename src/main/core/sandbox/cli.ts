import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startSandbox } from './server';

/**
 * The Sandbox as a standalone process, for scripts and benchmarks:
 *   npm run sandbox -- --port 4600 --token T --members 5000 --latency-ms 50 --rate 20
 */
const HELP = `Usage: npm run sandbox -- [options]
  --port N              port on 127.0.0.1 (default: a free one)
  --token T             bearer token (default: a random one, printed)
  --members N           members to seed (default 250)   --groups N (default 12)   --seed N (default 1)
  --latency-ms N        added to every request          --jitter-ms N
  --rate N              requests per second before 429 with Retry-After
  --page-cap N          most resources per page         --ignore-count
  --sso-inactive        writes answer 2xx and change nothing
  --error-rate F        share of random 500/503 (0..1)  --drop-rate F   --html-rate F
  --numbers-as-strings  --patch-204
  --read-modify-write-ms N  group PATCHes read, wait N ms, then write (concurrent ones lose work)
  --group-patch-max N   413 for a group PATCH naming more members
  --case-exact-filter   userName eq compares case-exactly   --omit-user-groups
  --overstate-total N   user listings announce N more members than they serve`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    token: { type: 'string' },
    members: { type: 'string' },
    groups: { type: 'string' },
    seed: { type: 'string' },
    'latency-ms': { type: 'string' },
    'jitter-ms': { type: 'string' },
    rate: { type: 'string' },
    'page-cap': { type: 'string' },
    'ignore-count': { type: 'boolean' },
    'sso-inactive': { type: 'boolean' },
    'error-rate': { type: 'string' },
    'drop-rate': { type: 'string' },
    'html-rate': { type: 'string' },
    'numbers-as-strings': { type: 'boolean' },
    'patch-204': { type: 'boolean' },
    'read-modify-write-ms': { type: 'string' },
    'group-patch-max': { type: 'string' },
    'case-exact-filter': { type: 'boolean' },
    'omit-user-groups': { type: 'boolean' },
    'overstate-total': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function num(name: string, value: string | undefined, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    console.error(`--${name} must be a ${integer ? 'whole ' : ''}number >= 0, not "${value}"\n\n${HELP}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const generated = values.token === undefined;
  const token = values.token ?? randomBytes(24).toString('base64url');
  const sandbox = await startSandbox({
    token,
    port: num('port', values.port, 0),
    members: num('members', values.members, 250),
    groups: num('groups', values.groups, 12),
    seed: num('seed', values.seed, 1),
    faults: {
      latencyMs: num('latency-ms', values['latency-ms'], 0),
      jitterMs: num('jitter-ms', values['jitter-ms'], 0),
      rateLimit: values.rate === undefined ? null : num('rate', values.rate, 0, false) || null,
      pageCap: values['page-cap'] === undefined ? null : num('page-cap', values['page-cap'], 0) || null,
      ignoreCount: values['ignore-count'] ?? false,
      ssoInactive: values['sso-inactive'] ?? false,
      errorRate: num('error-rate', values['error-rate'], 0, false),
      dropRate: num('drop-rate', values['drop-rate'], 0, false),
      htmlRate: num('html-rate', values['html-rate'], 0, false),
      numbersAsStrings: values['numbers-as-strings'] ?? false,
      patch204: values['patch-204'] ?? false,
      readModifyWriteMs: num('read-modify-write-ms', values['read-modify-write-ms'], 0),
      groupPatchMax:
        values['group-patch-max'] === undefined ? null : num('group-patch-max', values['group-patch-max'], 0) || null,
      caseExactFilter: values['case-exact-filter'] ?? false,
      omitUserGroups: values['omit-user-groups'] ?? false,
      overstateTotal: num('overstate-total', values['overstate-total'], 0),
    },
  });

  const counts = sandbox.store.counts();
  console.log(`Sandbox tenant: ${counts.users} members, ${counts.groups} groups`);
  if (generated) console.log(`Bearer token: ${token}`);
  console.log(`SCIM base URL: ${sandbox.baseUrl}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Sandbox stopping (${signal})`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
