import { CHANNELS, isEventName, type Channel, type EventName } from '../shared/ipc/channels';
import type { ConsoleApi } from '../shared/ipc/api-types';

/**
 * How the API reaches main. Electron: ipcRenderer. Chromium e2e host: a Playwright binding.
 * Nothing of the transport (event objects, senders, raw ipc) is handed to the page.
 */
export interface ApiTransport {
  invoke(channel: Channel, input: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): void;
}

/** Builds `window.api`: one named method per channel, plus `on(event, listener)` for push events. */
export function createApi(transport: ApiTransport): ConsoleApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  // The allow-list is `on` below: only contract events can have listeners, so an event main (or
  // anything else on the transport) names outside the contract reaches nobody.
  transport.subscribe((event, payload) => {
    for (const listener of listeners.get(event as EventName) ?? []) {
      try {
        listener(payload);
      } catch {
        // One broken listener must not stop the others from hearing the event.
      }
    }
  });

  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    const [domain, action] = channel.split('.') as [string, string];
    const methods = (api[domain] ??= {}) as Record<string, unknown>;
    methods[action] = (input?: unknown) => transport.invoke(channel, input ?? {});
  }
  // Frozen only once every method is in place, so page code cannot swap one.
  for (const methods of Object.values(api)) Object.freeze(methods);
  api.on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event) || typeof listener !== 'function') {
      throw new TypeError('api.on(event, listener): unknown event or listener is not a function');
    }
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const fn = listener as (payload: unknown) => void;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  };
  return Object.freeze(api) as unknown as ConsoleApi;
}
