/**
 * Bundled to one IIFE and installed with addInitScript on the Chromium host: the page gets the
 * very same `createApi` the Electron preload uses, over the host's CDP binding (cdp-transport.ts)
 * instead of ipcRenderer. Inputs cross as JSON with the values JSON cannot carry listed apart
 * (wire.ts); the rare input that is not plain data (a Map, a cycle) goes through Playwright's
 * binding instead, as does every call in a page that has no CDP binding (another origin's).
 */
import { createApi } from '../../src/preload/api';
import { encodeInput } from './wire';

type Answer = (result: unknown) => void;
type HostWindow = Window & {
  __scimHostCall?: (message: string) => void;
  __scimHostInvoke?: (channel: string, input: unknown) => Promise<unknown>;
  __scimHostEmit?: (event: string, payload: unknown) => void;
  __scimHostAnswer?: (id: number, result: unknown) => void;
};

const hostWindow = window as HostWindow;
const pending = new Map<number, Answer>();
let nextId = 1;
let deliver: ((event: string, payload: unknown) => void) | undefined;

function viaPlaywright(channel: string, input: unknown): Promise<unknown> {
  const invoke = hostWindow.__scimHostInvoke;
  if (!invoke) return Promise.reject(new Error('the Chromium host binding is missing'));
  return invoke(channel, input);
}

const api = createApi({
  invoke: (channel, input) => {
    const call = hostWindow.__scimHostCall;
    const text = call ? encodeInput(input) : null;
    if (!call || text === null) return viaPlaywright(channel, input);
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      call(`{"id":${id},"channel":${JSON.stringify(channel)},"wire":${text}}`);
    });
  },
  subscribe: (listener) => {
    deliver = listener;
  },
});

const fixed = (name: keyof HostWindow, value: unknown) =>
  Object.defineProperty(hostWindow, name, { value, writable: false, configurable: false });
fixed('__scimHostEmit', (event: string, payload: unknown) => deliver?.(event, payload));
fixed('__scimHostAnswer', (id: number, result: unknown) => {
  const answer = pending.get(id);
  pending.delete(id);
  answer?.(result);
});
fixed('api', api);
