/**
 * Bundled to one IIFE and installed with addInitScript on the Chromium host: the page gets the
 * very same `createApi` the Electron preload uses, over a Playwright binding instead of ipcRenderer.
 */
import { createApi } from '../../src/preload/api';

type HostWindow = Window & {
  __scimHostInvoke?: (channel: string, input: unknown) => Promise<unknown>;
  __scimHostEmit?: (event: string, payload: unknown) => void;
};

const hostWindow = window as HostWindow;
let deliver: ((event: string, payload: unknown) => void) | undefined;

const api = createApi({
  invoke: (channel, input) => {
    const invoke = hostWindow.__scimHostInvoke;
    if (!invoke) return Promise.reject(new Error('the Chromium host binding is missing'));
    return invoke(channel, input);
  },
  subscribe: (listener) => {
    deliver = listener;
  },
});

Object.defineProperty(hostWindow, '__scimHostEmit', {
  value: (event: string, payload: unknown) => deliver?.(event, payload),
  writable: false,
  configurable: false,
});
Object.defineProperty(hostWindow, 'api', { value: api, writable: false, configurable: false });
