import { mkdirSync } from 'node:fs';
import { fail } from '../../shared/ipc/result';
import type { CoreDeps } from './deps';
import { createEventBus, type CoreEvents } from './events';
import { appHandlers } from './ipc/handlers/app';
import { createRouter, type Dispatch, type Handlers } from './ipc/router';
import { createSandboxService, type SandboxService } from './sandbox/service';

export interface Core {
  dispatch: Dispatch;
  events: CoreEvents;
  /** Services the Electron shell uses directly (the developer menu); never exposed to the renderer. */
  services: { sandbox: SandboxService };
  close(): Promise<void>;
}

/** Composes every service from injected platform dependencies. Runs in Electron and plain Node alike. */
export function createCore(deps: CoreDeps): Core {
  mkdirSync(deps.dataDir, { recursive: true, mode: 0o700 });
  const events = createEventBus(deps.log);
  const sandbox = createSandboxService({ secrets: deps.secrets, log: deps.log });
  const handlers: Handlers = {
    ...appHandlers(deps),
  };
  const route = createRouter(handlers, deps.log);
  let closed = false;

  return {
    events,
    services: { sandbox },
    dispatch: (channel, rawInput) =>
      closed ? Promise.resolve(fail('INTERNAL', 'The console is shutting down.')) : route(channel, rawInput),
    close: async () => {
      closed = true;
      await sandbox.close();
    },
  };
}
