/**
 * Run by keychain-states.integration.test.ts in a D-Bus session of its own (so locking its
 * keyring cannot disturb other tests): drives the real keytar store and tenant service and
 * prints one JSON line of what they reported.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../log';
import { createSandboxService } from '../../sandbox/service';
import { createTenantService } from '../../tenants/service';
import { createTenantStore } from '../../tenants/store';
import { createKeytarStore } from '../keytar-store';

async function main(): Promise<void> {
  const scenario = process.argv[2];
  const secrets = createKeytarStore({ service: 'invision-scim-console-probe', timeoutMs: 4000 });
  const out: Record<string, unknown> = {};
  if (scenario === 'no-secret-service') {
    const started = Date.now();
    out.get = await secrets.get('x');
    out.ms = Date.now() - started;
  } else if (scenario === 'locked') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'probe-'));
    const sandbox = createSandboxService({ secrets, log: silentLogger });
    const tenants = createTenantService({
      store: createTenantStore({ dataDir, now: () => new Date() }),
      secrets,
      sandbox,
      fetch: globalThis.fetch,
      dialogs: { openFile: async () => null, saveFile: async () => null },
      now: () => new Date(),
      platform: 'linux',
      log: silentLogger,
    });
    const server = await sandbox.ensure();
    const token = await sandbox.token();
    const added = await tenants.add({ name: 'Acme', baseUrl: server.baseUrl, token, readOnly: false });
    const id = added.tenant!.id;
    out.before = (await tenants.list()).tenants.find((t) => t.id === id)?.tokenState;
    execFileSync(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login',
      ],
      { timeout: 5000, stdio: 'ignore' },
    );
    out.rawGet = await secrets.get(id);
    out.after = (await tenants.list()).tenants.find((t) => t.id === id)?.tokenState;
    out.set = (await secrets.set('another', 'value-123456')).state;
    out.rotate = await tenants.rotateToken(id, token).then(
      () => 'rotated',
      (e: { code?: string; message?: string }) => e.code ?? e.message ?? 'unknown error',
    );
    await sandbox.close();
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(JSON.stringify({ error: String(error) }) + '\n');
    process.exit(1);
  },
);
