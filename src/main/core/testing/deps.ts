import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CoreDeps } from '../deps';
import { silentLogger } from '../log';
import { createMemoryStore } from '../secrets/memory-store';

/** Core dependencies for unit tests: a temporary data dir, an in-memory secret store, no network. */
export function testDeps(overrides: Partial<CoreDeps> = {}): CoreDeps {
  return {
    dataDir: mkdtempSync(path.join(tmpdir(), 'scim-console-unit-')),
    fetch: () => Promise.reject(new Error('unit tests have no network')),
    secrets: createMemoryStore(),
    clock: { now: () => Date.UTC(2026, 0, 1) },
    dialogs: { openFile: async () => null, saveFile: async () => null },
    host: {
      name: 'InVision SCIM Console',
      version: '0.0.0-test',
      platform: 'linux',
      arch: 'x64',
      host: 'node',
      packaged: false,
      versions: { node: process.versions.node, electron: null, chrome: null },
    },
    log: silentLogger,
    ...overrides,
  };
}
