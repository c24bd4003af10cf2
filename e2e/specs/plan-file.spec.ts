import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, HOST, SCREENSHOTS, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { ImportPage } from '../pages/import-page';
import { JobsPage } from '../pages/jobs-page';
import { MembersPage } from '../pages/members-page';
import { dismissToasts } from '../pages/toasts';

const CHROMIUM_ONLY = 'choosing and saving files needs the scripted dialogs of the Chromium host';

test.describe('a plan as a file', () => {
  test('is exported signed, opened again with its origin shown, and applied', async ({ consoleHost }) => {
    test.skip(HOST !== 'chromium', CHROMIUM_ONLY);
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    const members = new MembersPage(page);
    await members.open();
    await members.filterStatus('Active');
    const emails = await Promise.all([0, 1].map(async (i) => (await members.cellAt(i, 'email').innerText()).trim()));
    const csv = test.info().outputPath('two-leavers.csv');
    writeFileSync(csv, ['Email,Status', ...emails.map((e) => `${e},Suspended`)].join('\n') + '\n');
    consoleHost.dialogs.nextOpenPath = csv;
    const wizard = new ImportPage(page);
    await wizard.open();
    await wizard.chooseFile();
    await wizard.plan();
    const planFile = test.info().outputPath('two-leavers-plan.json');
    consoleHost.dialogs.nextSavePath = planFile;
    await wizard.exportPlan();
    await expect(members.toast(/, signed\) to /)).toBeVisible();

    // Opened again (here: on the same installation; another one shows "another installation").
    consoleHost.dialogs.nextOpenPath = planFile;
    const origin = await wizard.openPlanFile();
    await expect(origin).toContainText('Opened from two-leavers-plan.json, signed and unchanged');
    await expect(origin).toContainText('(this one)');
    expect(await wizard.count('to deactivate')).toBe(2);
    await dismissToasts(page);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await origin.scrollIntoViewIfNeeded();
      await shell.screenshot(path.join(SCREENSHOTS, `import-plan-file-${theme}.png`));
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await wizard.apply();
    const jobs = new JobsPage(page);
    await jobs.waitFinished(/^Import two-leavers\.csv/);
    expect(await jobs.figures(/^Import two-leavers\.csv/)).toEqual({ done: 2, failed: 0 });
  });
});
