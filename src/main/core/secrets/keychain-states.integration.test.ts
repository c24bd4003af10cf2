import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const realKeychain = process.env.SCIM_CONSOLE_REAL_KEYCHAIN === '1';
if (!realKeychain)
  console.warn('[skip] keychain states: SCIM_CONSOLE_REAL_KEYCHAIN is not 1 (run ./scripts/test for a real keyring)');

const ROOT = path.resolve(__dirname, '../../../..');
const PROBE = path.join(__dirname, 'testing/keychain-probe.ts');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function probe(scenario: string, env: NodeJS.ProcessEnv, wrap: string[] = []): Record<string, unknown> {
  const command = [...wrap, process.execPath, TSX, PROBE, scenario];
  const output = execFileSync(command[0]!, command.slice(1), {
    env,
    timeout: 60_000,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line =
    output
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .at(-1) ?? '{}';
  return JSON.parse(line) as Record<string, unknown>;
}

describe.skipIf(!realKeychain)('keychain states against the real gnome-keyring', () => {
  it('reports a locked keyring as locked, never as "no token", and refuses to overwrite it', () => {
    // Its own D-Bus session and keyring, so locking it cannot disturb any other test.
    const home = mkdtempSync(path.join(tmpdir(), 'keyring-lock-'));
    const script = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"`;
    const result = probe('locked', { ...process.env, XDG_DATA_HOME: home }, [
      'dbus-run-session',
      '--',
      'sh',
      '-c',
      script,
      'sh',
    ]);
    expect(result).toMatchObject({
      before: 'stored',
      rawGet: { state: 'not-set' },
      after: 'locked',
      set: 'locked',
      rotate: 'KEYCHAIN_LOCKED',
    });
  }, 90_000);

  it('reports an absent Secret Service as unavailable, with guidance, within the timeout', () => {
    const result = probe('no-secret-service', {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      DISPLAY: '',
    });
    expect(result.get).toMatchObject({ state: 'unavailable' });
    expect(String((result.get as { message: string }).message)).toMatch(/Secret Service/);
    expect(Number(result.ms)).toBeLessThan(5000);
  }, 60_000);
});
