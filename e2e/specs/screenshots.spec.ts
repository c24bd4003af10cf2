import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { expect, HOST, SCREENSHOTS, test } from '../fixtures';
import { ImportPage } from '../pages/import-page';
import { JobsPage } from '../pages/jobs-page';
import { AppShell, type ViewName } from '../pages/app-shell';
import { CommandPalette, GroupsPage } from '../pages/groups-page';
import { AuditPage } from '../pages/audit-page';
import { MembersPage } from '../pages/members-page';
import { OverviewPage, TenantsPage } from '../pages/tenants-page';

const VIEWS: ViewName[] = [
  'Overview',
  'Members',
  'Groups',
  'Import',
  'Jobs',
  'Tenants',
  'Find a person',
  'Audit',
  'About',
];
const OUT = SCREENSHOTS;

// Saves every view in both themes so a person can look at them (and the README can show them).
for (const theme of ['light', 'dark'] as const) {
  test(`every view in the ${theme} theme: screenshots, and no axe violation`, async ({ consoleHost }) => {
    test.setTimeout(180_000); // axe takes a few seconds on each of the 15 stops
    const shell = new AppShell(consoleHost.page);
    /** Saves what the window shows; the shell checks it with axe too. */
    const look = (name: string): Promise<void> => shell.screenshot(path.join(OUT, `${name}-${theme}.png`));
    await shell.setTheme(theme);
    await shell.waitReady();
    // Something in the history first, so the Audit view shows rows rather than its empty state.
    const overview = new OverviewPage(consoleHost.page);
    await overview.testConnection();
    await expect(overview.results.summary).toContainText('Connection test passed');
    for (const view of VIEWS) {
      await shell.open(view);
      await expect(shell.heading).toBeVisible();
      const background = await consoleHost.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(theme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(247, 248, 250)');
      await look(view.toLowerCase().replace(/ /g, '-'));
    }
    // An entry open in the audit history, and a group open with its members.
    const audit = new AuditPage(consoleHost.page);
    await shell.open('Audit');
    await audit.rows().first().click();
    await expect(audit.detail).toBeVisible();
    await look('audit-detail');
    const groups = new GroupsPage(consoleHost.page);
    await groups.open();
    await groups.openGroup('Engineering');
    await look('group-detail');
    // A member open beside the table, with the raw resource read from the server.
    const members = new MembersPage(consoleHost.page);
    await members.open();
    const detail = await members.openMember(await members.nameAt(2));
    await expect(detail.rawJson).toBeVisible();
    await look('member-detail');
    const provision = await members.startProvision();
    await look('provision-dialog');
    await provision.dialog.getByRole('button', { name: 'Cancel' }).click();
    const palette = new CommandPalette(consoleHost.page);
    await palette.open();
    await palette.input.fill('member');
    await look('palette');
    await consoleHost.page.keyboard.press('Escape');
    // A bulk action as a job, and an import planned with a few problems to show.
    await members.rows.nth(0).click();
    await members.rows.nth(2).click({ modifiers: ['Shift'] });
    const bulk = await members.startBulk('Deactivate');
    await look('bulk-dialog');
    await bulk.go.click();
    const jobs = new JobsPage(consoleHost.page);
    await jobs.waitFinished(/^Deactivate/);
    await jobs.steps(/^Deactivate/);
    await look('jobs');
    if (HOST === 'chromium') {
      const csv = test.info().outputPath('okta-export.csv');
      writeFileSync(
        csv,
        [
          'Username,First name,Last name,Primary email,Status,Groups',
          'lena.fischer@acme-design.example,Lena,Fischer,lena.fischer@acme-design.example,ACTIVE,Design;Research',
          'omar.haddad@acme-design.example,Omar,Haddad,omar.haddad@acme-design.example,ACTIVE,Marketing',
          'broken,No,Email,broken,ACTIVE,',
          'yuki.tanaka@acme-design.example,Yuki,Tanaka,yuki.tanaka@acme-design.example,DEPROVISIONED,',
        ].join('\n') + '\n',
      );
      consoleHost.dialogs.nextOpenPath = csv;
      const wizard = new ImportPage(consoleHost.page);
      await wizard.open();
      await wizard.chooseFile();
      await look('import-mapping');
      await wizard.plan();
      await wizard.planCard.scrollIntoViewIfNeeded();
      await look('import-plan');
    }
    // The dialog a new user meets first, with a connection test's results.
    await shell.open('Tenants');
    const dialog = await new TenantsPage(consoleHost.page).startAdd();
    await dialog.fill({
      name: 'Acme Design (production)',
      baseUrl: 'http://127.0.0.1:9/scim/v2',
      token: 'not-a-real-token-123',
    });
    await dialog.testConnection();
    await look('add-tenant');
  });
}
