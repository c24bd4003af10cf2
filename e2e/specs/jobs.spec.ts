import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { firstActive, openMembers, planLeavers, selectFirst } from './steps';
import { expect, HOST, SCREENSHOTS, test } from '../fixtures';
import { ImportPage } from '../pages/import-page';
import { JobsPage } from '../pages/jobs-page';
import { AppShell } from '../pages/app-shell';

const OUT = SCREENSHOTS;
const CHROMIUM_ONLY =
  'choosing files and switching Sandbox faults mid-test need the in-process core of the Chromium host';

test.describe('bulk jobs', () => {
  test('deactivates a selection as a job, with progress and a result per member, then deletes two after the count is typed', async ({
    consoleHost,
  }) => {
    const { page } = consoleHost;
    const members = await openMembers(page);
    await members.filterStatus('Active');
    const ids = await selectFirst(members, 6);
    const dialog = await members.startBulk('Deactivate');
    await expect(dialog.dialog).toHaveAccessibleName('Deactivate 6 members?');
    await expect(dialog.dialog).toContainText('documents and spaces are kept');
    await expect(dialog.go).toHaveText('Deactivate 6 members');
    await dialog.go.click();

    const jobs = new JobsPage(page);
    await expect(jobs.heading).toBeVisible();
    await jobs.waitFinished('Deactivate 6 members');
    expect(await jobs.figures('Deactivate 6 members')).toEqual({ done: 6, failed: 0 });
    await expect(await jobs.stepRows('Deactivate 6 members')).toHaveCount(6);
    await expect(await jobs.steps('Deactivate 6 members')).toContainText('deactivated');

    await members.open();
    await members.filterStatus('Inactive');
    for (const id of ids) await expect(members.rowById(id)).toHaveCount(1);

    // Delete: the action stays disabled until the number of members is typed.
    await members.gridBody.focus();
    const doomed = await selectFirst(members, 2);
    const confirm = await members.startBulk('Delete');
    await expect(confirm.dialog).toHaveAccessibleName('Delete 2 members for good?');
    await expect(confirm.go).toHaveText('Delete 2 members');
    await expect(confirm.go).toBeDisabled();
    await confirm.count.fill('3');
    await expect(confirm.go).toBeDisabled();
    await confirm.count.fill('2');
    await confirm.go.click();
    await jobs.waitFinished('Delete 2 members');
    await members.open();
    for (const id of doomed) await expect(members.rowById(id)).toHaveCount(0);
  });

  test('pauses and resumes a slow job, and retries what failed once the server recovers', async ({ consoleHost }) => {
    test.skip(HOST !== 'chromium', CHROMIUM_ONLY);
    const { page } = consoleHost;
    const sandbox = consoleHost.sandbox!;
    const members = await openMembers(page);
    await members.filterStatus('Active');
    await selectFirst(members, 12);
    await sandbox.configure({ latencyMs: 1500 });
    const confirm = await members.startBulk('Deactivate');
    await expect(confirm.go).toHaveText('Deactivate 12 members');
    await confirm.go.click();
    const jobs = new JobsPage(page);
    const title = 'Deactivate 12 members';
    await expect(jobs.job(title)).toBeVisible();
    await jobs.pause(title);
    await jobs.waitState(title, 'Paused');
    const paused = await jobs.figures(title);
    expect(paused.done).toBeLessThan(12);

    // Every request fails while the job resumes: the rest fail, then Retry failed finishes them.
    await sandbox.configure({ latencyMs: 0, errorRate: 1 });
    await jobs.resume(title);
    await jobs.waitFinished(title, 120_000);
    const broken = await jobs.figures(title);
    expect(broken.failed).toBeGreaterThan(0);
    expect(broken.done + broken.failed).toBe(12);
    await expect((await jobs.stepRows(title)).first()).toContainText('failed');
    await sandbox.configure({ errorRate: 0 });
    await jobs.retryFailed(title);
    await expect.poll(async () => (await jobs.figures(title)).done, { timeout: 60_000 }).toBe(12);
    await jobs.waitFinished(title);
    expect((await jobs.figures(title)).failed).toBe(0);
  });
});

test.describe('CSV import', () => {
  test('reads an IdP export, plans with row numbers and a dry run, applies it as a job and saves the report', async ({
    consoleHost,
  }) => {
    test.skip(HOST !== 'chromium', CHROMIUM_ONLY);
    const { page } = consoleHost;
    const members = await openMembers(page);
    await members.filterStatus('Active');
    const existing = (await members.cellAt(0, 'email').innerText()).trim();
    const csv = test.info().outputPath('google-users.csv');
    // Google Workspace's download: bracketed notes in the headers, a BOM, CRLF, a quoted comma.
    writeFileSync(
      csv,
      '\uFEFF' +
        [
          'First Name [Required],Last Name [Required],Email Address [Required],Status [READ ONLY],Groups',
          'Imogen,"Import, Jr",imogen.import@acme-design.example,Active,Design',
          `Ex,Isting,${existing.toUpperCase()},Suspended,`,
          'No,Email,not-an-email,Active,',
          'Dup,One,dup@acme-design.example,Active,',
          'Dup,Two,DUP@acme-design.example,Active,',
          '',
          'Short,Row',
        ].join('\r\n') +
        '\r\n',
    );
    consoleHost.dialogs.nextOpenPath = csv;
    const wizard = new ImportPage(page);
    await wizard.open();
    await wizard.chooseFile();
    await expect(wizard.fileSummary).toContainText('6 rows');
    await expect(wizard.fileSummary).toContainText('Google Workspace');
    await expect(wizard.statusLegend).toContainText('Status values from Google Workspace');
    await expect(wizard.statusLegend).toContainText('Suspended, Archived');
    await expect(wizard.column('Email (userName)')).toHaveValue('2');
    await wizard.plan();
    expect(await wizard.count('to create')).toBe(1);
    expect(await wizard.count('to deactivate')).toBe(1);
    expect(await wizard.count('rows with errors')).toBe(4);
    // Rows numbered as a spreadsheet shows them (the blank line is row 7), the short row said to be short.
    const issues = await wizard.issueRows();
    expect(issues.map(([row, severity]) => `${row} ${severity}`)).toEqual(['4 error', '5 error', '6 error', '8 error']);
    expect(issues[0]![2]).toContain('not a valid email');
    expect(issues[3]![2]).toContain('is short: it has 2 fields but the header has 5');
    // The table is reachable by Tab, and its messages wrap rather than being cut.
    await wizard.issuesRegion.focus();
    await expect(wizard.issuesRegion).toBeFocused();
    expect(await wizard.issueMessagesCut()).toBe(0);
    // An option ticked with a plan on screen plans again at once, as the plan's own links do.
    const missing = 'Deactivate active members who are not in the file';
    await wizard.setOption(missing, true);
    await expect.poll(() => wizard.count('to deactivate'), { timeout: 30_000 }).toBeGreaterThan(1);
    await wizard.setOption(missing, false);
    await expect.poll(() => wizard.count('to deactivate'), { timeout: 30_000 }).toBe(1);
    await wizard.showRequests();
    await expect(wizard.requests).toContainText('POST /Users');
    await expect(wizard.requests).toContainText('"userName": "imogen.import@acme-design.example"');

    await wizard.apply();
    const jobs = new JobsPage(page);
    const title = /^Import google-users\.csv/;
    await jobs.waitFinished(title);
    expect(await jobs.figures(title)).toEqual({ done: 3, failed: 0 });
    const report = test.info().outputPath('report.csv');
    consoleHost.dialogs.nextSavePath = report;
    await jobs.exportReport(title);
    await expect(members.toast(/Saved the report/)).toBeVisible();
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,action,member,group,state,result,error');
    expect(lines).toContain('2,create,imogen.import@acme-design.example,,done,created,');

    await members.open();
    await members.search('imogen.import');
    expect(await members.matchCount()).toBe(1);
  });

  test('a plan applied after the tenant changed skips the changed member, and the report says why', async ({
    consoleHost,
  }) => {
    test.skip(HOST !== 'chromium', CHROMIUM_ONLY);
    const { page } = consoleHost;
    const members = await openMembers(page);
    const { emails, ids } = await firstActive(members, 3);
    const wizard = await planLeavers(consoleHost, emails, 'leavers.csv');
    expect(await wizard.count('to deactivate')).toBe(3);
    // A colleague deactivates one of them on the server between the plan and the apply.
    const sandbox = await consoleHost.sandbox!.ensure();
    sandbox.store.patchUser(ids[1]!, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    const check = await wizard.checkForChanges();
    await expect(check).toContainText('1 step changed since the plan and will be skipped when it is applied');
    await expect(check).toContainText(`deactivate ${emails[1]}: the member was deactivated meanwhile`);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await check.scrollIntoViewIfNeeded();
      await new AppShell(page).screenshot(path.join(OUT, `stale-plan-check-${theme}.png`));
    }
    await wizard.apply();
    await expect(members.toast(/1 step changed since the plan and will be skipped/)).toBeVisible();
    const jobs = new JobsPage(page);
    const title = /^Import leavers\.csv/;
    await jobs.waitFinished(title);
    expect(await jobs.figures(title)).toEqual({ done: 2, failed: 0 });
    expect(await jobs.skipped(title)).toBe(1);
    const steps = await jobs.steps(title);
    await expect(steps).toContainText('changed since the plan: the member was deactivated meanwhile');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await new AppShell(page).screenshot(path.join(OUT, `stale-plan-job-${theme}.png`));
    }
    const report = test.info().outputPath('report.csv');
    consoleHost.dialogs.nextSavePath = report;
    await jobs.exportReport(title);
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    expect(lines).toContain(
      `3,deactivate,${emails[1]},,skipped,stale,changed since the plan: the member was deactivated meanwhile`,
    );
  });
});
