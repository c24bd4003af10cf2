import type * as KeytarModule from 'keytar';
import { lockedGuidance, timeoutGuidance, unavailableGuidance } from './keychain-guidance';
import { SECRET_SERVICE_NAME, type SecretOutcome, type SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

const LOCKED = /locked|prompt|dismiss|denied|user canceled|interaction not allowed|-25308/i;

export interface KeytarStoreOptions {
  service?: string;
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  /** Seam for tests of the timeout and error paths; the app always loads the real module. */
  load?: () => Promise<Keytar>;
}

/** The OS keychain through keytar: the only module that imports it. */
export function createKeytarStore(options: KeytarStoreOptions = {}): SecretStore {
  const service = options.service ?? SECRET_SERVICE_NAME;
  const timeoutMs = options.timeoutMs ?? 5000;
  const platform = options.platform ?? process.platform;
  const load = options.load ?? (() => import('keytar').then((m) => (m as { default?: Keytar }).default ?? m));
  let module: Promise<Keytar> | undefined;

  function classify(error: unknown): SecretOutcome<never> {
    const message = error instanceof Error ? error.message : String(error);
    if (LOCKED.test(message)) return { state: 'locked', message: lockedGuidance(platform) };
    return { state: 'unavailable', message: unavailableGuidance(platform) };
  }

  // A keychain call that hangs (waiting for an unlock prompt) holds a libuv thread until it ends.
  // While one is stuck, answer at once instead of stacking more stuck calls on the thread pool.
  let stuck: Promise<unknown> | null = null;

  async function call<T>(work: (keytar: Keytar) => Promise<SecretOutcome<T>>): Promise<SecretOutcome<T>> {
    if (stuck) return { state: 'timed-out', message: timeoutGuidance(platform) };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SecretOutcome<T>>((resolve) => {
      timer = setTimeout(() => resolve({ state: 'timed-out', message: timeoutGuidance(platform) }), timeoutMs);
    });
    const attempt = (async () => {
      try {
        module ??= load();
        return await work(await module);
      } catch (error) {
        module = undefined;
        return classify(error);
      }
    })();
    try {
      const outcome = await Promise.race([attempt, timeout]);
      if (outcome.state === 'timed-out') {
        const pending = attempt.finally(() => {
          if (stuck === pending) stuck = null;
        });
        stuck = pending;
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    kind: 'os-keychain',
    get: (account) =>
      call<string>(async (k) => {
        const value = await k.getPassword(service, account);
        return value === null ? { state: 'not-set' } : { state: 'ok', value };
      }),
    set: (account, secret) =>
      call<void>(async (k) => {
        await k.setPassword(service, account, secret);
        return { state: 'ok', value: undefined };
      }),
    delete: (account) => call(async (k) => ({ state: 'ok', value: await k.deletePassword(service, account) })),
  };
}
