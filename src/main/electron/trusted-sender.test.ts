import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createTrustedSenderCheck } from './trusted-sender';

/** Just enough of WebContents and its frames for the check (it reads ids, frames and URLs). */
function fakeContents(id: number, url: string) {
  const listeners = new Map<string, () => void>();
  const mainFrame = { url };
  const contents = {
    id,
    mainFrame,
    once: (event: string, listener: () => void) => listeners.set(event, listener),
    destroy: () => listeners.get('destroyed')?.(),
  };
  return contents;
}

function event(contents: ReturnType<typeof fakeContents>, frame: { url: string } | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('the trusted sender check', () => {
  const check = () => createTrustedSenderCheck(['app://renderer']);

  it("trusts the main frame of a registered window showing the app's origin", () => {
    const senders = check();
    const window = fakeContents(1, 'app://renderer/index.html');
    senders.register(window as unknown as WebContents);
    expect(senders.isTrusted(event(window))).toBe(true);
  });

  it('refuses a subframe, even one of the same origin', () => {
    const senders = check();
    const window = fakeContents(1, 'app://renderer/index.html');
    senders.register(window as unknown as WebContents);
    expect(senders.isTrusted(event(window, { url: 'app://renderer/index.html' }))).toBe(false);
    expect(senders.isTrusted(event(window, { url: 'https://evil.example/' }))).toBe(false);
  });

  it('refuses a window that was never registered, and one that navigated away', () => {
    const senders = check();
    const stranger = fakeContents(2, 'app://renderer/index.html');
    expect(senders.isTrusted(event(stranger))).toBe(false);
    const window = fakeContents(1, 'https://evil.example/phish');
    senders.register(window as unknown as WebContents);
    expect(senders.isTrusted(event(window))).toBe(false);
    window.mainFrame.url = 'app://other-host/index.html';
    expect(senders.isTrusted(event(window))).toBe(false);
  });

  it('refuses a destroyed window, a missing frame and an unparsable URL', () => {
    const senders = check();
    const window = fakeContents(1, 'app://renderer/index.html');
    senders.register(window as unknown as WebContents);
    expect(senders.isTrusted(event(window, null))).toBe(false);
    window.mainFrame.url = 'not a url';
    expect(senders.isTrusted(event(window))).toBe(false);
    window.mainFrame.url = 'app://renderer/index.html';
    window.destroy();
    expect(senders.isTrusted(event(window))).toBe(false);
  });
});
