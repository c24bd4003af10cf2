import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeytarStore } from './keytar-store';

// The test command runs vitest inside dbus-run-session with an unlocked gnome-keyring and sets
// this flag; elsewhere there may be no Secret Service, so the suite says why it did not run.
const realKeychain = process.env.SCIM_CONSOLE_REAL_KEYCHAIN === '1';
if (!realKeychain) {
  console.warn(
    '[skip] keytar integration: SCIM_CONSOLE_REAL_KEYCHAIN is not 1 (run ./scripts/test for a real keyring)',
  );
}

describe.skipIf(!realKeychain)('keytar store against the real OS keychain', () => {
  const store = createKeytarStore({ service: 'invision-scim-console-tests' });

  it('sets, reads, replaces and deletes a secret', async () => {
    const account = `tenant-${randomUUID()}`;
    expect(await store.get(account)).toEqual({ state: 'not-set' });
    expect((await store.set(account, 'first-token')).state).toBe('ok');
    expect(await store.get(account)).toEqual({ state: 'ok', value: 'first-token' });
    expect((await store.set(account, 'second-token')).state).toBe('ok');
    expect(await store.get(account)).toEqual({ state: 'ok', value: 'second-token' });
    expect(await store.delete(account)).toEqual({ state: 'ok', value: true });
    expect(await store.get(account)).toEqual({ state: 'not-set' });
    expect(await store.delete(account)).toEqual({ state: 'ok', value: false });
  });

  it('keeps entries of different accounts apart', async () => {
    const a = `tenant-${randomUUID()}`;
    const b = `tenant-${randomUUID()}`;
    await store.set(a, 'token-a');
    await store.set(b, 'token-b');
    expect(await store.get(a)).toEqual({ state: 'ok', value: 'token-a' });
    expect(await store.get(b)).toEqual({ state: 'ok', value: 'token-b' });
    await store.delete(a);
    await store.delete(b);
  });
});
