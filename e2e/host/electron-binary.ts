import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve(__dirname, '../../node_modules/electron');

/**
 * Where the Electron binary is, or why it is not there. Never `require('electron')` to find out:
 * that starts a download when the binary is missing.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary is not installed (npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 and its download was not reachable)',
    };
  }
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary is missing at ${binary}` };
}
