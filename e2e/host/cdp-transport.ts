import type { CDPSession, Page } from '@playwright/test';
import { ERROR_HINTS, fail } from '../../src/shared/ipc/result';
import { decodeInput } from './wire';

/** The page's side of the fast transport: a raw CDP binding that takes one JSON message. */
export const CALL_BINDING = '__scimHostCall';

interface ContextInfo {
  /** The main frame's own world, on the app's origin: the only sender main answers. */
  trusted: boolean;
}

export interface CdpTransport {
  /** Pushes an event to the app's page (dropped while no app page is loaded). */
  emit(event: string, payload: unknown): void;
  close(): Promise<void>;
}

export interface CdpTransportOptions {
  origin: string;
  dispatch(channel: unknown, input: unknown): Promise<unknown>;
  /** Every answer, as it leaves for the page (the host's transcript). */
  onAnswer(channel: string, result: unknown): void;
}

/**
 * Calls and events between the page and the core over a CDP session of the host's own: the page
 * sends each call as one JSON string through `Runtime.addBinding` (wire.ts); answers and events go back as
 * CDP call arguments, which Chromium turns into objects natively. Playwright's own binding moves
 * large structured values through its JS serialiser on both ends, seconds for a 20,000-row
 * listing. Like Electron's sender check, only the main frame's world on the app's origin is
 * answered; any other context gets UNTRUSTED_SENDER.
 */
export async function attachCdpTransport(page: Page, options: CdpTransportOptions): Promise<CdpTransport> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const mainFrameId = frameTree.frame.id;
  const contexts = new Map<number, ContextInfo>();
  let appContext: number | null = null;

  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = context.auxData as { isDefault?: boolean; frameId?: string } | undefined;
    const main = aux?.isDefault === true && aux.frameId === mainFrameId;
    const trusted = main && context.origin === options.origin;
    contexts.set(context.id, { trusted });
    if (main) appContext = trusted ? context.id : null;
  });
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
    contexts.delete(executionContextId);
    if (appContext === executionContextId) appContext = null;
  });
  cdp.on('Runtime.executionContextsCleared', () => {
    contexts.clear();
    appContext = null;
  });

  // Calls a function the page API defines on the window of one context; a context that went away
  // meanwhile (a reload, a closing page) simply misses it, as a closed Electron window would.
  const deliver = (contextId: number, fn: '__scimHostAnswer' | '__scimHostEmit', args: unknown[]) => {
    cdp
      .send('Runtime.callFunctionOn', {
        functionDeclaration: `function (a, b) { const f = window.${fn}; if (typeof f === 'function') f(a, b); }`,
        executionContextId: contextId,
        arguments: args.map((value) => ({ value })),
        silent: true,
      })
      .catch(() => undefined);
  };

  cdp.on('Runtime.bindingCalled', ({ name, payload, executionContextId }) => {
    if (name !== CALL_BINDING) return;
    let message: { id?: unknown; channel?: unknown; wire?: { input?: unknown; holes?: unknown } };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    const { id, channel, wire } = message;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
    const answer = async (): Promise<unknown> => {
      if (contexts.get(executionContextId)?.trusted !== true) {
        return fail('UNTRUSTED_SENDER', ERROR_HINTS.UNTRUSTED_SENDER);
      }
      const decoded = decodeInput(wire?.input, wire?.holes);
      if (decoded === null) return fail('INVALID_INPUT', 'The call could not be read.');
      return options.dispatch(channel, decoded.input).catch(() => fail('INTERNAL', ERROR_HINTS.INTERNAL));
    };
    void answer().then((result) => {
      options.onAnswer(String(channel), result);
      deliver(executionContextId, '__scimHostAnswer', [id, result]);
    });
  });

  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: CALL_BINDING });

  return {
    emit: (event, payload) => {
      if (appContext !== null) deliver(appContext, '__scimHostEmit', [event, payload]);
    },
    close: () => cdp.detach().catch(() => undefined),
  };
}
