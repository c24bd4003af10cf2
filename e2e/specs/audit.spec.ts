import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openAuditStore } from '../../src/main/core/audit/store';
import { verifyExport } from '../../src/main/core/audit/verify-export';
import { expect, HOST, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { AuditPage } from '../pages/audit-page';
import { OverviewPage, TenantsPage } from '../pages/tenants-page';

test.describe('audit history', () => {
  test('records tenant events, filters them, shows an entry, and verifies', async ({ consoleHost }) => {
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    await new OverviewPage(page).testConnection();
    await shell.open('Tenants');
    const dialog = await new TenantsPage(page).startAdd();
    await dialog.fill({ name: 'Nowhere', baseUrl: 'http://127.0.0.1:9/scim/v2', token: 'unreachable-token-1' });
    await dialog.save();
    await expect(dialog.results.summary).toHaveText(/failed/);
    await dialog.cancel();

    await shell.open('Audit');
    const audit = new AuditPage(page);
    await expect(audit.rowsFor('tenant.tested')).toHaveCount(1);
    await expect(audit.rowsFor('tenant.addRefused')).toHaveCount(1);
    await expect(audit.rows().first()).toContainText('tenant.addRefused');

    await audit.filterBy('Action', 'tenant.tested');
    await expect(audit.rows()).toHaveCount(1);
    await audit.rows().first().click();
    await expect(audit.detail).toContainText('tenant.tested');
    await expect(audit.detail).toContainText('Sandbox');
    await audit.filterBy('Outcome', 'failure');
    await expect(audit.noMatches()).toBeVisible();

    await expect(await audit.verify()).toContainText('Integrity verified');
  });

  test('exports CSV and JSONL that verify outside the app', async ({ consoleHost }) => {
    test.skip(HOST !== 'chromium', 'the native save dialog can only be answered in advance on the Chromium host');
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    await new OverviewPage(page).testConnection();
    await shell.open('Audit');
    const audit = new AuditPage(page);
    for (const format of ['CSV', 'JSONL'] as const) {
      const file = test.info().outputPath(`audit.${format.toLowerCase()}`);
      consoleHost.dialogs.nextSavePath = file;
      await audit.exportAs(format);
      await expect(audit.exported(file)).toBeVisible();
      expect(await verifyExport(file)).toMatchObject({ ok: true });
      expect(readFileSync(`${file}.manifest.json`, 'utf8')).toContain('"entries"');
    }
    // The export is itself recorded.
    await expect(audit.rowsFor('audit.exported')).toHaveCount(2);
  });
});

test.describe('an action interrupted by a crash', () => {
  // Left behind by a console that died between recording the intent and hearing the answer.
  test.use({
    // Playwright reads a function here as a fixture, so this fixture hands over the function.
    // eslint-disable-next-line no-empty-pattern
    prepareDataDir: async ({}, use) => {
      await use((dataDir: string) => {
        const file = path.join(dataDir, 'audit.sqlite');
        const store = openAuditStore({
          file,
          actor: 'admin@laptop',
          appVersion: '0.1.0',
          now: () => new Date(),
          anchorKey: null,
        });
        store.append({
          kind: 'intent',
          action: 'member.deactivate',
          outcome: 'pending',
          tenantId: 'sandbox',
          tenantName: 'Sandbox',
          target: 'lucas.okafor@acme-design.example',
          request: { method: 'PATCH', body: { active: false } },
        });
        store.close();
      });
    },
  });

  test('is reconciled at start-up by reading the member back, and the admin is told', async ({ consoleHost }) => {
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    const audit = new AuditPage(page);
    await expect(audit.interruptedNotice()).toBeVisible();
    await audit.reviewInterrupted();
    await expect(audit.reconciledNotice()).toContainText(
      'member.deactivate lucas.okafor@acme-design.example: lucas.okafor@acme-design.example exists and is active',
    );
    await expect(audit.rowsFor('member.deactivate')).toContainText('reconciled');
  });
});
