import type { Page } from '@playwright/test';
import { AppShell } from '../pages/app-shell';
import { MembersPage } from '../pages/members-page';

/**
 * Worked example: check that every member of a group is active. Filters the members to the group
 * and to Inactive, and returns how many are inactive and the emails of the first screenful.
 */
export async function inactiveInGroup(page: Page, group: string): Promise<{ inactive: number; emails: string[] }> {
  await new AppShell(page).waitReady();
  const members = new MembersPage(page);
  await members.open();
  await members.groupFilter.selectOption({ label: group });
  await members.filterStatus('Inactive');
  const inactive = await members.matchCount();
  return { inactive, emails: inactive ? await members.shownEmails() : [] };
}
