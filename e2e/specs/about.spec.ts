import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, HOST, test } from '../fixtures';
import { AboutPanel } from '../pages/about-panel';
import { AppShell } from '../pages/app-shell';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };

test.describe('About', () => {
  test('shows the version, host and data directory reported by main', async ({ consoleHost }) => {
    const shell = new AppShell(consoleHost.page);
    await shell.waitReady();
    await shell.open('About');

    const about = new AboutPanel(consoleHost.page);
    await expect(about.heading).toBeVisible();
    await expect(about.field('version')).toHaveText(pkg.version);
    await expect(about.field('host')).toHaveText(HOST === 'electron' ? 'Electron desktop app' : 'Chromium test host');
    await expect(about.field('data-directory')).toHaveText(consoleHost.dataDir);
    await expect(about.field('build')).toHaveText('Development build');
    await expect(shell.sidebar).toContainText(`v${pkg.version}`);
  });

  test('loads with no console errors and no CSP violations', async ({ consoleHost }) => {
    await new AppShell(consoleHost.page).waitReady();
    expect(consoleHost.consoleErrors).toEqual([]);
  });
});
