import type { Locator, Page } from '@playwright/test';

/** The toast with this text (success, warning or error), in the Notifications region. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.getByRole('region', { name: 'Notifications' }).getByTestId('toast').filter({ hasText: text });
}

/** Dismisses every toast shown (before a screenshot, say). */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}
