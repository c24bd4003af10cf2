import path from 'node:path';
import { expect, test } from '../fixtures';
import { AboutPanel } from '../pages/about-panel';
import { AppShell, type ViewName } from '../pages/app-shell';

const VIEWS: ViewName[] = ['About'];
// `npm run screenshots` points SCREENSHOTS_DIR at docs/screenshots to refresh the README's pictures.
const OUT = path.resolve(process.env.SCREENSHOTS_DIR ?? path.join(__dirname, '../../test-results/screenshots'));

// Saves every view in both themes so a person can look at them (and the README can show them).
for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of every view in the ${theme} theme`, async ({ consoleHost }) => {
    const shell = new AppShell(consoleHost.page);
    await shell.setTheme(theme);
    await shell.waitReady();
    for (const view of VIEWS) {
      await shell.open(view);
      await expect(new AboutPanel(consoleHost.page).heading).toBeVisible();
      const background = await consoleHost.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(theme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(247, 248, 250)');
      await shell.screenshot(path.join(OUT, `${view.toLowerCase()}-${theme}.png`));
    }
  });
}
