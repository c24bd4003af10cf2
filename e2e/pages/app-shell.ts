import { expect, type Locator, type Page } from '@playwright/test';

export type ViewName = 'About';

/**
 * The window as a whole: readiness, the sidebar navigation and the theme. Scripted runs start
 * here: `const shell = new AppShell(page); await shell.waitReady(); await shell.open('About');`
 */
export class AppShell {
  readonly mainNav: Locator;
  readonly sidebar: Locator;

  constructor(readonly page: Page) {
    this.mainNav = page.getByRole('navigation', { name: 'Main' });
    this.sidebar = page.getByRole('complementary', { name: 'Sidebar' });
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

  /** Switches the emulated OS theme; the console follows prefers-color-scheme. */
  async setTheme(theme: 'light' | 'dark'): Promise<void> {
    await this.page.emulateMedia({ colorScheme: theme });
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file, fullPage: false, animations: 'disabled' });
  }
}
