/**
 * A stand-in for Electron's unpacked distribution, for machines where Electron's binary cannot be
 * downloaded: one executable file that carries Electron's fuse sentinel and a V1 fuse wire in
 * Electron's default states, so electron-builder can package the app and flip the fuses, and the
 * checks can read them back. It is not a runnable Electron: installers are never made from it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect, file:// privileges and WASM trap handlers on. */
export const ELECTRON_DEFAULT_WIRE = '101100011';

/** The bytes of a binary whose fuse wire reads `wire` ('0'/'1' per fuse). */
export function fuseWireBinary(wire: string): Buffer {
  return Buffer.concat([
    Buffer.from('stand-in for the Electron binary; not executable\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.alloc(64),
  ]);
}

/** Writes the stand-in distribution into `dir` and returns `dir`. */
export function writeStandInElectron(dir: string, root = path.resolve(__dirname, '../..')): string {
  const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  };
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  writeFileSync(path.join(dir, 'electron'), fuseWireBinary(ELECTRON_DEFAULT_WIRE), { mode: 0o755 });
  writeFileSync(path.join(dir, 'version'), version);
  writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for packaging checks only.\n');
  return dir;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: stand-in-electron <dir>');
    process.exit(2);
  }
  console.log(writeStandInElectron(path.resolve(dir)));
}
