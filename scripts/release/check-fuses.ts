/**
 * Reads the fuses of a built Electron binary and fails unless they match the plan for its flavor.
 * `tsx scripts/release/check-fuses.ts <path to the app's executable> <release|e2e>`
 */
import { existsSync } from 'node:fs';
import { getCurrentFuseWire } from '@electron/fuses';
import { FUSE_PLANS, fuseMismatches, type BuildFlavor } from './fuses';

/** Returns the lines to print and whether the binary passed. */
export async function checkFuses(binary: string, flavor: BuildFlavor): Promise<{ ok: boolean; lines: string[] }> {
  if (!existsSync(binary)) return { ok: false, lines: [`no binary at ${binary}`] };
  let wire: Record<number, number>;
  try {
    wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  } catch (error) {
    return { ok: false, lines: [`could not read the fuses of ${binary}: ${(error as Error).message}`] };
  }
  const mismatches = fuseMismatches(wire, FUSE_PLANS[flavor]);
  if (mismatches.length === 0) {
    return {
      ok: true,
      lines: [`fuses of ${binary} match the ${flavor} plan (${Object.keys(FUSE_PLANS[flavor]).length} checked)`],
    };
  }
  return {
    ok: false,
    lines: [
      `fuses of ${binary} differ from the ${flavor} plan:`,
      ...mismatches.map((m) => `  ${m.fuse}: planned ${m.planned ? 'enabled' : 'disabled'}, found ${m.found}`),
    ],
  };
}

async function main(argv: string[]): Promise<number> {
  const [binary, flavor] = argv;
  if (!binary || (flavor !== 'release' && flavor !== 'e2e')) {
    console.error('usage: check-fuses <path to the executable> <release|e2e>');
    return 2;
  }
  const result = await checkFuses(binary, flavor);
  for (const line of result.lines) (result.ok ? console.log : console.error)(line);
  return result.ok ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
