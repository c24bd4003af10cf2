import type { Page } from '@playwright/test';

/** One state the members grid showed: its aria-busy, the rows it holds, and the rows it draws. */
export interface GridState {
  busy: string | null;
  rows: number;
  drawn: number;
}

interface Recorded {
  __gridStates?: GridState[];
}

/**
 * Records in the page every state the members grid shows from now on (each change to its
 * aria-busy, row count or drawn rows), so a listing that finishes quickly cannot slip between two
 * polls of a spec. Read them back with `recordedGridStates`.
 */
export async function recordGridStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const states: GridState[] = [];
    (window as Recorded).__gridStates = states;
    const note = () => {
      const grid = document.querySelector('[role="grid"][aria-label="Members"]');
      if (!grid) return;
      const state = {
        busy: grid.getAttribute('aria-busy'),
        rows: Number(grid.getAttribute('data-rows')),
        drawn: grid.querySelectorAll('[role="row"][data-member-id]').length,
      };
      const last = states[states.length - 1];
      if (!last || last.busy !== state.busy || last.rows !== state.rows || last.drawn !== state.drawn)
        states.push(state);
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-busy', 'data-rows'],
    });
  });
}

export async function recordedGridStates(page: Page): Promise<GridState[]> {
  return page.evaluate(() => (window as Recorded).__gridStates ?? []);
}
