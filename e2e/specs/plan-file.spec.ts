import path from 'node:path';
import { expect, HOST, SCREENSHOTS, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { JobsPage } from '../pages/jobs-page';
import { dismissToasts } from '../pages/toasts';
import { firstActive, openMembers, planLeavers } from './steps';

const CHROMIUM_ONLY = 'choosing and saving files needs the scripted dialogs of the Chromium host';

test.describe('a plan as a file', () => {
  test('is exported signed, opened again with its origin shown, and applied', async ({ consoleHost }) => {
    test.skip(HOST !== 'chromium', CHROMIUM_ONLY);
    const { page } = consoleHost;
    const shell = new AppShell(page);
    const members = await openMembers(page);
    const { emails } = await firstActive(members, 2);
    const wizard = await planLeavers(consoleHost, emails, 'two-leavers.csv');
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
