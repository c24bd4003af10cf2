import { auditBench } from './audit';
import { groupsBench } from './groups';
import { importBench } from './import';
import { jobsBench } from './jobs';
import { listMembersBench } from './list-members';
import { sealBench } from './seal';

const UI_BENCH: string = './ui';

/** `npm run bench -- <name>`: runs one benchmark; its last line is one JSON object. */
const BENCHES: Record<string, () => Promise<Record<string, unknown>>> = {
  'list-members': listMembersBench,
  audit: auditBench,
  import: importBench,
  jobs: jobsBench,
  groups: groupsBench,
  seal: sealBench,
  // Type-checked with the e2e project (it drives a browser page), so loaded by a path that the
  // Node project does not follow.
  ui: async () => ((await import(UI_BENCH)) as { uiBench: () => Promise<Record<string, unknown>> }).uiBench(),
};

async function main(): Promise<void> {
  const name = process.argv[2];
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
    process.exit(2);
  }
  const result = await bench();
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
