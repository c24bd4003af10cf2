/**
 * Run inside a private D-Bus session with an unlocked gnome-keyring (keychain-restart.integration.test.ts
 * starts it): kills the keyring daemon between two keychain calls, starts a new one, and prints
 * what the stores answered as one JSON line.
 */
import { execFileSync, execSync } from 'node:child_process';
import { createKeytarStore } from '../keytar-store';
import { forkKeychainChild } from '../node-keychain-child';

const SERVICE = 'invision-scim-console-restart-test';

function daemonPid(): number {
  const out = execFileSync('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.DBus',
    '/',
    'org.freedesktop.DBus.GetConnectionUnixProcessID',
    'string:org.freedesktop.secrets',
  ]).toString();
  const pid = Number(/uint32 (\d+)/.exec(out)?.[1]);
  if (!pid) throw new Error(`no keyring daemon on this bus: ${out}`);
  return pid;
}

async function main(): Promise<void> {
  const inChild = createKeytarStore({ service: SERVICE, child: forkKeychainChild });
  const inProcess = createKeytarStore({ service: SERVICE });
  const before = {
    set: (await inChild.set('a', 'one')).state,
    get: await inChild.get('a'),
    direct: (await inProcess.get('a')).state,
  };
  const old = daemonPid();
  process.kill(old, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 300));
  execSync("printf 'restart-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1");
  await new Promise((r) => setTimeout(r, 300));
  const replaced = daemonPid() !== old;
  const after = {
    set: await inChild.set('a', 'two'),
    get: await inChild.get('a'),
    direct: await inProcess.get('a'),
  };
  inChild.close?.();
  console.log(JSON.stringify({ before, replaced, after }));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: String(error) }));
  process.exit(1);
});
