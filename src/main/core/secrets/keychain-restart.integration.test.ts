import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

describe('the keyring daemon replaced under a running console', () => {
  it('the keychain recovers without a restart; the in-process connection says a restart is needed', (ctx) => {
    for (const command of ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send']) {
      if (!has(command)) return ctx.skip(`${command} is not installed (the test command installs it)`);
    }
    const script = path.join(__dirname, 'testing/daemon-restart.ts');
    // A private bus and keyring: killing this daemon touches no other test.
    const out = execFileSync(
      'dbus-run-session',
      [
        '--',
        'sh',
        '-c',
        `printf 'restart-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "${process.execPath}" --import tsx "${script}"`,
      ],
      {
        env: { ...process.env, XDG_DATA_HOME: mkdtempSync(path.join(tmpdir(), 'keyring-restart-')) },
        timeout: 60_000,
      },
    )
      .toString()
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .pop();
    const result = JSON.parse(out ?? '{}') as {
      before: { set: string; get: { state: string; value?: string }; direct: string };
      replaced: boolean;
      after: {
        set: { state: string };
        get: { state: string; value?: string };
        direct: { state: string; message?: string };
      };
    };
    expect(result.before).toEqual({ set: 'ok', get: { state: 'ok', value: 'one' }, direct: 'ok' });
    expect(result.replaced).toBe(true);
    expect(result.after.set.state).toBe('ok');
    expect(result.after.get).toEqual({ state: 'ok', value: 'two' });
    expect(result.after.direct.state).toBe('unavailable');
    expect(result.after.direct.message).toMatch(/Quit and reopen the console/);
  }, 90_000);
});
