import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { originOf } from './origin';

/**
 * A sender is trusted only when it is the main frame of one of our windows and that frame shows
 * the app's own origin. Subframes, other webContents and navigated-away pages are refused.
 */
export function createTrustedSenderCheck(trustedOrigins: readonly string[]) {
  const windows = new Set<number>();
  return {
    register(contents: WebContents): void {
      const id = contents.id;
      windows.add(id);
      contents.once('destroyed', () => windows.delete(id));
    },
    isTrusted(event: IpcMainInvokeEvent): boolean {
      const frame = event.senderFrame;
      if (!frame || !windows.has(event.sender.id)) return false;
      if (frame !== event.sender.mainFrame) return false;
      const origin = originOf(frame.url);
      return origin !== null && trustedOrigins.includes(origin);
    },
  };
}
