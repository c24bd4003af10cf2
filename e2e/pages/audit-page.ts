import { expect, type Locator, type Page } from '@playwright/test';

/** The Audit view: filters, entries newest first, an entry's detail, integrity check and export. */
export class AuditPage {
  readonly table: Locator;
  readonly filters: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Audit entries' });
    this.filters = page.getByRole('search', { name: 'Filter the audit history' });
    this.detail = page.getByRole('complementary', { name: 'Audit entry detail' });
  }

  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.locator('td') });
  }

  /** Entries whose action is `action` (the action column shows it as code). */
  rowsFor(action: string): Locator {
    return this.rows().filter({ has: this.page.getByText(action, { exact: true }) });
  }

  async filterBy(name: 'Tenant' | 'Action' | 'Outcome' | 'Actor', value: string): Promise<void> {
    await this.filters.getByLabel(name).selectOption({ label: value });
  }

  async search(text: string): Promise<void> {
    await this.filters.getByLabel('Target contains').fill(text);
  }

  async verify(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Verify integrity' }).click();
    const result = this.page.getByText(/Integrity (verified|check failed)/);
    await expect(result).toBeVisible();
    return result;
  }

  /** The state the history shows when no entry matches the filters. */
  noMatches(): Locator {
    return this.page.getByText('No entries match these filters');
  }

  /** The line that says where an export was written. */
  exported(file: string): Locator {
    return this.page.getByRole('status').filter({ hasText: `to ${file}` });
  }

  /** The banner of actions interrupted last time, and its way to the audit history. */
  interruptedNotice(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'interrupted when the console last closed' });
  }

  async reviewInterrupted(): Promise<void> {
    await this.interruptedNotice().getByRole('button', { name: 'Review in Audit' }).click();
  }

  /** The audit view's banner listing what was reconciled at start-up. */
  reconciledNotice(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'reconciled at start-up' });
  }

  async exportAs(format: 'CSV' | 'JSONL'): Promise<void> {
    await this.page.getByRole('button', { name: `Export ${format}…` }).click();
  }
}
