import { readFileSync, writeFileSync } from 'node:fs';
import { expect, HOST, test } from '../fixtures';
import { inactiveInGroup } from '../examples/group-active';
import { offboard } from '../examples/offboard';
import { MembersPage } from '../pages/members-page';

const CHROMIUM_ONLY = 'the save dialog is answered by the Chromium host in this suite';

test.describe('worked scripting examples (docs/scripting.md)', () => {
  test('offboards a list of emails from a file and saves the report', async ({ consoleHost }) => {
    test.skip(HOST !== 'chromium', CHROMIUM_ONLY);
    const { page } = consoleHost;
    const members = new MembersPage(page);
    await members.open();
    await members.filterStatus('Active');
    const targets = (await members.shownEmails()).slice(0, 3);
    expect(targets).toHaveLength(3);
    const list = test.info().outputPath('leavers.txt');
    writeFileSync(list, `# leavers this week\n${targets.join('\n')}\n\nnobody@acme-design.example\n`);
    const report = test.info().outputPath('offboarding-report.csv');
    consoleHost.dialogs.nextSavePath = report;

    const result = await offboard(page, list);

    expect(result).toEqual({ selected: targets, notFound: ['nobody@acme-design.example'], done: 3, failed: 0 });
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const email of targets) expect(lines.some((l) => l.includes(email) && l.includes('deactivated'))).toBe(true);
  });

  test('checks that every member of a group is active', async ({ consoleHost }) => {
    const { page } = consoleHost;
    const before = await inactiveInGroup(page, 'Design');
    // Deactivate one active member of the group, then check again: exactly one more is reported.
    const members = new MembersPage(page);
    await members.filterStatus('Active');
    const email = (await members.shownEmails())[0]!;
    const detail = await members.openMember(email);
    await detail.setActive(false);
    await expect(detail.status()).toHaveText('Inactive');
    const after = await inactiveInGroup(page, 'Design');
    expect(after.inactive).toBe(before.inactive + 1);
    expect(after.emails).toContain(email);
  });
});
