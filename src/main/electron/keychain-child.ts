import path from 'node:path';
import { utilityProcess } from 'electron';
import type { KeychainChild } from '../core/secrets/keychain-process';

/**
 * Starts the keychain host (built beside index.js) as an Electron utility process: Node without
 * ELECTRON_RUN_AS_NODE, which the release fuses turn off.
 */
export function utilityKeychainChild(): KeychainChild {
  const child = utilityProcess.fork(path.join(__dirname, 'keychain-host.js'), [], {
    serviceName: 'InVision SCIM Console keychain',
    stdio: 'ignore',
  });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => {
      child.kill();
    },
  };
}
