import { BrowserWindow, ipcMain } from 'electron';
import { CHANNELS, EVENT_CHANNEL } from '../../shared/ipc/channels';
import { ERROR_HINTS, fail } from '../../shared/ipc/result';
import type { Core } from '../core/app-core';

type SenderCheck = { isTrusted(event: Electron.IpcMainInvokeEvent): boolean };

/** The only place that touches ipcMain: one handler per contract channel, each behind the sender check. */
export function bindIpc(core: Core, senders: SenderCheck): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) =>
      senders.isTrusted(event) ? core.dispatch(channel, input) : fail('UNTRUSTED_SENDER', ERROR_HINTS.UNTRUSTED_SENDER),
    );
  }
  const unsubscribe = core.events.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
