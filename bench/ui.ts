import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_HOST_ORIGIN, startChromiumHost } from '../e2e/host/chromium-host';
import { buildPageApi } from '../e2e/host/build-page-api';
import { createMemoryStore } from '../src/main/core/secrets/memory-store';

/**
 * `npm run bench -- ui`: the members view on the Chromium host (real core, real Sandbox over
 * loopback, the built renderer in real Chromium) with 50,000 and then 100,000 members. Real
 * keystrokes in the search box, each timed from its keydown to the first paint after the table
 * shows its answer; long tasks while typing; frame times while scrolling; DOM nodes; JS heap after
 * a forced GC; time to the ready marker; the initial JS, gzipped.
 */

const RENDERER = path.resolve(__dirname, '../out/renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Typed one character at a time, ~8 per second like a person; `\b` is Backspace, `^` clears the box. */
const SCRIPT = ['aisha', '^', 'okafor', '\b\b\b', '^', 'acme-design.ex', '^', 'nadia', '\b\b', 'ia', '^', 'zz', '^'];
const KEY_DELAY_MS = 120;
/**
 * Measured passes of the script after the warm-up (39 keys each). With one pass, p95 was the
 * second-slowest of 39 keys, so a single stalled frame on this shared machine decided it.
 */
const PASSES = Math.max(1, Number(process.env.UI_BENCH_PASSES ?? 3));
/** Member counts to measure; a quicker look at one size: UI_BENCH_SIZES=20000. */
const SIZES = (process.env.UI_BENCH_SIZES ?? '50000,100000').split(',').map(Number);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The JS index.html loads at start (entry and module preloads), gzipped at level 9, in KiB. */
function initialJsKiB(): number {
  const html = readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g)) {
    files.add(match[1]!);
  }
  for (const match of html.matchAll(/<link[^>]*href="([^"]+\.js)"[^>]*rel="modulepreload"/g)) files.add(match[1]!);
  let bytes = 0;
  for (const file of files)
    bytes += gzipSync(readFileSync(path.join(RENDERER, file.replace(/^\.?\//, ''))), { level: 9 }).length;
  return bytes / 1024;
}

/** Installs the probes in the page: keydown times, paint after each answer, long tasks. */
async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __bench: {
        keys: number[];
        painted: Array<{ query: string; committed: number; at: number }>;
        longTasks: number[];
      };
    };
    w.__bench = { keys: [], painted: [], longTasks: [] };
    const box = document.querySelector('input[aria-label="Search members"]')!;
    box.addEventListener('keydown', (e) => w.__bench.keys.push(e.timeStamp), { capture: true });
    const grid = document.querySelector('[role="grid"][aria-label="Members"]')!;
    new MutationObserver(() => {
      const query = grid.getAttribute('data-query') ?? '';
      const committed = performance.now();
      // The frame that shows the answer: after the next animation frame, once it has painted.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.__bench.painted.push({ query, committed, at: performance.now() });
        channel.port2.postMessage(null);
      });
    }).observe(grid, { attributes: true, attributeFilter: ['data-query'] });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

async function typeScript(
  page: Page,
): Promise<{ latencies: number[]; commits: number[]; queries: string[]; longestTaskMs: number }> {
  const box = page.getByRole('searchbox', { name: 'Search members' });
  await box.click();
  const latencies: number[] = [];
  const commits: number[] = [];
  const queries: string[] = [];
  let expected = '';
  await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: number[] } }).__bench;
    b.longTasks.length = 0;
  });
  for (const chunk of SCRIPT) {
    const keys = chunk === '^' ? ['clear'] : [...chunk];
    for (const key of keys) {
      const before = await page.evaluate(
        () => (window as unknown as { __bench: { keys: number[] } }).__bench.keys.length,
      );
      if (key === 'clear') {
        await box.fill('');
        expected = '';
        await page.waitForTimeout(KEY_DELAY_MS);
        continue;
      }
      if (key === '\b') {
        await page.keyboard.press('Backspace');
        expected = expected.slice(0, -1);
      } else {
        await page.keyboard.press(key);
        expected += key;
      }
      // The next key comes at a person's pace. The answer is read after that pause, not polled for
      // meanwhile: Playwright's polling runs a script in the page on every animation frame, which
      // would delay the very frame being timed (the bare-input floor below is not polled either).
      await page.waitForTimeout(KEY_DELAY_MS);
      const latency = await page.waitForFunction(
        ([index, query]) => {
          const b = (
            window as unknown as {
              __bench: { keys: number[]; painted: Array<{ query: string; committed: number; at: number }> };
            }
          ).__bench;
          const pressed = b.keys[index];
          if (pressed === undefined) return null;
          const paint = b.painted.find((p) => p.query === query && p.at >= pressed);
          return paint ? [paint.at - pressed, paint.committed - pressed] : null;
        },
        [before, expected] as const,
        { timeout: 10_000, polling: 50 },
      );
      const [toPaint, toCommit] = (await latency.jsonValue()) as [number, number];
      latencies.push(toPaint);
      commits.push(toCommit);
      queries.push(expected);
    }
  }
  const longTasks = await page.evaluate(
    () => (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks,
  );
  return { latencies, commits, queries, longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0 };
}

/** The slowest keys, by the query they produced, to show where the tail comes from. */
function slowestKeys(latencies: number[], queries: string[]): string {
  return latencies
    .map((ms, i) => ({ ms, query: queries[i]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 6)
    .map((k) => `"${k.query}" ${round(k.ms)} ms`)
    .join(', ');
}

/**
 * The host's floor: the same keystrokes into a bare input that runs no code, timed the same way
 * (keydown to the first paint after it). A keystroke waits for the next frame however little it
 * does, so this is the least any keystroke-to-paint figure on this host can be.
 */
async function floorLatencies(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'bench-floor';
    input.setAttribute('aria-label', 'Bench floor');
    input.style.cssText = 'position:fixed;left:8px;bottom:8px;z-index:9999;width:120px';
    const w = window as unknown as { __floor: number[] };
    w.__floor = [];
    input.addEventListener('keydown', (e) => {
      const pressed = e.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.__floor.push(performance.now() - pressed);
        channel.port2.postMessage(null);
      });
    });
    document.body.append(input);
  });
  await page.locator('#bench-floor').click();
  for (const key of 'aishaokafornadia') {
    await page.keyboard.press(key);
    await page.waitForTimeout(KEY_DELAY_MS);
  }
  const floor = await page.evaluate(() => (window as unknown as { __floor: number[] }).__floor);
  await page.evaluate(() => document.getElementById('bench-floor')?.remove());
  return floor;
}

/** Scrolls the grid a screenful every frame for 3 seconds and returns the frame times. */
async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const body = document.querySelector<HTMLElement>('.grid-body')!;
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 180; i += 1) {
      body.scrollTop += 720;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return frames.slice(2);
  });
}

/**
 * The ready mark's time, waited for from the page itself. A locator would first load Playwright's
 * injected script into the page (about 50 ms of script evaluation on this machine) while the app
 * is still starting, and the mark would include the harness's own work.
 */
async function readyMark(page: Page): Promise<number> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const now = performance.getEntriesByName('scim-console:ready')[0];
        if (now) return resolve(now.startTime);
        const observer = new PerformanceObserver(() => {
          const at = performance.getEntriesByName('scim-console:ready')[0];
          if (!at) return;
          observer.disconnect();
          resolve(at.startTime);
        });
        observer.observe({ type: 'mark' });
      }),
  );
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / 1024 / 1024;
}

interface SizeResult {
  members: number;
  loadMs: number;
  readyMs: number;
  p50: number;
  p95: number;
  max: number;
  /** Keydown to the DOM showing the answer (script, style not yet): the part the app controls. */
  commitP50: number;
  commitP95: number;
  floorP50: number;
  floorP95: number;
  longestTaskMs: number;
  scrollP95: number;
  domNodes: number;
  heapMB: number;
  keystrokes: number;
  slowest: string;
  /** p95 of the first measured pass alone (39 keys), as the bench measured it before 2026-12-02. */
  firstPassP95: number;
}

/** Start-ups timed for the ready mark on their own, besides the two sized runs. */
const STARTS = Math.max(1, Number(process.env.UI_BENCH_STARTS ?? 7));

/**
 * Time to the ready mark over several fresh start-ups (a new browser context, so a new renderer
 * process, and a new core each time; the demo data set). One start-up on this shared machine
 * varies by 100-300 ms, so the figure is the median, printed with the range.
 */
async function readyStarts(browser: Browser): Promise<number[]> {
  const times: number[] = [];
  for (let k = 0; k < STARTS; k += 1) times.push(await withApp(browser, undefined, (page, readyMs) => readyMs));
  return times;
}

/**
 * Opens the app in a fresh browser context (so a new renderer process) with a new core and data
 * folder, waits for the ready mark, runs `use`, and closes everything.
 */
async function withApp<T>(
  browser: Browser,
  sandbox: { members: number; groups: number } | undefined,
  use: (page: Page, readyMs: number) => Promise<T> | T,
): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'scim-bench-ui-'));
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const host = await startChromiumHost(context, {
    dataDir,
    secrets: createMemoryStore(),
    ...(sandbox ? { sandbox } : {}),
  });
  try {
    await host.page.goto(`${CHROMIUM_HOST_ORIGIN}/index.html`);
    return await use(host.page, await readyMark(host.page));
  } finally {
    await context.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(browser: Browser, members: number): Promise<SizeResult> {
  return withApp(browser, { members, groups: 40 }, async (page, readyMs) => {
    // The overview's charts start the listing; the click waits until it is in (the Chromium host's
    // binding moves the answer much more slowly than Electron's IPC, and the page is busy meanwhile).
    const started = Date.now();
    await page.locator('[aria-label="Members by status"]').waitFor({ timeout: 600_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Members', exact: true }).click();
    await page.locator('html[data-members-ready="true"]').waitFor({ timeout: 300_000 });
    await page.locator('[role="grid"][aria-busy="false"]').waitFor();
    const loadMs = Date.now() - started;
    await installProbes(page);
    // One warm-up pass (JIT, first layout of every cell kind), then the measured passes.
    await typeScript(page);
    const passes = [];
    for (let k = 0; k < PASSES; k += 1) passes.push(await typeScript(page));
    const typed = {
      latencies: passes.flatMap((p) => p.latencies),
      commits: passes.flatMap((p) => p.commits),
      longestTaskMs: Math.max(...passes.map((p) => p.longestTaskMs)),
      slowest: slowestKeys(
        passes.flatMap((p) => p.latencies),
        passes.flatMap((p) => p.queries),
      ),
      firstPassP95: percentile(passes[0]!.latencies, 0.95),
    };
    const floor = await floorLatencies(page);
    const frames = await scrollFrames(page);
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const heap = await heapMB(page);
    return {
      members,
      loadMs,
      readyMs: round(readyMs),
      p50: round(percentile(typed.latencies, 0.5)),
      p95: round(percentile(typed.latencies, 0.95)),
      max: round(Math.max(...typed.latencies)),
      commitP50: round(percentile(typed.commits, 0.5)),
      commitP95: round(percentile(typed.commits, 0.95)),
      floorP50: round(percentile(floor, 0.5)),
      floorP95: round(percentile(floor, 0.95)),
      longestTaskMs: round(typed.longestTaskMs),
      scrollP95: round(percentile(frames, 0.95)),
      domNodes,
      heapMB: round(heap),
      keystrokes: typed.latencies.length,
      slowest: typed.slowest,
      firstPassP95: round(typed.firstPassP95),
    };
  });
}

export async function uiBench(): Promise<Record<string, unknown>> {
  if (!existsSync(path.join(RENDERER, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` first.');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it or set CHROMIUM_PATH`);
  await buildPageApi();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  try {
    const results: SizeResult[] = [];
    for (const size of SIZES) {
      const r = await measure(browser, size);
      results.push(r);
      console.log(
        `${size.toLocaleString()} members: loaded in ${r.loadMs} ms; keystroke-to-paint p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms over ${r.keystrokes} keys (first pass alone p95 ${r.firstPassP95} ms; keydown to DOM p50 ${r.commitP50} ms, p95 ${r.commitP95} ms; host floor, a bare input: p50 ${r.floorP50} ms, p95 ${r.floorP95} ms); longest task ${r.longestTaskMs} ms; scroll frame p95 ${r.scrollP95} ms; ${r.domNodes} DOM nodes; heap ${r.heapMB} MiB; ready ${r.readyMs} ms; slowest keys: ${r.slowest}`,
      );
    }
    const starts = await readyStarts(browser);
    const readyMs = round(percentile(starts, 0.5));
    console.log(
      `ready over ${starts.length} fresh start-ups: median ${readyMs} ms, ${round(Math.min(...starts))}-${round(Math.max(...starts))} ms (and ${results.map((r) => r.readyMs).join(', ')} ms in the sized runs)`,
    );
    if (results.length !== 2 || SIZES[0] !== 50_000 || SIZES[1] !== 100_000) {
      return {
        bench: 'ui',
        sizes: results.map((r) => ({ members: r.members, p50: r.p50, p95: r.p95 })),
        readyMs,
      };
    }
    const [k50, k100] = results as [SizeResult, SizeResult];
    const js = round(initialJsKiB());
    console.log(
      `targets: p95@50k ${k50.p95} <= 16, p95@100k ${k100.p95} <= 25, longest task ${Math.max(k50.longestTaskMs, k100.longestTaskMs)} <= 50, heap@100k ${k100.heapMB} <= 80 MiB, ready (median) ${readyMs} <= 400 ms, initial JS ${js} <= 250 KiB gz`,
    );
    return {
      bench: 'ui',
      p50Ms50k: k50.p50,
      p95Ms50k: k50.p95,
      p95Ms100k: k100.p95,
      longestTaskMs: Math.max(k50.longestTaskMs, k100.longestTaskMs),
      scrollP95Ms: Math.max(k50.scrollP95, k100.scrollP95),
      domNodes: Math.max(k50.domNodes, k100.domNodes),
      heapMB100k: k100.heapMB,
      readyMs,
      initialJsKBgz: js,
    };
  } finally {
    await browser.close();
  }
}
