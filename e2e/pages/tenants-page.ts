import { startsWithName } from './text';
import { expect, type Locator, type Page } from '@playwright/test';

export interface NewTenant {
  name: string;
  baseUrl: string;
  token: string;
  readOnly?: boolean;
}

/** The connection test's results, as the add, rotate and overview screens show them. */
export class ConnectionResults {
  readonly list: Locator;
  readonly summary: Locator;

  constructor(scope: Locator | Page) {
    this.list = scope.getByRole('list', { name: 'Connection test results' });
    this.summary = scope.getByRole('status').filter({ hasText: /Connection test (passed|failed)/ });
  }

  step(label: string): Locator {
    return this.list.getByRole('listitem').filter({ hasText: label });
  }
}

/** The Add tenant dialog. */
export class AddTenantDialog {
  readonly dialog: Locator;
  readonly results: ConnectionResults;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Add tenant' });
    this.results = new ConnectionResults(this.dialog);
  }

  async fill(tenant: NewTenant): Promise<void> {
    await this.dialog.getByLabel('Name').fill(tenant.name);
    await this.dialog.getByLabel('SCIM base URL').fill(tenant.baseUrl);
    await this.dialog.getByLabel('Bearer token').fill(tenant.token);
    await this.dialog.getByLabel(/Read-only profile/).setChecked(tenant.readOnly ?? false);
  }

  async testConnection(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(this.results.summary).toBeVisible();
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Test and save' }).click();
  }

  error(): Locator {
    return this.dialog.getByRole('alert');
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
  }
}

/** The Rotate token dialog: the risk explained, the new token, its connection test, the outcome. */
export class RotateTokenDialog {
  readonly dialog: Locator;
  readonly token: Locator;
  readonly testAndReplace: Locator;
  readonly cancel: Locator;
  readonly done: Locator;
  /** The test's failure, shown while the old token stays. */
  readonly failed: Locator;
  readonly replaced: Locator;

  constructor(
    readonly page: Page,
    tenant: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Rotate token: ${tenant}` });
    this.token = this.dialog.getByLabel('New bearer token');
    this.testAndReplace = this.dialog.getByRole('button', { name: 'Test and replace token' });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel' });
    this.done = this.dialog.getByRole('button', { name: 'Done' });
    this.failed = this.dialog.getByRole('status').filter({ hasText: 'Connection test failed' });
    this.replaced = this.dialog.getByText('Token replaced.');
  }
}

/** The card that shows how to connect one's own InVision tenant while only the Sandbox is set up. */
export function connectCard(page: Page): Locator {
  return page.getByRole('region', { name: 'Connect your InVision Enterprise' });
}

/** The Tenants view: every connection on this computer and what can be done to each. */
export class TenantsPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Tenants' });
  }

  row(name: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: startsWithName(name) }) });
  }

  /** Adds a tenant through the dialog and waits until the console has opened its Overview. */
  async add(tenant: NewTenant): Promise<void> {
    const dialog = await this.startAdd();
    await dialog.fill(tenant);
    await dialog.save();
    await expect(dialog.dialog).toBeHidden();
    await expect(this.page.getByRole('heading', { level: 1, name: tenant.name, exact: true })).toBeVisible();
  }

  async startAdd(): Promise<AddTenantDialog> {
    await this.page.getByRole('button', { name: 'Add tenant' }).click();
    const dialog = new AddTenantDialog(this.page);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  async open(name: string, options: { readOnly?: boolean } = {}): Promise<void> {
    await this.page
      .getByRole('button', { name: options.readOnly ? `Open read-only ${name}` : `Open ${name}`, exact: true })
      .click();
  }

  /** The cell that shows a tenant's token state (set, missing, when rotated). */
  tokenCell(name: string): Locator {
    return this.row(name).getByRole('cell').nth(1);
  }

  /** Opens the rotation dialog of a tenant. */
  async startRotate(name: string): Promise<RotateTokenDialog> {
    await this.page.getByRole('button', { name: `Rotate token of ${name}` }).click();
    const dialog = new RotateTokenDialog(this.page, name);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  async rotate(name: string, token: string): Promise<RotateTokenDialog> {
    const dialog = await this.startRotate(name);
    await dialog.token.fill(token);
    await dialog.testAndReplace.click();
    return dialog;
  }

  /** Opens the removal dialog of a tenant without confirming it. */
  async startRemove(name: string): Promise<{ dialog: Locator; cancel: Locator; confirm: Locator }> {
    await this.page.getByRole('button', { name: `Remove ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Remove ${name}?` });
    await expect(dialog).toBeVisible();
    return {
      dialog,
      cancel: dialog.getByRole('button', { name: 'Cancel' }),
      confirm: dialog.getByRole('button', { name: 'Remove tenant' }),
    };
  }

  async remove(name: string): Promise<void> {
    const { dialog, confirm } = await this.startRemove(name);
    await confirm.click();
    await expect(dialog).toBeHidden();
  }

  /** The line above the list that says what an export or import of profiles did. */
  outcome(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  async exportProfiles(): Promise<void> {
    await this.page.getByRole('button', { name: 'Export…' }).click();
  }

  async importProfiles(): Promise<void> {
    await this.page.getByRole('button', { name: 'Import…' }).click();
  }
}

/** The Overview of the open tenant. */
export class OverviewPage {
  readonly details: Locator;
  readonly results: ConnectionResults;

  constructor(readonly page: Page) {
    this.details = page.getByLabel('Tenant details');
    this.results = new ConnectionResults(page);
  }

  fact(label: string): Locator {
    return this.details
      .locator('.fact')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('dd');
  }

  async testConnection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Test connection' }).click();
    await expect(this.results.summary).toBeVisible();
  }
}
