import { describe, expect, it } from 'vitest';
import { createKeychainProcess, type KeychainChild, type KeychainRequest } from './keychain-process';

/** A child double: answers with `answer`, or dies when it returns 'exit'. */
function fakeSpawner(answer: (generation: number, request: KeychainRequest) => unknown) {
  let generation = 0;
  const spawned: number[] = [];
  const spawn = (): KeychainChild => {
    const mine = ++generation;
    spawned.push(mine);
    let onMessage: (m: unknown) => void = () => undefined;
    let onExit: () => void = () => undefined;
    return {
      send: (request) =>
        queueMicrotask(() => {
          const reply = answer(mine, request);
          if (reply === 'exit') onExit();
          else onMessage(reply);
        }),
      onMessage: (l) => (onMessage = l),
      onExit: (l) => (onExit = l),
      kill: () => queueMicrotask(() => onExit()),
    };
  };
  return { spawn, spawned };
}

describe('keytar in a child process', () => {
  it('replaces the child after a dead-connection error and asks once more', async () => {
    const { spawn, spawned } = fakeSpawner((generation, r) =>
      generation === 1
        ? { id: r.id, ok: false, error: 'The name :1.0 was not provided by any .service files' }
        : { id: r.id, ok: true, value: 'secret' },
    );
    const keychain = createKeychainProcess(spawn);
    expect(await keychain.getPassword('s', 'a')).toBe('secret');
    expect(spawned).toEqual([1, 2]);
  });

  it('does not respawn for other errors, and reports them', async () => {
    const { spawn, spawned } = fakeSpawner((_g, r) => ({
      id: r.id,
      ok: false,
      error: 'Cannot unlock: prompt dismissed',
    }));
    const keychain = createKeychainProcess(spawn);
    await expect(keychain.setPassword('s', 'a', 'x')).rejects.toThrow(/prompt dismissed/);
    expect(spawned).toEqual([1]);
  });

  it('a child that dies mid-call is replaced, and a second death is reported', async () => {
    const { spawn, spawned } = fakeSpawner(() => 'exit');
    const keychain = createKeychainProcess(spawn);
    await expect(keychain.deletePassword('s', 'a')).rejects.toThrow(/keychain process ended/);
    expect(spawned).toEqual([1, 2]);
  });
});
