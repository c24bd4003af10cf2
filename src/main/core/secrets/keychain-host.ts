/**
 * The keychain child process: runs keytar's three calls for the main process and answers each by
 * its id. It lives apart so that main can replace it when the keyring daemon is replaced under it
 * (libsecret keeps its connection to the dead daemon for the life of a process). Runs as an
 * Electron utility process (`process.parentPort`) or a forked Node process (`process.send`).
 */
import * as keytarModule from 'keytar';
import type { KeychainReply, KeychainRequest } from './keychain-process';

type Keytar = typeof keytarModule;
const keytar: Keytar = (keytarModule as unknown as { default?: Keytar }).default ?? keytarModule;

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

const reply = (message: KeychainReply): void => {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
};

async function answer(raw: unknown): Promise<void> {
  const request = raw as Partial<KeychainRequest> | null;
  if (!request || typeof request.id !== 'number' || typeof request.account !== 'string') return;
  const { id, service, account } = request as KeychainRequest;
  try {
    switch (request.op) {
      case 'get':
        reply({ id, ok: true, value: await keytar.getPassword(service, account) });
        return;
      case 'set':
        await keytar.setPassword(service, account, String(request.secret ?? ''));
        reply({ id, ok: true, value: null });
        return;
      case 'delete':
        reply({ id, ok: true, value: await keytar.deletePassword(service, account) });
        return;
      default:
        reply({ id, ok: false, error: 'unknown keychain operation' });
    }
  } catch (error) {
    reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

if (parentPort) parentPort.on('message', (event) => void answer(event.data));
else process.on('message', (message) => void answer(message));
// The parent went away: nothing left to answer.
process.on('disconnect', () => process.exit(0));
