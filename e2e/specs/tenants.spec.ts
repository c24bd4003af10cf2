import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { customerSandbox } from './steps';
import { expect, HOST, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { MembersPage } from '../pages/members-page';
import type { Page } from '@playwright/test';
import { AddTenantDialog, connectCard, OverviewPage, TenantsPage, type NewTenant } from '../pages/tenants-page';

const CANARY = 'canary-e2e-token-8c41f0d2b7';
// A customer's tenant: a separate SCIM server on loopback that knows only the canary token.
const customer = customerSandbox({ token: CANARY, members: 40, groups: 3, seed: 7 });

/** Opens the console, adds a tenant for the customer's server, and returns to the Tenants view. */
async function withCustomerTenant(page: Page, tenant: Omit<NewTenant, 'baseUrl' | 'token'>) {
  const shell = new AppShell(page);
  await shell.waitReady();
  await shell.open('Tenants');
  const tenants = new TenantsPage(page);
  await tenants.add({ ...tenant, baseUrl: customer.server().baseUrl, token: CANARY });
  await shell.open('Tenants');
  return { shell, tenants };
}

test.describe('tenants', () => {
  test('first launch opens the built-in Sandbox, and its connection test passes', async ({ consoleHost }) => {
    const shell = new AppShell(consoleHost.page);
    await shell.waitReady();
    await expect(shell.activeTenant()).toContainText('Sandbox');
    await expect(shell.heading).toHaveText('Sandbox');
    const overview = new OverviewPage(consoleHost.page);
    await overview.testConnection();
    await expect(overview.results.summary).toHaveText(/passed/);
    await expect(overview.results.step('Token accepted')).toContainText('passed');
    await expect(overview.results.step('Speaks SCIM 2.0')).toContainText('250 members');
    // With nothing but the Sandbox, the overview says how to connect one's own tenant, V7 and V6.
    const card = connectCard(consoleHost.page);
    await expect(card).toContainText('User provisioning with SCIM');
    await expect(card).toContainText('SCIM Provisioning');
    await card.getByRole('button', { name: 'Add your tenant…' }).click();
    await expect(new AddTenantDialog(consoleHost.page).dialog).toBeVisible();
  });

  test('a tenant whose test fails is not saved; a passing one is saved, opened, and its token shown nowhere', async ({
    consoleHost,
  }) => {
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    await shell.open('Tenants');
    const tenants = new TenantsPage(page);

    const dialog = await tenants.startAdd();
    await dialog.fill({ name: 'Acme Design', baseUrl: customer.server().baseUrl, token: 'wrong-token-1234' });
    await dialog.save();
    await expect(dialog.results.summary).toHaveText(/failed/);
    await expect(dialog.results.step('Token accepted')).toContainText(/rotate/i);
    // Results of the last test go as soon as what was tested changes.
    await dialog.fill({ name: 'Acme Design', baseUrl: customer.server().baseUrl, token: 'another-token-5678' });
    await expect(dialog.results.summary).toBeHidden();
    await dialog.cancel();
    await expect(tenants.row('Acme Design')).toHaveCount(0);

    await tenants.add({ name: 'Acme Design', baseUrl: customer.server().baseUrl, token: CANARY });
    await expect(shell.activeTenant()).toContainText('Acme Design');
    await expect(new OverviewPage(page).fact('Token')).toContainText(/Stored · fingerprint [0-9a-f]{8}/);
    await shell.open('Tenants');
    await expect(connectCard(page)).toHaveCount(0);

    // The canary never reaches the renderer, its storage, the files or the logs.
    expect(await page.content()).not.toContain(CANARY);
    const storage = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(storage).not.toContain(CANARY);
    if (consoleHost.transcript) expect(JSON.stringify(consoleHost.transcript)).not.toContain(CANARY);
    for (const file of readdirSync(consoleHost.dataDir)) {
      expect(readFileSync(path.join(consoleHost.dataDir, file), 'utf8'), file).not.toContain(CANARY);
    }
    expect(consoleHost.logs.join('\n')).not.toContain(CANARY);
  });

  test('rotating a token explains the risk, keeps the old one on a failed test, and swaps on a pass', async ({
    consoleHost,
  }) => {
    const { page } = consoleHost;
    const { tenants } = await withCustomerTenant(page, {
      name: 'Rotating',
    });
    const before = await tenants.tokenCell('Rotating').textContent();

    let dialog = await tenants.startRotate('Rotating');
    await expect(dialog.dialog).toContainText('expires the old one immediately');
    await expect(dialog.dialog).toContainText(/Okta, Microsoft Entra ID, OneLogin/);
    await dialog.cancel.click();

    dialog = await tenants.rotate('Rotating', 'a-token-the-server-refuses');
    await expect(dialog.failed).toBeVisible();
    await dialog.cancel.click();
    await expect(tenants.tokenCell('Rotating')).toHaveText(before ?? '');

    dialog = await tenants.rotate('Rotating', `Bearer ${CANARY}`);
    await expect(dialog.replaced).toBeVisible();
    await dialog.done.click();
  });

  test('a tenant opened read-only shows the banner everywhere, and can be reopened with write access', async ({
    consoleHost,
  }) => {
    const { page } = consoleHost;
    const { shell, tenants } = await withCustomerTenant(page, {
      name: 'Customer X',
    });
    await tenants.open('Customer X', { readOnly: true });
    for (const view of ['Overview', 'Tenants', 'About'] as const) {
      await shell.open(view);
      await expect(shell.readOnlyBanner).toContainText('Customer X is open read-only for this session');
    }
    await expect(new OverviewPage(page).fact('Access')).toHaveCount(0);
    await shell.open('Overview');
    await expect(new OverviewPage(page).fact('Access')).toHaveText('Read-only for this session');
    await shell.reopenWithWriteAccess.click();
    await expect(shell.readOnlyBanner).toHaveCount(0);
    await expect(new OverviewPage(page).fact('Access')).toHaveText('Read and write');
  });

  test('removing a tenant asks first, then removes it from the list and the switcher', async ({ consoleHost }) => {
    const { page } = consoleHost;
    const { shell, tenants } = await withCustomerTenant(page, {
      name: 'Temporary',
    });
    const removal = await tenants.startRemove('Temporary');
    await expect(removal.dialog).toContainText('Nothing changes in InVision');
    await removal.cancel.click();
    await expect(tenants.row('Temporary')).toHaveCount(1);
    await tenants.remove('Temporary');
    await expect(tenants.row('Temporary')).toHaveCount(0);
    await expect(shell.tenant('Temporary')).toHaveCount(0);
    await expect(shell.activeTenant()).toContainText('Sandbox');
  });

  test('profiles export without tokens and import as tenants that need one', async ({ consoleHost }) => {
    test.skip(HOST !== 'chromium', 'the native file dialogs can only be answered in advance on the Chromium host');
    const { page } = consoleHost;
    const { tenants } = await withCustomerTenant(page, {
      name: 'Exported',
      readOnly: true,
    });
    const file = test.info().outputPath('tenants-export.json');
    consoleHost.dialogs.nextSavePath = file;
    await tenants.exportProfiles();
    await expect(tenants.outcome(/Exported 1 profile \(no tokens\)/)).toBeVisible();
    const exported = readFileSync(file, 'utf8');
    expect(exported).toContain('Exported');
    expect(exported).not.toContain(CANARY);

    await tenants.remove('Exported');
    consoleHost.dialogs.nextOpenPath = file;
    await tenants.importProfiles();
    await expect(tenants.outcome(/Imported 1 profile/)).toBeVisible();
    await expect(tenants.row('Exported')).toContainText('No token: add one with Rotate token');
    await expect(tenants.row('Exported')).toContainText('Read-only');
  });

  test('Ctrl/Cmd + number switches tenants from the keyboard', async ({ consoleHost }) => {
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    await shell.open('Tenants');
    await new TenantsPage(page).add({ name: 'Second', baseUrl: customer.server().baseUrl, token: CANARY });
    await expect(shell.activeTenant()).toContainText('Second');
    await page.keyboard.press('ControlOrMeta+1');
    await expect(shell.activeTenant()).toContainText('Sandbox');
    await page.keyboard.press('ControlOrMeta+2');
    await expect(shell.activeTenant()).toContainText('Second');
  });
});

test.describe('an unreadable tenants.json', () => {
  test.use({ initialData: { 'tenants.json': '{ "version": 1, "tenants": [ truncated' } });

  test('is reported, kept aside, and the console still starts', async ({ consoleHost }) => {
    const shell = new AppShell(consoleHost.page);
    await shell.waitReady();
    await expect(shell.alert).toContainText('tenants.json could not be used (it is not valid JSON)');
    await expect(shell.activeTenant()).toContainText('Sandbox');
    const kept = readdirSync(consoleHost.dataDir).filter((f) => f.startsWith('tenants.json.unreadable-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(consoleHost.dataDir, 'tenants.json'), 'utf8')).toContain('truncated');
  });
});

test.describe('launch options', () => {
  test.use({ launch: { tenant: 'SANDBOX', readOnly: true } });

  test('--tenant opens the named tenant (any case) and --read-only makes the session read-only', async ({
    consoleHost,
  }) => {
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    await expect(shell.activeTenant()).toContainText('Sandbox');
    await expect(shell.readOnlyBanner).toBeVisible();
    await shell.open('Members');
    await expect(new MembersPage(page).provisionButton).toBeDisabled();
  });
});

test.describe('launch options naming no tenant', () => {
  test.use({ launch: { tenant: 'Nobody Ltd' } });

  test('say so, and open the last used tenant', async ({ consoleHost }) => {
    const shell = new AppShell(consoleHost.page);
    await shell.waitReady();
    await expect(shell.activeTenant()).toContainText('Sandbox');
    await expect(shell.text(/No tenant has the name or id "Nobody Ltd"/)).toBeVisible();
    await expect(shell.readOnlyBanner).toBeHidden();
  });
});
