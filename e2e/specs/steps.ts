import { writeFileSync } from 'node:fs';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/main/core/sandbox/server';
import type { Page } from '@playwright/test';
import { expect, test, type ConsoleHost } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { ImportPage } from '../pages/import-page';
import { MembersPage } from '../pages/members-page';

/** Steps several specs share, written once: open Members when the app is ready, select, plan leavers. */

export async function openMembers(page: Page): Promise<MembersPage> {
  await new AppShell(page).waitReady();
  const members = new MembersPage(page);
  await members.open();
  return members;
}

/** Selects the first `n` rows shown (click, then Shift+click); answers their member ids. */
export async function selectFirst(members: MembersPage, n: number): Promise<string[]> {
  await members.rows.nth(0).click();
  await members.rows.nth(n - 1).click({ modifiers: ['Shift'] });
  await expect(members.selectionBar).toContainText(`${n} selected`);
  return Promise.all(Array.from({ length: n }, (_, i) => members.idAt(i)));
}

/** The emails and ids of the first `n` active members shown. */
export async function firstActive(members: MembersPage, n: number): Promise<{ emails: string[]; ids: string[] }> {
  await members.filterStatus('Active');
  const at = Array.from({ length: n }, (_, i) => i);
  return {
    emails: await Promise.all(at.map(async (i) => (await members.cellAt(i, 'email').innerText()).trim())),
    ids: await Promise.all(at.map((i) => members.idAt(i))),
  };
}

/** Writes a leavers CSV (each email Suspended), chooses it in Import (through the host's dialog) and plans it. */
export async function planLeavers(host: ConsoleHost, emails: string[], fileName: string): Promise<ImportPage> {
  const csv = test.info().outputPath(fileName);
  writeFileSync(csv, ['Email,Status', ...emails.map((e) => `${e},Suspended`)].join('\n') + '\n');
  host.dialogs.nextOpenPath = csv;
  const wizard = new ImportPage(host.page);
  await wizard.open();
  await wizard.chooseFile();
  await wizard.plan();
  return wizard;
}

/**
 * A customer's tenant for the spec's tests: a separate SCIM server on loopback that knows only
 * `options.token`, started before them and closed after. `server()` is the one running now.
 */
export function customerSandbox(options: SandboxOptions): { server: () => Sandbox } {
  let running: Sandbox | null = null;
  test.beforeAll(async () => {
    running = await startSandbox(options);
  });
  test.afterAll(async () => {
    // A test may have stopped it already (to see a tenant that cannot answer).
    await running?.close().catch(() => undefined);
  });
  return { server: () => running! };
}
