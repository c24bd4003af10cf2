import type { Page } from '@playwright/test';

/**
 * What the ui bench measures inside the page: keystrokes timed from keydown to the DOM showing the
 * answer and to the paint after it, the same keys into a bare input (the floor), frames while the
 * grid scrolls and while a bare scroller scrolls (its floor), the ready mark, the heap.
 */

/** Typed one character at a time, ~8 per second like a person; `\b` is Backspace, `^` clears the box. */
export const SCRIPT = [
  'aisha',
  '^',
  'okafor',
  '\b\b\b',
  '^',
  'acme-design.ex',
  '^',
  'nadia',
  '\b\b',
  'ia',
  '^',
  'zz',
  '^',
];
export const KEY_DELAY_MS = 120;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Installs the probes in the page: keydown times, paint after each answer, long tasks. */
export async function installProbes(page: Page): Promise<void> {
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

export async function typeScript(
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
export function slowestKeys(latencies: number[], queries: string[]): string {
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
export async function floorLatencies(page: Page): Promise<number[]> {
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
  const input = page.locator('#bench-floor');
  await input.click();
  // The same keys as the app's pass, at the same pace.
  for (const chunk of SCRIPT) {
    if (chunk === '^') {
      await input.fill('');
      await page.waitForTimeout(KEY_DELAY_MS);
      continue;
    }
    for (const key of chunk) {
      await page.keyboard.press(key === '\b' ? 'Backspace' : key);
      await page.waitForTimeout(KEY_DELAY_MS);
    }
  }
  const floor = await page.evaluate(() => (window as unknown as { __floor: number[] }).__floor);
  await page.evaluate(() => document.getElementById('bench-floor')?.remove());
  return floor;
}

/**
 * The scroll floor: a bare scroller as large as the grid, with plain text rows as tall as the
 * grid's, laid over the page and scrolled the same way. The difference is what the grid's own
 * rendering costs a frame.
 */
export async function bareScrollFrames(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    const grid = document.querySelector<HTMLElement>('.grid-body')!.getBoundingClientRect();
    const scroller = document.createElement('div');
    scroller.id = 'bench-scroller';
    scroller.style.cssText = `position:fixed;left:${grid.left}px;top:${grid.top}px;width:${grid.width}px;height:${grid.height}px;overflow:auto;z-index:9999;background:#fff`;
    const content = document.createElement('div');
    content.style.cssText = 'height:4000000px;position:relative';
    scroller.append(content);
    document.body.append(scroller);
    const rowHeight = 36;
    const rows: HTMLDivElement[] = [];
    for (let i = 0; i < Math.ceil(grid.height / rowHeight) + 1; i += 1) {
      const row = document.createElement('div');
      row.style.cssText = `position:absolute;left:0;right:0;height:${rowHeight}px`;
      content.append(row);
      rows.push(row);
    }
    // Like any virtual list: the rows in view are moved and given their text on each scroll.
    // (No named functions in the page: tsx would wrap them in a helper the page does not have.)
    scroller.addEventListener('scroll', () => {
      const first = Math.floor(scroller.scrollTop / rowHeight);
      rows.forEach((row, i) => {
        row.style.top = `${(first + i) * rowHeight}px`;
        row.textContent = `member ${first + i}@bench.example`;
      });
    });
    scroller.dispatchEvent(new Event('scroll'));
  });
  try {
    return await scrollFrames(page, '#bench-scroller');
  } finally {
    await page.evaluate(() => document.getElementById('bench-scroller')?.remove());
  }
}

/** Scrolls the grid (or another scroller) a screenful every frame for 3 seconds and returns the frame times. */
export async function scrollFrames(page: Page, selector = '.grid-body'): Promise<number[]> {
  return page.evaluate(async (scrollerSelector) => {
    const body = document.querySelector<HTMLElement>(scrollerSelector)!;
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
  }, selector);
}

/**
 * The ready mark's time, waited for from the page itself. A locator would first load Playwright's
 * injected script into the page (about 50 ms of script evaluation on this machine) while the app
 * is still starting, and the mark would include the harness's own work.
 */
export async function readyMark(page: Page): Promise<number> {
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

/**
 * Where a start-up's time went, in the page's clock: the first script asked for (the entry or a
 * module preload), its bytes in, the end of DOMContentLoaded (the entry module has run), and the
 * ready mark (`readyMs`, after the app's first calls to main are answered and rendered).
 */
export async function startupParts(page: Page, readyMs: number) {
  const [request, response, evaluated] = await page.evaluate(() => {
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.endsWith('.js')) as PerformanceResourceTiming[];
    if (scripts.length === 0) throw new Error('no script was loaded');
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return [
      Math.min(...scripts.map((e) => e.startTime)),
      Math.max(...scripts.map((e) => e.responseEnd)),
      nav.domContentLoadedEventEnd,
    ];
  });
  return {
    total: readyMs - request,
    download: response - request,
    evaluate: evaluated - response,
    toReady: readyMs - evaluated,
  };
}

export async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / 1024 / 1024;
}
