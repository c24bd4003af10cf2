import path from 'node:path';
import { expect, HOST, SCREENSHOTS, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { JobsPage } from '../pages/jobs-page';
import { dismissToasts } from '../pages/toasts';
import { UndoPage } from '../pages/undo-page';
import { openMembers, selectFirst } from './steps';

const CHROMIUM_ONLY = 'changing the Sandbox behind the console mid-test needs the in-process core of the Chromium host';
const OUT = SCREENSHOTS;

test.describe('undo', () => {
  test('undoes a bulk deactivation, skipping the member a colleague changed since, and links the two jobs', async ({
    consoleHost,
  }) => {
    test.skip(HOST !== 'chromium', CHROMIUM_ONLY);
    test.setTimeout(90_000);
    const { page } = consoleHost;
    const shell = new AppShell(page);
    const members = await openMembers(page);
    await members.filterStatus('Active');
    const ids = await selectFirst(members, 6);
    const confirm = await members.startBulk('Deactivate');
    await confirm.go.click();
    const jobs = new JobsPage(page);
    const title = 'Deactivate 6 members';
    await jobs.waitFinished(title);

    // A colleague reactivates one of them on the server before the undo, and (past the clock
    // margin) renames another, who stays inactive: changed since all the same.
    const sandbox = await consoleHost.sandbox!.ensure();
    const patch = (id: string, path: string, value: unknown) =>
      sandbox.store.patchUser(id, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path, value }],
      });
    patch(ids[2]!, 'active', true);
    await page.waitForTimeout(4_500);
    const renamed = patch(ids[4]!, 'name.givenName', 'Renamed') as { userName: string };

    const undo = await UndoPage.ofJob(page, title);
    expect(await undo.count('to reactivate')).toBe(6);
    expect(await undo.count('changed since')).toBe(2);
    await expect(undo.changedSince).toContainText('the member was reactivated meanwhile');
    await expect(undo.changedAfter).toContainText(renamed.userName);
    await expect(undo.applyButton).toHaveText('Undo 4 changes');
    // The admin chooses to undo the renamed member anyway.
    await undo.undoAnyway(renamed.userName).check();
    await expect(undo.applyButton).toHaveText('Undo 5 changes');
    await dismissToasts(page);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await shell.screenshot(path.join(OUT, `undo-plan-${theme}.png`));
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await undo.apply();

    const undoTitle = `Undo: ${title}`;
    await jobs.waitFinished(undoTitle);
    expect(await jobs.figures(undoTitle)).toEqual({ done: 5, failed: 0 });
    expect(await jobs.skipped(undoTitle)).toBe(1);
    await expect(jobs.job(undoTitle)).toContainText(`Reverses “${title}”`);
    await expect(jobs.job(title)).toContainText(`Undone by “${undoTitle}”`);
    await expect(await jobs.steps(undoTitle)).toContainText('the member was reactivated meanwhile');
    await dismissToasts(page);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await shell.screenshot(path.join(OUT, `undo-job-${theme}.png`));
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await members.open();
    await members.filterStatus('Inactive');
    for (const id of ids) await expect(members.rowById(id)).toHaveCount(0);
  });
});
