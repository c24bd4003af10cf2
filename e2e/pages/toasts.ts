import { expect, type Locator, type Page } from '@playwright/test';

/** The toast with this text (success, warning or error), in the Notifications region. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.getByRole('region', { name: 'Notifications' }).getByTestId('toast').filter({ hasText: text });
}

/** Dismisses every toast shown (before a screenshot, say). */
export async function dismissToasts(page: Page): Promise<void> {
  await closeAll(
    page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss notification' }),
  );
}

/** Clicks each close button until none is left; a toast may also leave by itself between the count and the click. */
async function closeAll(close: Locator): Promise<void> {
  for (let round = 0; round < 20 && (await close.count()) > 0; round += 1) {
    await close
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  }
  await expect(close).toHaveCount(0);
}

/**
 * Runs `action` and waits for the toast it raises. Toasts with the same text are dismissed first:
 * a repeat is counted on the toast already shown (×2), so counting toasts cannot tell a new one.
 */
export async function expectNewToast(page: Page, text: string | RegExp, action: () => Promise<void>): Promise<Locator> {
  const shown = toast(page, text);
  await closeAll(shown.getByRole('button', { name: 'Dismiss notification' }));
  await action();
  await expect(shown).toHaveCount(1);
  return shown;
}
