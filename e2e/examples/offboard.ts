import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { AppShell } from '../pages/app-shell';
import { JobsPage } from '../pages/jobs-page';
import { MembersPage } from '../pages/members-page';

/**
 * Worked example: offboard a list of people. Reads emails from a text file (one per line, `#`
 * comments and blank lines ignored), selects each member, deactivates them all in one job, waits
 * for it, and saves the job's report (where the host's save dialog points). Returns what happened.
 */
export async function offboard(
  page: Page,
  emailsFile: string,
): Promise<{ selected: string[]; notFound: string[]; done: number; failed: number }> {
  const emails = readFileSync(emailsFile, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  await new AppShell(page).waitReady();
  const members = new MembersPage(page);
  await members.open();
  await members.filterStatus('Active');
  const selected: string[] = [];
  const notFound: string[] = [];
  for (const email of emails) {
    if (await members.selectByEmail(email)) selected.push(email);
    else notFound.push(email);
  }
  if (selected.length === 0) return { selected, notFound, done: 0, failed: 0 };
  await members.bulk('Deactivate');
  const jobs = new JobsPage(page);
  const title = /^Deactivate \d+ member/;
  await jobs.waitFinished(title);
  const { done, failed } = await jobs.figures(title);
  await jobs.exportReport(title);
  return { selected, notFound, done, failed };
}
