import { startsWithName } from './text';
import { axeFindings } from './accessibility';
import { expect, type Locator, type Page } from '@playwright/test';

export type ViewName =
  'Overview' | 'Members' | 'Groups' | 'Import' | 'Jobs' | 'Tenants' | 'Find a person' | 'Audit' | 'About';

/**
 * The window as a whole: readiness, the sidebar (tenant switcher and views), banners and theme.
 * Scripted runs start here: `const shell = new AppShell(page); await shell.waitReady();`
 */
export class AppShell {
  readonly mainNav: Locator;
  readonly tenantNav: Locator;
  readonly sidebar: Locator;
  readonly readOnlyBanner: Locator;
  readonly heading: Locator;
  /** The danger banner of a start-up problem (an unreadable file, say). */
  readonly alert: Locator;
  readonly reopenWithWriteAccess: Locator;

  /** The first Tab stop: "Skip to content". */
  readonly skipLink: Locator;
  /** The main content, where "Skip to content" and closed dialogs with no opener left send focus. */
  readonly content: Locator;

  constructor(readonly page: Page) {
    this.skipLink = page.getByRole('link', { name: 'Skip to content' });
    this.content = page.getByRole('main');
    this.mainNav = page.getByRole('navigation', { name: 'Main' });
    this.tenantNav = page.getByRole('navigation', { name: 'Tenants' });
    this.sidebar = page.getByRole('complementary', { name: 'Sidebar' });
    this.readOnlyBanner = page.getByRole('status').filter({ hasText: 'Read-only.' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.alert = page.getByRole('alert');
    this.reopenWithWriteAccess = page.getByRole('button', { name: 'Reopen with write access' });
  }

  /** Any text on screen (a banner's or a notice's words). */
  text(text: string | RegExp): Locator {
    return this.page.getByText(text);
  }

  /** Waits for the readiness marker the renderer sets once main has answered. */
  async waitReady(): Promise<void> {
    await expect(this.page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  }

  navItem(view: ViewName): Locator {
    return this.mainNav.getByRole('button', { name: view, exact: true });
  }

  async open(view: ViewName): Promise<void> {
    await this.navItem(view).click();
    await expect(this.navItem(view)).toHaveAttribute('aria-current', 'page');
  }

  /** The switcher entry of a tenant (its accessible name starts with the tenant's name). */
  tenant(name: string): Locator {
    return this.tenantNav.getByRole('button', {
      name: startsWithName(name),
    });
  }

  /** Presses Tab `count` times and answers what took the focus each time (tag, then class). */
  async tabStops(count: number): Promise<string[]> {
    const stops: string[] = [];
    for (let i = 0; i < count; i += 1) {
      await this.page.keyboard.press('Tab');
      stops.push(
        await this.page.evaluate(() => {
          const el = document.activeElement;
          return el ? `${el.tagName.toLowerCase()}.${el.className}` : 'none';
        }),
      );
    }
    return stops;
  }

  /** The part of a tenant's name the sidebar never cuts ("(production)"), so similar names stay apart. */
  tenantTail(name: string): Locator {
    return this.tenant(name).locator('.middle-truncate-tail');
  }

  async switchTo(name: string): Promise<void> {
    await this.tenant(name).click();
    await expect(this.tenant(name)).toHaveAttribute('aria-current', 'true');
  }

  /** The tenant open now, as the switcher shows it. */
  activeTenant(): Locator {
    return this.tenantNav.locator('[aria-current="true"]');
  }

  /** The Content-Security-Policy the page declares (its meta tag). */
  async contentSecurityPolicy(): Promise<string | null> {
    return this.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  }

  /** Switches the emulated OS theme; the console follows prefers-color-scheme. */
  async setTheme(theme: 'light' | 'dark'): Promise<void> {
    await this.page.emulateMedia({ colorScheme: theme });
  }

  /**
   * Saves what the window shows, for a person to look at, and checks it with axe: any violation,
   * of any impact, fails the test (softly, so the remaining screenshots are still taken).
   */
  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file, fullPage: false, animations: 'disabled' });
    const view = file
      .split(/[\\/]/)
      .pop()!
      .replace(/\.png$/, '');
    const findings = await axeFindings(this.page, view);
    expect.soft(findings, `axe on ${view}:\n${JSON.stringify(findings, null, 2)}`).toEqual([]);
  }
}
