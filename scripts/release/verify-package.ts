/**
 * Checks an unpacked build from electron-builder (`--dir`, or the folder an installer is made from):
 * the fuses match the flavor's plan, app.asar holds the built app and nothing it should not ship,
 * every module the main process loads is inside the archive, native modules sit outside it, and
 * the sandboxed preload requires nothing but electron.
 * `tsx scripts/release/verify-package.ts <unpacked dir> <executable name> <release|e2e>`
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { checkFuses } from './check-fuses';
import type { BuildFlavor } from './fuses';

const REQUIRED = ['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html'];
/** Sources, tests, maps, local state and the keychain's test data never ship. */
const FORBIDDEN = [
  /\.map$/,
  /^\/src\//,
  /^\/e2e\//,
  /\.test\.[jt]sx?$/,
  /^\/\.cache\//,
  /^\/test-results\//,
  /\.sqlite$/,
];

/** The module names a bundle loads with require() or import(), less Node's built-ins and electron. */
export function loadedModules(bundle: string): string[] {
  const names = new Set<string>();
  for (const match of bundle.matchAll(/\b(?:require|import)\((["'`])([^"'`]+)\1\)/g)) {
    const spec = match[2] ?? '';
    if (spec.startsWith('node:') || spec.startsWith('.') || spec === 'electron') continue;
    const parts = spec.split('/');
    names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec));
  }
  return [...names].sort();
}

export async function verifyPackage(
  unpacked: string,
  executable: string,
  flavor: BuildFlavor,
): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  let ok = true;
  const problem = (line: string) => {
    ok = false;
    lines.push(`  FAIL ${line}`);
  };

  const fuses = await checkFuses(path.join(unpacked, executable), flavor);
  if (!fuses.ok) ok = false;
  lines.push(...fuses.lines.map((l) => `  ${fuses.ok ? 'ok  ' : 'FAIL'} ${l.trim()}`));

  const asar = path.join(unpacked, 'resources', 'app.asar');
  if (!existsSync(asar)) {
    problem(`no app.asar at ${asar} (onlyLoadAppFromAsar would refuse to start)`);
    return { ok, lines };
  }
  const entries = listPackage(asar, { isPack: false }).map((e) => e.replaceAll('\\', '/'));
  const present = new Set(entries);
  for (const file of REQUIRED) if (!present.has(file)) problem(`app.asar lacks ${file}`);
  const shipped = entries.filter((e) => FORBIDDEN.some((re) => re.test(e)));
  if (shipped.length > 0) problem(`app.asar ships files it should not: ${shipped.slice(0, 5).join(', ')}`);
  else lines.push(`  ok   app.asar: ${entries.length} entries, the built app, no sources, tests or maps`);

  const main = extractFile(asar, 'out/main/index.js').toString('utf8');
  const modules = loadedModules(main);
  const missing = modules.filter((m) => !present.has(`/node_modules/${m}/package.json`));
  if (missing.length > 0) problem(`main loads modules the archive lacks: ${missing.join(', ')}`);
  else lines.push(`  ok   every module main loads is in the archive (${modules.join(', ')})`);

  const preload = loadedModules(extractFile(asar, 'out/preload/index.js').toString('utf8'));
  if (preload.length > 0)
    problem(`the sandboxed preload requires ${preload.join(', ')} (only electron is available there)`);
  else lines.push('  ok   the preload requires nothing but electron');

  const packedNative = entries.filter((e) => e.endsWith('.node'));
  const unpackedDir = path.join(unpacked, 'resources', 'app.asar.unpacked');
  const nativeOutside = existsSync(unpackedDir) ? findFiles(unpackedDir, '.node') : [];
  if (nativeOutside.length === 0) problem('keytar.node is not unpacked beside the archive');
  else {
    const inside = packedNative.filter((e) => !nativeOutside.some((n) => n.endsWith(e)));
    if (inside.length > 0) problem(`native modules only inside the archive: ${inside.join(', ')}`);
    else
      lines.push(
        `  ok   native modules unpacked: ${nativeOutside.map((n) => path.relative(unpackedDir, n)).join(', ')}`,
      );
  }
  return { ok, lines };
}

function findFiles(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found;
}

async function main(argv: string[]): Promise<number> {
  const [unpacked, executable, flavor] = argv;
  if (!unpacked || !executable || (flavor !== 'release' && flavor !== 'e2e')) {
    console.error('usage: verify-package <unpacked dir> <executable name> <release|e2e>');
    return 2;
  }
  const result = await verifyPackage(unpacked, executable, flavor);
  console.log(`${flavor} build in ${unpacked}:`);
  for (const line of result.lines) console.log(line);
  return result.ok ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
