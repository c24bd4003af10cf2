import { expect, SCREENSHOTS, test } from '../fixtures';
import path from 'node:path';
import { AppShell } from '../pages/app-shell';
import { LookupPage } from '../pages/lookup-page';
import { MemberDetailPanel } from '../pages/members-page';
import { TenantsPage } from '../pages/tenants-page';
import { customerSandbox } from './steps';

const TOKEN = 'lookup-e2e-token-7f3a9c1d52';
const customer = customerSandbox({ token: TOKEN, members: 20, groups: 2, seed: 21 });

test.describe('find a person', () => {
  test('from the palette: every tenant is asked, the member is opened in theirs', async ({ consoleHost }) => {
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    await shell.open('Tenants');
    await new TenantsPage(page).add({ name: 'Customer Co', baseUrl: customer.server().baseUrl, token: TOKEN });
    await shell.switchTo('Sandbox');
    const person = (customer.server().store.listUsers(null) as Array<{ userName: string; active: boolean }>).find(
      (u) => u.active,
    )!.userName;

    const lookup = new LookupPage(page);
    await lookup.findFromPalette(person);
    await expect(lookup.summary).toHaveText(`${person} is in 1 of 2 tenants`);
    await expect(lookup.row('Customer Co')).toContainText('Active');
    await expect(lookup.row('Sandbox')).toContainText('Not a member');
    for (const theme of ['light', 'dark'] as const) {
      await shell.setTheme(theme);
      await shell.screenshot(path.join(SCREENSHOTS, `find-person-${theme}.png`));
    }
    await lookup.open('Customer Co');
    await expect(shell.activeTenant()).toContainText('Customer Co');
    const detail = new MemberDetailPanel(page);
    await expect(detail.panel).toContainText(person);

    // A tenant that cannot answer says why, and the others still answer.
    await customer.server().close();
    await shell.open('Find a person');
    await lookup.find(person);
    await expect(lookup.summary).toHaveText(`${person} is in no tenant (1 could not answer)`);
    await expect(lookup.row('Customer Co')).toContainText('Could not answer');
  });
});
