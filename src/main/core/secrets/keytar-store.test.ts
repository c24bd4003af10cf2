import type * as KeytarModule from 'keytar';
import { describe, expect, it } from 'vitest';
import { createKeytarStore } from './keytar-store';

type Keytar = typeof KeytarModule;

function fakeKeytar(overrides: Partial<Keytar>): () => Promise<Keytar> {
  return async () => overrides as Keytar;
}

describe('keytar store (error paths, with a stand-in module)', () => {
  it('reports not-set when the keychain answers null', async () => {
    const store = createKeytarStore({ load: fakeKeytar({ getPassword: async () => null }) });
    expect(await store.get('t1')).toEqual({ state: 'not-set' });
  });

  it('settles as timed-out when the keychain never answers', async () => {
    const store = createKeytarStore({
      timeoutMs: 50,
      load: fakeKeytar({ getPassword: () => new Promise<string | null>(() => {}) }),
    });
    const started = Date.now();
    const outcome = await store.get('t1');
    expect(outcome.state).toBe('timed-out');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a locked keyring as locked, with guidance', async () => {
    const store = createKeytarStore({
      platform: 'linux',
      load: fakeKeytar({
        setPassword: async () => {
          throw new Error('Cannot create an item in a locked collection');
        },
      }),
    });
    const outcome = await store.set('t1', 'secret');
    expect(outcome.state).toBe('locked');
    expect(outcome.state === 'locked' && outcome.message).toMatch(/unlock/i);
  });

  it('reports a missing Secret Service as unavailable and names what to install', async () => {
    const store = createKeytarStore({
      platform: 'linux',
      load: fakeKeytar({
        getPassword: async () => {
          throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
        },
      }),
    });
    const outcome = await store.get('t1');
    expect(outcome.state).toBe('unavailable');
    expect(outcome.state === 'unavailable' && outcome.message).toMatch(/Secret Service/);
  });

  it('reports a module that fails to load as unavailable rather than throwing', async () => {
    const store = createKeytarStore({
      platform: 'win32',
      load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')),
    });
    const outcome = await store.delete('t1');
    expect(outcome.state).toBe('unavailable');
    expect(outcome.state === 'unavailable' && outcome.message).toMatch(/Credential Manager/);
  });

  it('answers at once while an earlier call is still stuck, and recovers when it ends', async () => {
    let release: (v: string | null) => void = () => {};
    let calls = 0;
    const store = createKeytarStore({
      timeoutMs: 30,
      load: fakeKeytar({
        getPassword: () => {
          calls += 1;
          return calls === 1 ? new Promise<string | null>((r) => (release = r)) : Promise.resolve('tok');
        },
      }),
    });
    expect((await store.get('a')).state).toBe('timed-out');
    const started = Date.now();
    expect((await store.get('a')).state).toBe('timed-out');
    expect(Date.now() - started).toBeLessThan(20);
    expect(calls).toBe(1);
    release(null);
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.get('a')).toEqual({ state: 'ok', value: 'tok' });
  });
});
