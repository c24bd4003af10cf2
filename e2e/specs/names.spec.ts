import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { GroupsPage } from '../pages/groups-page';
import { MembersPage } from '../pages/members-page';
import { TenantsPage } from '../pages/tenants-page';
import { customerSandbox } from './steps';

const TOKEN = 'names-e2e-token-5d0c7a9e41';
const customer = customerSandbox({ token: TOKEN, members: 20, groups: 2, seed: 3 });

test.describe('scripts and similar names', () => {
  test('tell apart tenants with parentheses and groups whose names start alike, and reach a member out of view', async ({
    consoleHost,
  }) => {
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    const tenants = new TenantsPage(page);
    for (const name of ['Acme Design (production)', 'Acme Design (staging)']) {
      await shell.open('Tenants');
      await tenants.add({ name, baseUrl: customer.server().baseUrl, token: TOKEN });
    }
    await shell.open('Tenants');
    await expect(tenants.row('Acme Design (production)')).toHaveCount(1);
    await expect(tenants.row('Acme Design (staging)')).toHaveCount(1);
    // The sidebar cuts the common start, never the part that tells them apart.
    await expect(shell.tenantTail('Acme Design (production)')).toHaveText(' (production)');
    await expect(shell.tenantTail('Acme Design (staging)')).toHaveText(' (staging)');
    await shell.screenshot(test.info().outputPath('similar-tenants.png'));
    await shell.switchTo('Acme Design (production)');
    await expect(shell.activeTenant()).toContainText('production');
    await shell.switchTo('Acme Design (staging)');
    await expect(shell.activeTenant()).toContainText('staging');
    await shell.switchTo('Sandbox');

    // "Design" and "Design Systems" both exist in the Sandbox: each is reached by its whole name.
    const groups = new GroupsPage(page);
    await groups.open();
    const systems = await groups.memberCount('Design Systems');
    await groups.rename('Design', 'Design Team');
    await expect(groups.row('Design Team')).toHaveCount(1);
    expect(await groups.memberCount('Design Systems')).toBe(systems);
    await groups.delete('Design Systems');
    await expect(groups.row('Design Systems')).toHaveCount(0);
    await expect(groups.row('Design Team')).toHaveCount(1);

    // The last member of a 250-member list is not rendered until scrolled to: reveal brings it.
    const members = new MembersPage(page);
    await members.open();
    const sandbox = await consoleHost.sandbox?.ensure();
    const last = sandbox
      ? (sandbox.store.listUsers(null) as Array<{ userName: string }>).at(-1)!.userName
      : (await members.shownEmails()).at(-1)!;
    const row = await members.reveal(last);
    await expect(row).toBeVisible();
  });
});
