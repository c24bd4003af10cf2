import { expect, type Locator, type Page } from '@playwright/test';
import { CommandPalette } from './groups-page';
import { literal } from './text';

/** Find a person: one email searched for in every tenant on this computer. */
export class LookupPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly submit: Locator;
  readonly results: Locator;
  /** The line above the results ("alice@… is in 1 of 3 tenants"). */
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Find a person' });
    const form = page.getByRole('search', { name: 'Find a person in every tenant' });
    this.email = form.getByRole('textbox', { name: 'Email (userName)' });
    this.submit = form.getByRole('button', { name: 'Search every tenant' });
    this.results = page.getByRole('table', { name: 'Tenants searched' });
    this.summary = page.getByRole('heading', { level: 2, name: / is in / });
  }

  /** Types the email into the command palette and runs "Find … in every tenant". */
  async findFromPalette(email: string): Promise<void> {
    await new CommandPalette(this.page).run(email);
    await expect(this.heading).toBeVisible();
    await expect(this.summary).toBeVisible({ timeout: 30_000 });
  }

  /** Searches from the view's own form. */
  async find(email: string): Promise<void> {
    await this.email.fill(email);
    await this.submit.click();
    await expect(this.summary).toBeVisible({ timeout: 30_000 });
  }

  /** A tenant's row (matched by the whole tenant name). */
  row(tenant: string): Locator {
    return this.results
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${literal(tenant)}$`) }) });
  }

  /** Opens the member in that tenant (the console switches to it and shows the member). */
  async open(tenant: string): Promise<void> {
    await this.row(tenant)
      .getByRole('button', { name: /^Open / })
      .click();
  }
}
