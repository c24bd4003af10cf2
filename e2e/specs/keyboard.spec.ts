import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app-shell';
import { groupPicker } from '../pages/members-page';
import { openMembers } from './steps';

// WCAG 2.2 AA by keyboard: where focus goes, and what the keys do, in the flows an admin uses most.
test.describe('keyboard', () => {
  test('the first Tab reaches "Skip to content", which moves focus to the view', async ({ consoleHost }) => {
    const shell = new AppShell(consoleHost.page);
    await shell.waitReady();
    await consoleHost.page.keyboard.press('Tab');
    await expect(shell.skipLink).toBeFocused();
    await expect(shell.skipLink).toBeInViewport();
    await consoleHost.page.keyboard.press('Enter');
    await expect(shell.content).toBeFocused();
  });

  test('dialogs give focus back, Escape clears a search box before it closes, arrows go from the filter into the list', async ({
    consoleHost,
  }) => {
    const { page } = consoleHost;
    const members = await openMembers(page);
    // A dialog opened from a button gives the focus back to it when it closes.
    await members.provisionButton.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Provision member' })).toBeVisible();
    // Tab goes from field to button and round again, never to the dialog's body.
    const stops = await new AppShell(page).tabStops(8);
    expect(stops.filter((s) => s.includes('dialog-body'))).toEqual([]);
    expect(stops.some((s) => s.startsWith('input'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Provision member' })).toBeHidden();
    await expect(members.provisionButton).toBeFocused();

    const detail = await members.openMember(await members.nameAt(0));
    const addToGroup = detail.button('Add to group…');
    await addToGroup.focus();
    await page.keyboard.press('Enter');
    const picker = groupPicker(page);
    await expect(picker.filter).toBeFocused();
    // ↓ from the filter enters the list, ↓ moves on, ↑ from the first item goes back to the filter.
    await page.keyboard.press('ArrowDown');
    await expect(picker.options.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(picker.options.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(picker.filter).toBeFocused();
    // Escape with text clears the box and keeps the dialog; with the box empty it closes it.
    await picker.filter.fill('Eng');
    await page.keyboard.press('Escape');
    await expect(picker.filter).toHaveValue('');
    await expect(picker.dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(picker.dialog).toBeHidden();
    await expect(addToGroup).toBeFocused();
  });

  test('in the member grid, a ticked box moves the highlight and the focus, so Space acts on that member', async ({
    consoleHost,
  }) => {
    const members = await openMembers(consoleHost.page);
    await members.rows.nth(0).click();
    await members.rows.nth(2).getByRole('checkbox').click();
    await expect(members.rows.nth(2)).toHaveAttribute('aria-current', 'true');
    await expect(members.rows.nth(2)).toHaveAttribute('aria-selected', 'true');
    await expect(members.gridBody).toBeFocused();
    // Space toggles the highlighted member (the one just ticked), not the one viewed before.
    await consoleHost.page.keyboard.press('Space');
    await expect(members.rows.nth(2)).toHaveAttribute('aria-selected', 'false');
    await expect(members.rows.nth(0)).toHaveAttribute('aria-selected', 'false');
    // The grid is one Tab stop: its checkboxes are reached through it, not one by one.
    await expect(members.rows.nth(1).getByRole('checkbox')).toHaveAttribute('tabindex', '-1');
  });
});
