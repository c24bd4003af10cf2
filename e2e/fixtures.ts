import { existsSync } from 'node:fs';
import path from 'node:path';
import { _electron, chromium, test as base, type Browser, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  CHROMIUM_HOST_ORIGIN,
  scriptedDialogs,
  startChromiumHost,
  type ScriptedDialogs,
  type TranscriptEntry,
} from './host/chromium-host';
import { electronBinary } from './host/electron-binary';
import type { SandboxService } from '../src/main/core/sandbox/service';
import type { SandboxFaults } from '../src/main/core/sandbox/faults';

export type HostKind = 'electron' | 'chromium';

/** E2E_HOST picks the host; without it, Electron when its binary is installed, else Chromium. */
export function chosenHost(): HostKind {
  const requested = process.env.E2E_HOST;
  if (requested === 'electron' || requested === 'chromium') return requested;
  if (requested) throw new Error(`E2E_HOST must be "electron" or "chromium", not "${requested}"`);
  return 'path' in electronBinary() ? 'electron' : 'chromium';
}

export const HOST: HostKind = chosenHost();

/** Why a spec that needs Electron did not run on this host. */
export const ELECTRON_ONLY = `Electron-only: this run uses the ${HOST} host, which has no Electron main process, window options or sandbox`;

export interface ConsoleHost {
  kind: HostKind;
  page: Page;
  dataDir: string;
  /** Payloads sent from main to the renderer (Chromium host only; null on Electron). */
  transcript: TranscriptEntry[] | null;
  /** Console errors and uncaught page errors seen since the window opened. */
  consoleErrors: string[];
  /** File dialogs answered in advance (Chromium host; on Electron the native dialogs open). */
  dialogs: ScriptedDialogs;
  /** Lines main logged (Chromium host; empty on Electron). */
  logs: string[];
  /** The built-in Sandbox, to switch its faults mid-test (Chromium host; null on Electron). */
  sandbox: SandboxService | null;
}

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

function watchConsole(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') into.push(message.text());
  });
  page.on('pageerror', (error) => into.push(`pageerror: ${error.message}`));
}

export const test = base.extend<
  {
    consoleHost: ConsoleHost;
    initialData: Record<string, string>;
    prepareDataDir: ((dataDir: string) => void) | null;
    sandboxSize: { members: number; groups: number } | null;
    sandboxFaults: Partial<SandboxFaults> | null;
    launch: { tenant?: string; readOnly?: boolean } | null;
  },
  { hostBrowser: Browser | null }
>({
  /** Files written into the data directory before the console starts (e.g. a corrupt tenants.json). */
  initialData: [{}, { option: true }],
  /** Runs against the data directory before the console starts (e.g. to leave an interrupted action). */
  prepareDataDir: [null, { option: true }],
  /** The built-in Sandbox's size (Chromium host); the demo data set when null. */
  sandboxSize: [null, { option: true }],
  /** Sandbox faults on from the start, before the first listing (Chromium host). */
  sandboxFaults: [null, { option: true }],
  /** Launch options, as `--tenant=<id or name>` and `--read-only` (both hosts). */
  launch: [null, { option: true }],

  hostBrowser: [
    // Playwright requires the destructuring pattern even when a fixture uses no other fixture.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      if (HOST !== 'chromium') {
        await use(null);
        return;
      }
      if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(
          `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium package or set CHROMIUM_PATH`,
        );
      }
      if (workerInfo.workerIndex === 0) console.log(`[e2e] host: chromium (${CHROMIUM_PATH})`);
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  consoleHost: async (
    { hostBrowser, initialData, prepareDataDir, sandboxSize, sandboxFaults, launch },
    use,
    testInfo,
  ) => {
    const dataDir = testInfo.outputPath('user-data');
    const consoleErrors: string[] = [];
    const logs: string[] = [];
    const dialogs = scriptedDialogs();
    mkdirSync(dataDir, { recursive: true });
    for (const [name, content] of Object.entries(initialData)) writeFileSync(path.join(dataDir, name), content);
    prepareDataDir?.(dataDir);

    if (HOST === 'chromium') {
      if (!hostBrowser) throw new Error('no browser for the Chromium host');
      const context = await hostBrowser.newContext({ viewport: { width: 1280, height: 800 } });
      const host = await startChromiumHost(context, {
        dataDir,
        probes: EVAL_PROBES,
        dialogs,
        logs,
        ...(sandboxSize ? { sandbox: sandboxSize } : {}),
        ...(sandboxFaults ? { sandboxFaults } : {}),
        ...(launch ? { launch } : {}),
      });
      watchConsole(host.page, consoleErrors);
      await host.page.goto(`${CHROMIUM_HOST_ORIGIN}/index.html`);
      await use({
        kind: 'chromium',
        page: host.page,
        dataDir,
        transcript: host.transcript,
        consoleErrors,
        dialogs,
        logs,
        sandbox: host.core.services.sandbox,
      });
      await context.close();
      await host.close();
      return;
    }

    const binary = electronBinary();
    if (!('path' in binary)) throw new Error(`E2E_HOST=electron but ${binary.missing}`);
    if (testInfo.workerIndex === 0 && testInfo.retry === 0) console.log(`[e2e] host: electron (${binary.path})`);
    const app = await _electron.launch({
      executablePath: binary.path,
      args: [
        path.resolve(__dirname, '../out/main/index.js'),
        `--data-dir=${dataDir}`,
        ...(launch?.tenant ? [`--tenant=${launch.tenant}`] : []),
        ...(launch?.readOnly ? ['--read-only'] : []),
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      env: { ...process.env, SCIM_CONSOLE_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    });
    const page = await app.firstWindow();
    watchConsole(page, consoleErrors);
    await page.setViewportSize({ width: 1280, height: 800 });
    await use({ kind: 'electron', page, dataDir, transcript: null, consoleErrors, dialogs, logs, sandbox: null });
    await app.close();
  },
});

/** A same-origin script that tries eval, so the CSP's eval rule is tested, not just read. */
export const EVAL_PROBES: Record<string, string> = {
  'eval-probe.js': `(() => {
    try { window.__evalProbe = eval('"eval ran"'); } catch (e) { window.__evalProbe = 'blocked: ' + e.name; }
  })();`,
};

/** Where specs save screenshots; `npm run screenshots` points SCREENSHOTS_DIR at docs/screenshots. */
export const SCREENSHOTS = path.resolve(
  process.env.SCREENSHOTS_DIR ?? path.join(__dirname, '../test-results/screenshots'),
);

export { expect } from '@playwright/test';
