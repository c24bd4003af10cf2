import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL } from '../shared/ipc/channels';
import { createApi } from './api';

const api = createApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe: (listener) => {
    // The IpcRendererEvent never reaches the page: only the event name and payload do.
    ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    });
  },
});

contextBridge.exposeInMainWorld('api', api);
