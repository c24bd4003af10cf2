import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KeychainChild } from './keychain-process';

/**
 * Starts the keychain host as a forked Node process: for the hosts that run the core in plain
 * Node (the Chromium test host, tests, benchmarks). From sources it runs through tsx; a built
 * copy (`keychain-host.js` beside this file) runs as it is.
 */
export function forkKeychainChild(): KeychainChild {
  const built = path.join(__dirname, 'keychain-host.js');
  const source = path.join(__dirname, 'keychain-host.ts');
  const child = existsSync(built)
    ? fork(built, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] })
    : fork(source, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--import', 'tsx'] });
  return {
    send: (message) => {
      child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => {
      child.kill();
    },
  };
}
