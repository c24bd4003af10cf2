/**
 * keytar's three calls, run in a child process (see keychain-host.ts) that is replaced when the
 * keyring daemon was: libsecret in a long-lived process keeps its connection to a daemon that
 * died, and answers every later call with an error until the process ends. A fresh child connects
 * to the new daemon, so the console recovers without a restart.
 */

export interface KeychainRequest {
  id: number;
  op: 'get' | 'set' | 'delete';
  service: string;
  account: string;
  secret?: string;
}

export type KeychainReply =
  { id: number; ok: true; value: string | boolean | null } | { id: number; ok: false; error: string };

/** One running child, however the host starts it (Node's fork, Electron's utilityProcess). */
export interface KeychainChild {
  send(message: KeychainRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: () => void): void;
  kill(): void;
}

/** What keytar-store.ts needs of keytar. */
export interface KeytarCalls {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, secret: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * The errors of a connection to a keyring daemon that is gone (seen with gnome-keyring under
 * D-Bus after the daemon was killed and D-Bus started another).
 */
export const DEAD_CONNECTION =
  /was not provided by any \.service files|session wrapping the secret does not exist|ServiceUnknown|NoReply|Disconnected|connection is closed|the keychain process (ended|did not start)/i;

/** keytar over a child process, replaced (and the call tried once more) after a dead-connection error. */
export function createKeychainProcess(spawn: () => KeychainChild): KeytarCalls & { close(): void } {
  let child: KeychainChild | null = null;
  let nextId = 1;
  /** Requests not answered yet, with the child each went to. */
  const waiting = new Map<number, { child: KeychainChild; resolve: (reply: KeychainReply) => void }>();

  function start(): KeychainChild {
    const started = spawn();
    started.onMessage((raw) => {
      const message = raw as Partial<KeychainReply> | null;
      if (!message || typeof message.id !== 'number') return;
      waiting.get(message.id)?.resolve(message as KeychainReply);
      waiting.delete(message.id);
    });
    started.onExit(() => {
      if (child === started) child = null;
      // Whatever this child was asked and did not answer ends now, as a dead connection.
      for (const [id, pending] of waiting) {
        if (pending.child !== started) continue;
        waiting.delete(id);
        pending.resolve({ id, ok: false, error: 'the keychain process ended' });
      }
    });
    return started;
  }

  function ask(request: Omit<KeychainRequest, 'id'>): Promise<KeychainReply> {
    const id = nextId++;
    return new Promise((resolve) => {
      try {
        child ??= start();
        waiting.set(id, { child, resolve });
        child.send({ ...request, id });
      } catch (error) {
        waiting.delete(id);
        resolve({ id, ok: false, error: `the keychain process did not start (${(error as Error).message})` });
      }
    });
  }

  async function call(request: Omit<KeychainRequest, 'id'>): Promise<string | boolean | null> {
    let reply = await ask(request);
    if (!reply.ok && DEAD_CONNECTION.test(reply.error)) {
      child?.kill();
      child = null;
      reply = await ask(request);
    }
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }

  return {
    getPassword: async (service, account) => {
      const value = await call({ op: 'get', service, account });
      return typeof value === 'string' ? value : null;
    },
    setPassword: async (service, account, secret) => {
      await call({ op: 'set', service, account, secret });
    },
    deletePassword: async (service, account) => (await call({ op: 'delete', service, account })) === true,
    close() {
      child?.kill();
      child = null;
    },
  };
}
