import { BrowserWindow, dialog } from 'electron';
import type { Dialogs } from '../core/deps';

/** Native open/save dialogs, parented to the focused window. */
export function createElectronDialogs(): Dialogs {
  return {
    async openFile({ title, filters }) {
      const parent = BrowserWindow.getFocusedWindow();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile({ title, defaultPath, filters }) {
      const parent = BrowserWindow.getFocusedWindow();
      const options = { title, defaultPath, filters };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
