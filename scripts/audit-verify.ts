import { verifyExport } from '../src/main/core/audit/verify-export';

/** `npm run audit:verify -- <export file>`: checks an audit export against its manifest and its chain. */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run audit:verify -- <export file (.csv or .jsonl)>');
    process.exit(2);
  }
  const result = await verifyExport(file);
  if (result.ok) {
    console.log(`OK: ${result.entries} entries verify against the manifest and the hash chain.`);
    return;
  }
  console.error(`NOT VERIFIED: ${result.problem}`);
  process.exit(1);
}

void main();
