import { expect, type Locator, type Page } from '@playwright/test';
import { expectNewToast, toast } from './toasts';

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

  /** A row's Target cell (the member's email or the group's name when the console knew it). */
  targetCell(row: Locator): Locator {
    return row.locator('td').nth(-2);
  }

  /** How many cells of the table cut their text short (wider than the cell). */
  async cutCells(): Promise<number> {
    return this.table
      .locator('tbody td')
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length);
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

  /** The line under the title: the signing key's fingerprint and the last checkpoint. */
  signing(): Locator {
    return this.page.getByLabel('Signing', { exact: true });
  }

  /** Saves the public key (the host's save dialog decides where) and waits for the toast. */
  async exportPublicKey(): Promise<void> {
    await expectNewToast(this.page, /^Saved the public key/, () =>
      this.signing().getByRole('button', { name: 'Export public key…' }).click(),
    );
  }

  /** The fingerprint the signing bar shows ("ab12 cd34 …"). */
  async fingerprint(): Promise<string> {
    return (await this.signing().locator('code').innerText()).trim();
  }

  /** Rotates the signing key, confirming the dialog, and waits for the toast that names the new key. */
  async rotateKey(): Promise<void> {
    await this.signing().getByRole('button', { name: 'Rotate key…' }).click();
    await this.page
      .getByRole('dialog', { name: 'Rotate the signing key?' })
      .getByRole('button', { name: 'Rotate key' })
      .click();
    await expect(toast(this.page, /^New signing key/)).toBeVisible();
  }

  /**
   * Builds an access-review pack for a tenant and a period (days as YYYY-MM-DD); the host's save
   * dialog names the new folder. Answers the dialog's outcome line.
   */
  async buildReviewPack(input: { tenant: string; from: string; to: string }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Access-review pack…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Access-review pack' });
    await dialog.getByLabel('Tenant').selectOption({ label: input.tenant });
    await dialog.getByLabel('From').fill(input.from);
    await dialog.getByLabel('To').fill(input.to);
    await dialog.getByRole('button', { name: 'Build pack…' }).click();
    const outcome = dialog.getByRole('status').filter({ hasText: /^Wrote the pack/ });
    await expect(outcome.or(dialog.getByRole('alert'))).toBeVisible({ timeout: 30_000 });
    return outcome;
  }

  /** Closes the pack dialog once it is done. */
  async closeReviewPack(): Promise<void> {
    await this.page.getByRole('dialog', { name: 'Access-review pack' }).getByRole('button', { name: 'Done' }).click();
  }

  async exportAs(format: 'CSV' | 'JSONL'): Promise<void> {
    await this.page.getByRole('button', { name: `Export ${format}…` }).click();
  }
}
