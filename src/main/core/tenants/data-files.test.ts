import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../app-core';
import { readDataFile } from '../fs/safe-read';
import { testDeps } from '../testing/deps';

/** Resolves with the promise's value, or rejects after ms: a hang fails the test instead of stalling it. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}

const replacements: Array<[string, (file: string) => void]> = [
  ['a named pipe', (file) => execFileSync('mkfifo', [file])],
  ['a link to /dev/zero', (file) => symlinkSync('/dev/zero', file)],
  [
    'a link to a real profile file',
    (file) => {
      const target = `${file}.elsewhere`;
      writeFileSync(target, JSON.stringify({ version: 1, tenants: [], lastUsedId: null }));
      symlinkSync(target, file);
    },
  ],
];

describe('tenants.json that is not a plain small file', () => {
  it.each(replacements)('replaced by %s: every tenant channel answers at once, with a notice', async (_what, make) => {
    const deps = testDeps();
    make(path.join(deps.dataDir, 'tenants.json'));
    const core = createCore(deps);
    // More calls than libuv has threads: a blocking open would starve them all.
    const answers = await within(
      Promise.all(Array.from({ length: 8 }, () => core.dispatch('tenants.list', {}))),
      3_000,
    );
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      expect((answer as { value: { notice: string | null } }).value.notice).toMatch(/tenants\.json could not be used/);
    }
    // File and DNS work in main still run (the thread pool is free).
    await within(readFile(__filename), 2_000);
    await within(lookup('localhost'), 2_000);
    await core.close();
  });

  it('an oversize tenants.json is moved aside, not read', async () => {
    const deps = testDeps();
    const file = path.join(deps.dataDir, 'tenants.json');
    writeFileSync(file, Buffer.alloc(5 * 1024 * 1024, 0x20));
    const core = createCore(deps);
    const answer = await within(core.dispatch('tenants.list', {}), 3_000);
    expect((answer as { value: { notice: string | null } }).value.notice).toMatch(/larger than 4096 KiB.*kept as/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(deps.dataDir).some((f) => f.startsWith('tenants.json.unreadable-'))).toBe(true);
    await core.close();
  });
});

describe('readDataFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'scim-console-read-'));

  it('reads a small regular file and reports a missing one', async () => {
    writeFileSync(path.join(dir, 'ok.json'), '{"a":1}');
    expect(await readDataFile(path.join(dir, 'ok.json'), 100)).toEqual({ state: 'ok', text: '{"a":1}' });
    expect(await readDataFile(path.join(dir, 'none.json'), 100)).toEqual({ state: 'missing' });
  });

  it('refuses a folder, a pipe, a device link and a file over the cap without blocking', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero'));
    writeFileSync(path.join(dir, 'big'), 'x'.repeat(101));
    const results = await within(
      Promise.all(['.', 'pipe', 'zero', 'big'].map((name) => readDataFile(path.join(dir, name), 100))),
      2_000,
    );
    expect(results.map((r) => r.state)).toEqual(['refused', 'refused', 'refused', 'refused']);
    expect(results.map((r) => (r.state === 'refused' ? r.reason : ''))).toEqual([
      'it is a folder',
      'it is a named pipe',
      'it is a symbolic link',
      'it is larger than 0 KiB',
    ]);
  });
});
