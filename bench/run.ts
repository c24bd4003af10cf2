import { auditBench } from './audit';
import { listMembersBench } from './list-members';
import { uiBench } from './ui';

/** `npm run bench -- <name>`: runs one benchmark; its last line is one JSON object. */
const BENCHES: Record<string, () => Promise<Record<string, unknown>>> = {
  'list-members': listMembersBench,
  audit: auditBench,
  ui: uiBench,
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
