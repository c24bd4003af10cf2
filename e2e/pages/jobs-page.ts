import { expect, type Locator, type Page } from '@playwright/test';
import { toast } from './toasts';

/**
 * The Jobs view: bulk actions and imports with their progress. Scripted runs:
 * `const jobs = new JobsPage(page); await jobs.open(); await jobs.waitFinished(/Deactivate 40/);`
 */
export class JobsPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly dock: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Jobs' });
    this.list = page.getByRole('list', { name: 'Jobs' });
    this.dock = page.getByRole('complementary', { name: 'Running jobs' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Jobs', exact: true })
      .click();
    await expect(this.heading).toBeVisible();
  }

  /** A job's card, by its whole title ("Deactivate 12 members", "Undo: Deactivate 12 members") or a pattern. */
  job(title: string | RegExp): Locator {
    return this.list
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: typeof title === 'string' }) });
  }

  /** Its state word: Running, Paused, Cancelled, Finished or Interrupted. */
  async state(title: string | RegExp): Promise<string> {
    return (await this.job(title).locator('.job-state').innerText()).trim();
  }

  async waitState(title: string | RegExp, state: string, timeout = 60_000): Promise<void> {
    await expect(this.job(title).locator('.job-state')).toHaveText(state, { timeout });
  }

  async waitFinished(title: string | RegExp, timeout = 60_000): Promise<void> {
    await this.waitState(title, 'Finished', timeout);
  }

  /** Done, failed and skipped counts as shown. */
  async figures(title: string | RegExp): Promise<{ done: number; failed: number }> {
    const text = await this.job(title).locator('.job-figures').innerText();
    const read = (word: string) => Number(new RegExp(`([\\d,]+)\\s*${word}`).exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
    return { done: read('done'), failed: read('failed') };
  }

  /** How many steps the job skipped (cancelled, or changed since the plan); 0 when it shows none. */
  async skipped(title: string | RegExp): Promise<number> {
    const text = await this.job(title).locator('.job-figures').innerText();
    return Number(/([\d,]+)\s*skipped/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
  }

  button(title: string | RegExp, name: string | RegExp): Locator {
    return this.job(title).getByRole('button', { name });
  }

  async pause(title: string | RegExp): Promise<void> {
    await this.button(title, 'Pause').click();
  }

  async resume(title: string | RegExp): Promise<void> {
    await this.button(title, 'Resume').click();
  }

  async cancel(title: string | RegExp): Promise<void> {
    await this.button(title, 'Cancel').click();
  }

  async retryFailed(title: string | RegExp): Promise<void> {
    await this.button(title, /^Retry failed/).click();
  }

  /** Saves the per-step report (the host's save dialog decides where) and waits until it is written. */
  async exportReport(title: string | RegExp): Promise<void> {
    await this.button(title, 'Export report').click();
    await expect(toast(this.page, 'Saved the report')).toBeVisible();
  }

  /** The rows of a job's steps table, one per step (opens its details). */
  async stepRows(title: string | RegExp): Promise<Locator> {
    return (await this.steps(title)).getByRole('rowgroup').nth(1).getByRole('row');
  }

  /** The steps table of a job (opens its details). */
  async steps(title: string | RegExp): Promise<Locator> {
    const details = this.button(title, /Details|Hide details/);
    if ((await details.getAttribute('aria-expanded')) !== 'true') await details.click();
    return this.job(title).getByRole('table', { name: 'Job steps' });
  }
}
