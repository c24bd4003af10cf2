import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openAuditStore } from '../../src/main/core/audit/store';
import { pathToFileURL } from 'node:url';
import { expect, HOST, test } from '../fixtures';
import { runVerifier } from '../host/evidence';
import { AppShell } from '../pages/app-shell';
import { AuditPage } from '../pages/audit-page';
import { firstActive, openMembers } from './steps';
import { OverviewPage, TenantsPage } from '../pages/tenants-page';

const SCREENSHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? path.join(__dirname, '../../test-results/screenshots'));

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

  test('names each target by email or group name, and finds every action on a member by email', async ({
    consoleHost,
  }) => {
    const { page } = consoleHost;
    const members = await openMembers(page);
    const { emails } = await firstActive(members, 1);
    const email = emails[0]!;
    const detail = await members.openMember(email);
    await detail.setActive(false);
    await detail.addToGroup('Engineering');
    const shell = new AppShell(page);
    await shell.open('Audit');
    const audit = new AuditPage(page);
    // Part of the email, in another case, finds the deactivation and the membership change.
    await audit.search(email.split('@')[0]!.toUpperCase());
    await expect(audit.rowsFor('member.deactivate')).toHaveCount(1);
    await expect(audit.rowsFor('group.addMembers')).toHaveCount(1);
    await expect(audit.targetCell(audit.rowsFor('member.deactivate'))).toHaveText(email);
    await expect(audit.targetCell(audit.rowsFor('group.addMembers'))).toHaveText('Engineering');
    // With the entry open the table drops the tenant column rather than cutting every cell.
    await audit.rowsFor('member.deactivate').click();
    await expect(audit.detail).toContainText(email);
    expect(await audit.cutCells()).toBe(0);
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
      // Intact, checked without a key (exit 3 says the signature was not checked).
      const run = runVerifier(file);
      expect(run.out).toContain('hash chain');
      expect(run.code).toBe(3);
      expect(readFileSync(`${file}.manifest.json`, 'utf8')).toContain('"entries"');
    }
    // The export is itself recorded.
    await expect(audit.rowsFor('audit.exported')).toHaveCount(2);
  });

  test('signs what it exports: the public key, a signed access-review pack, and the standalone verifier', async ({
    consoleHost,
  }) => {
    test.skip(HOST !== 'chromium', 'the native save dialog can only be answered in advance on the Chromium host');
    // Four screenshots, each checked by axe, and two verifier runs: more than the default 30 s on a busy machine.
    test.setTimeout(90_000);
    const { page } = consoleHost;
    const shell = new AppShell(page);
    await shell.waitReady();
    await new OverviewPage(page).testConnection(); // something recorded, so something signed
    await shell.open('Audit');
    const audit = new AuditPage(page);
    await expect(audit.signing()).toContainText(/Signed by key [0-9a-f]{4} [0-9a-f]{4}/);
    await expect(audit.signing()).toContainText('Last checkpoint: entry');
    const key = test.info().outputPath('public-key.pem');
    consoleHost.dialogs.nextSavePath = key;
    await audit.exportPublicKey();

    const folder = test.info().outputPath('pack');
    consoleHost.dialogs.nextSavePath = folder;
    const today = new Date().toISOString().slice(0, 10);
    const outcome = await audit.buildReviewPack({ tenant: 'Sandbox', from: '2020-01-01', to: today });
    await expect(outcome).toContainText(/250 members, \d+ changes?, \d+ leavers?, signed/);
    for (const theme of ['light', 'dark'] as const) {
      await shell.setTheme(theme);
      await shell.screenshot(test.info().outputPath(`review-pack-dialog-${theme}.png`));
    }
    await audit.closeReviewPack();
    const run = runVerifier(folder, key);
    expect(run.out).toContain('checked: roster.csv: SHA-256, 250 records');
    expect(run.out).toMatch(/VERIFIED: access-review, 4 file\(s\), signed by [0-9a-f ]+\./);
    expect(run.code).toBe(0);

    // A new key: recorded, and the pack signed before no longer verifies with it (only with the old one).
    const before = await audit.fingerprint();
    await audit.rotateKey();
    await expect(audit.signing().locator('code')).not.toHaveText(before);
    await expect(audit.rowsFor('audit.key-rotated')).toHaveCount(1);
    const newKey = test.info().outputPath('new-public-key.pem');
    consoleHost.dialogs.nextSavePath = newKey;
    await audit.exportPublicKey();
    expect(runVerifier(folder, newKey).code).toBe(1);

    // The pack's summary page, as the auditor opens it (a browser context of its own, outside the
    // console's, which refuses every address but the app's), in both themes.
    const browser = page.context().browser();
    if (browser) {
      const context = await browser.newContext();
      const viewer = new AppShell(await context.newPage());
      await viewer.page.goto(pathToFileURL(path.join(folder, 'summary.html')).href);
      await expect(viewer.heading).toHaveText('Access review: Sandbox');
      for (const theme of ['light', 'dark'] as const) {
        await viewer.setTheme(theme);
        await viewer.screenshot(path.join(SCREENSHOTS, `review-pack-summary-${theme}.png`));
      }
      await context.close();
    }
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
