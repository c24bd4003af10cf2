import type { Locator, Page } from '@playwright/test';

export type AboutField =
  'version' | 'platform' | 'host' | 'build' | 'data-directory' | 'node' | 'electron' | 'chromium';

/** The About panel: what build is running, on which host, and where its data lives. */
export class AboutPanel {
  readonly heading: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'About', level: 1 });
    this.details = page.getByLabel('Application details');
  }

  field(name: AboutField): Locator {
    return this.page.getByTestId(`about-${name}`);
  }

  copyDataDirectoryButton(): Locator {
    return this.page.getByRole('button', { name: 'Copy data directory' });
  }
}
