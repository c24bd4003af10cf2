import type { Locator, Page } from '@playwright/test';

/** The toast with this text (success, warning or error), in the Notifications region. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.getByRole('region', { name: 'Notifications' }).getByTestId('toast').filter({ hasText: text });
}
