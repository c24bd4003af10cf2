import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { createCore, type Core } from '../../src/main/core/app-core';
import { systemClock, type Dialogs } from '../../src/main/core/deps';
import { createConsoleLogger } from '../../src/main/core/log';
import { serveRendererFile } from '../../src/main/core/renderer-files';
import { createKeytarStore } from '../../src/main/core/secrets/keytar-store';
import { forkKeychainChild } from '../../src/main/core/secrets/node-keychain-child';
import type { SecretStore } from '../../src/main/core/secrets/secret-store';
import type { SandboxFaults } from '../../src/main/core/sandbox/faults';
import { ERROR_HINTS, fail } from '../../src/shared/ipc/result';
import { PAGE_API_BUNDLE } from './build-page-api';
import { attachCdpTransport } from './cdp-transport';

export const CHROMIUM_HOST_ORIGIN = 'https://app.local';
const RENDERER_ROOT = path.resolve(__dirname, '../../out/renderer');
const PROBE_PREFIX = '/__e2e__/';

export interface TranscriptEntry {
  direction: 'to-renderer';
  kind: 'result' | 'event';
  name: string;
  payload: unknown;
}

/** File dialogs a test answers in advance: the next path each returns, or null for Cancel. */
export interface ScriptedDialogs extends Dialogs {
  nextSavePath: string | null;
  nextOpenPath: string | null;
}

export function scriptedDialogs(): ScriptedDialogs {
  const dialogs: ScriptedDialogs = {
    nextSavePath: null,
    nextOpenPath: null,
    saveFile: async () => dialogs.nextSavePath,
    openFile: async () => dialogs.nextOpenPath,
  };
  return dialogs;
}

export interface ChromiumHostOptions {
  dataDir: string;
  /** Same-origin scripts that only tests may add (the CSP eval probe), keyed by file name. */
  probes?: Record<string, string>;
  dialogs?: Dialogs;
  /** Every line main logs, for tests that look for leaks. */
  logs?: string[];
  /** Sandbox faults switched on before the page loads (so the first listing already sees them). */
  sandboxFaults?: Partial<SandboxFaults>;
  /** Where tokens live: the real OS keychain unless a benchmark passes another store. */
  secrets?: SecretStore;
  /** The built-in Sandbox's size; the demo data set when absent. */
  sandbox?: { members: number; groups: number };
  /** Desktop notifications main shows, as `title: body` (Electron's Notification stands in here). */
  notifications?: string[];
  /** Launch options, as `--tenant` and `--read-only` give them to the Electron app. */
  launch?: { tenant?: string; readOnly?: boolean };
}

export interface ChromiumHost {
  core: Core;
  page: Page;
  /** Every payload that crossed from main to the renderer, so tests can look for leaks. */
  transcript: TranscriptEntry[];
  close(): Promise<void>;
}

/** The Chromium test host: the real core in this process, the built renderer in real Chromium. */
export async function startChromiumHost(context: BrowserContext, options: ChromiumHostOptions): Promise<ChromiumHost> {
  const transcript: TranscriptEntry[] = [];
  const core = createCore({
    dataDir: options.dataDir,
    fetch: globalThis.fetch,
    secrets: options.secrets ?? createKeytarStore({ service: 'invision-scim-console-e2e', child: forkKeychainChild }),
    clock: systemClock,
    dialogs: options.dialogs ?? { openFile: async () => null, saveFile: async () => null },
    host: {
      name: 'InVision SCIM Console',
      version: (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string })
        .version,
      platform: process.platform,
      arch: process.arch,
      host: 'chromium',
      packaged: false,
      versions: { node: process.versions.node, electron: null, chrome: context.browser()?.version() ?? null },
    },
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    ...(options.launch ? { launch: options.launch } : {}),
    notify: (title, body) => options.notifications?.push(`${title}: ${body}`),
    log: createConsoleLogger((line) => {
      options.logs?.push(line);
      process.stderr.write(line + '\n');
    }),
  });

  if (options.sandboxFaults) await core.services.sandbox.configure(options.sandboxFaults);

  // Routes run in reverse order of registration: anything not for the app's origin is refused.
  await context.route('**/*', (route) => route.abort('blockedbyclient'));
  await context.route(`${CHROMIUM_HOST_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const probe = url.pathname.startsWith(PROBE_PREFIX)
      ? options.probes?.[url.pathname.slice(PROBE_PREFIX.length)]
      : undefined;
    if (probe !== undefined) {
      await route.fulfill({ status: 200, contentType: 'text/javascript', body: probe });
      return;
    }
    const file = await serveRendererFile(RENDERER_ROOT, url.pathname);
    await route.fulfill({ status: file.status, headers: file.headers, body: file.body });
  });

  // Mirrors the Electron sender check: only the main frame of the app's own origin may call main.
  // The page uses this binding only for inputs JSON cannot carry, and in pages without the CDP
  // transport (another origin's, which it refuses).
  await context.exposeBinding('__scimHostInvoke', async (source, channel: unknown, input: unknown) => {
    const trusted =
      source.frame === source.page.mainFrame() && new URL(source.frame.url()).origin === CHROMIUM_HOST_ORIGIN;
    const result = trusted
      ? await core.dispatch(channel, input)
      : fail('UNTRUSTED_SENDER', ERROR_HINTS.UNTRUSTED_SENDER);
    transcript.push({ direction: 'to-renderer', kind: 'result', name: String(channel), payload: result });
    return result;
  });
  await context.addInitScript({ path: PAGE_API_BUNDLE });

  const page = await context.newPage();
  const transport = await attachCdpTransport(page, {
    origin: CHROMIUM_HOST_ORIGIN,
    dispatch: (channel, input) => core.dispatch(channel, input),
    onAnswer: (name, payload) => transcript.push({ direction: 'to-renderer', kind: 'result', name, payload }),
  });
  const unsubscribe = core.events.subscribe((event, payload) => {
    transcript.push({ direction: 'to-renderer', kind: 'event', name: event, payload });
    transport.emit(event, payload);
  });

  return {
    core,
    page,
    transcript,
    close: async () => {
      unsubscribe();
      await transport.close();
      await core.close();
    },
  };
}
