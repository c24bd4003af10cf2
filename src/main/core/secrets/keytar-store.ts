import { lockedGuidance, timeoutGuidance, unavailableGuidance } from './keychain-guidance';
import { createKeychainProcess, DEAD_CONNECTION, type KeychainChild, type KeytarCalls } from './keychain-process';
import { SECRET_SERVICE_NAME, type SecretOutcome, type SecretStore } from './secret-store';

type Keytar = KeytarCalls;

const LOCKED = /locked|prompt|dismiss|denied|user canceled|interaction not allowed|-25308/i;

export interface KeytarStoreOptions {
  service?: string;
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  /** Seam for tests of the timeout and error paths; the app always loads the real module. */
  load?: () => Promise<Keytar>;
  /**
   * Runs keytar in a child process that this starts (and replaces when the keyring daemon was
   * replaced), instead of in this process. The app always passes one.
   */
  child?: () => KeychainChild;
}

/** The OS keychain through keytar: the only module that imports it. */
export function createKeytarStore(options: KeytarStoreOptions = {}): SecretStore {
  const service = options.service ?? SECRET_SERVICE_NAME;
  const timeoutMs = options.timeoutMs ?? 5000;
  const platform = options.platform ?? process.platform;
  const spawn = options.child;
  const inChild = spawn ? createKeychainProcess(spawn) : null;
  const load =
    options.load ??
    (inChild
      ? () => Promise.resolve(inChild)
      : () => import('keytar').then((m) => (m as { default?: Keytar }).default ?? (m as unknown as Keytar)));
  let module: Promise<Keytar> | undefined;

  function classify(error: unknown): SecretOutcome<never> {
    const message = error instanceof Error ? error.message : String(error);
    if (LOCKED.test(message)) return { state: 'locked', message: lockedGuidance(platform) };
    if (!inChild && DEAD_CONNECTION.test(message)) {
      // In this process the connection to a replaced keyring daemon cannot be renewed.
      return {
        state: 'unavailable',
        message:
          'The keyring service was restarted while the console was running, and this connection to it cannot be renewed. Quit and reopen the console; your tokens are still in the keychain.',
      };
    }
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
    close: () => inChild?.close(),
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
