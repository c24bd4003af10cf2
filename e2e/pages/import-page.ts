import { expect, type Locator, type Page } from '@playwright/test';
import { toast } from './toasts';

export type ImportField = 'Email (userName)' | 'Given name' | 'Family name' | 'Groups' | 'Active / status';

/**
 * The Import wizard. Scripted runs choose the file through the host's open dialog, then:
 * `const wizard = new ImportPage(page); await wizard.open(); await wizard.chooseFile();
 * await wizard.plan(); await wizard.apply();`
 */
export class ImportPage {
  readonly heading: Locator;
  readonly fileSummary: Locator;
  readonly planCard: Locator;
  readonly issues: Locator;
  /** What the status column's values mean for the file's source ("Status values from Okta"). */
  readonly statusLegend: Locator;
  /** The scrolling box around the issues table (a Tab stop, so a keyboard can scroll it). */
  readonly issuesRegion: Locator;
  readonly requests: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Import members' });
    this.fileSummary = page.getByLabel('File summary');
    this.planCard = page.getByLabel('Plan', { exact: true });
    this.issues = page.getByRole('table', { name: 'Rows with problems' });
    this.statusLegend = page.getByRole('group', { name: /^Status values/ });
    this.issuesRegion = page.getByRole('region', { name: 'Rows with problems, scrollable' });
    this.requests = page.getByRole('list', { name: 'Requests the import would send' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Import', exact: true })
      .click();
    await expect(this.heading).toBeVisible();
  }

  /** Clicks Choose CSV file… (the host's open dialog answers) and waits for the file's summary. */
  async chooseFile(): Promise<void> {
    await this.page.getByRole('button', { name: /^Choose (CSV|another) file/ }).click();
    await expect(this.fileSummary).toBeVisible();
  }

  column(field: ImportField): Locator {
    return this.page.getByRole('combobox', { name: `Column for ${field}` });
  }

  async mapColumn(field: ImportField, header: string | null): Promise<void> {
    await this.column(field).selectOption(header === null ? { label: '— none —' } : { label: header });
  }

  async setOption(label: string | RegExp, on: boolean): Promise<void> {
    const box = this.page.getByRole('checkbox', { name: label });
    if (on) await box.check();
    else await box.uncheck();
  }

  /** Plans against the tenant and waits for the plan. */
  async plan(): Promise<void> {
    await this.page.getByRole('button', { name: 'Plan import' }).click();
    await expect(this.planCard).toBeVisible();
  }

  /** One of the plan's counts: 'to create', 'to deactivate', 'rows with errors', … */
  async count(label: string): Promise<number> {
    const text = await this.planCard
      .locator('.plan-count')
      .filter({ has: this.page.locator('span').getByText(label, { exact: true }) })
      .locator('strong')
      .innerText();
    return Number(text.replace(/,/g, ''));
  }

  /** The issue rows as [row, severity, message]. */
  async issueRows(): Promise<Array<[string, string, string]>> {
    const rows = await this.issues.locator('tbody tr').all();
    return Promise.all(
      rows.map(async (r) => {
        const cells = await r.locator('td').allInnerTexts();
        return [cells[0]!.trim(), cells[1]!.trim(), cells[2]!.trim()] as [string, string, string];
      }),
    );
  }

  /** How many issue messages are cut off (wider than their cell) rather than wrapped. */
  async issueMessagesCut(): Promise<number> {
    return this.issues
      .locator('tbody td:nth-child(3)')
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length);
  }

  async showRequests(): Promise<void> {
    await this.page.getByRole('button', { name: /^Show the .* requests$/ }).click();
    await expect(this.requests).toBeVisible();
  }

  /** Exports the dry run as JSON (the host's save dialog decides where) and waits until it is written. */
  async exportPlan(): Promise<void> {
    await this.page.getByRole('button', { name: 'Export plan (JSON)' }).click();
    await expect(toast(this.page, 'Saved the plan')).toBeVisible();
  }

  /** Checks the plan against the tenant now; answers the line that says how many steps changed since. */
  async checkForChanges(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Check for changes since the plan' }).click();
    const result = this.page.getByRole('status', { name: 'Changes since the plan' });
    await expect(result).toBeVisible();
    return result;
  }

  /**
   * Opens a plan file (the host's open dialog decides which); main checks its signature and tenant.
   * Answers the line that says where it came from.
   */
  async openPlanFile(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Open a plan file…' }).click();
    const origin = this.page.getByLabel('Plan origin');
    await expect(origin).toBeVisible();
    return origin;
  }

  /** Applies the plan, typing the confirmation when the plan asks for one; the view moves to Jobs. */
  async apply(confirmation?: string): Promise<void> {
    if (confirmation !== undefined) await this.page.getByRole('textbox', { name: 'Confirmation' }).fill(confirmation);
    await this.page.getByRole('button', { name: /^Apply \d/ }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  }
}
