import { startsWithName } from './text';
import { expect, type Locator, type Page } from '@playwright/test';
import { toast } from './toasts';

/** The Groups view and a group's detail panel. */
export class GroupsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly detail: Locator;
  readonly createButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Groups' });
    this.table = page.getByRole('table', { name: 'Groups' });
    this.detail = page.getByRole('complementary', { name: 'Group detail' });
    this.createButton = page.getByRole('button', { name: 'Create group' });
  }

  /** The toast with this text (success, warning or error). */
  toast(text: string | RegExp): Locator {
    return toast(this.page, text);
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Groups', exact: true })
      .click();
    await expect(this.table).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** The member count the list shows for a group. */
  async memberCount(name: string): Promise<number> {
    return Number((await this.row(name).getByRole('cell').first().innerText()).replace(/[^\d]/g, ''));
  }

  async create(name: string): Promise<void> {
    await this.createButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Create group' });
    await dialog.getByLabel('Group name').fill(name);
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await expect(dialog).toBeHidden();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.page.getByRole('button', { name: `Rename ${from}`, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `Rename ${from}`, exact: true });
    await dialog.getByLabel('Group name').fill(to);
    await dialog.getByRole('button', { name: 'Rename' }).click();
  }

  async delete(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete ${name}`, exact: true }).click();
    await this.page
      .getByRole('dialog', { name: `Delete ${name}?`, exact: true })
      .getByRole('button', { name: 'Delete group' })
      .click();
  }

  /** Opens a group's detail panel. */
  async openGroup(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name, exact: true }).click();
    await expect(this.detail.getByRole('heading', { name })).toBeVisible();
  }

  /** In the open group: searches the picker and adds every member it ticks. */
  async addMembers(search: string, names: string[]): Promise<void> {
    await this.detail.getByRole('button', { name: 'Add members…' }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Add members to/ });
    await dialog.getByRole('searchbox', { name: 'Search members to add' }).fill(search);
    for (const name of names) await dialog.getByRole('checkbox', { name: startsWithName(name) }).check();
    await dialog.getByRole('button', { name: /^Add \d+ to group$/ }).click();
    await expect(dialog).toBeHidden();
    // Several members are added by a job: wait until the group's detail lists each of them.
    for (const name of names) {
      await expect(this.detailMembers().filter({ hasText: name })).toHaveCount(1, { timeout: 30_000 });
    }
  }

  detailMembers(): Locator {
    return this.detail.getByRole('list', { name: /^Members of / }).getByRole('listitem');
  }

  /** In the open group: removes the first member its list shows, and answers that member's name. */
  async removeFirstDetailMember(group: string): Promise<string> {
    const first = this.detailMembers().first();
    const who = (await first.getByRole('button').first().innerText()).split('\n')[0]!.trim();
    await first.getByRole('button', { name: `Remove ${who} from ${group}` }).click();
    return who;
  }
}

/** The command palette (Ctrl/Cmd+K). */
export class CommandPalette {
  readonly dialog: Locator;
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Command palette' });
    this.input = this.dialog.getByRole('combobox', { name: 'Type a command' });
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+k');
    await expect(this.input).toBeFocused();
  }

  /** Opens the palette, types, and runs the first command that matches. */
  async run(text: string): Promise<void> {
    await this.open();
    await this.input.fill(text);
    await this.input.press('Enter');
    await expect(this.dialog).toBeHidden();
  }

  option(name: string | RegExp): Locator {
    return this.dialog.getByRole('option', { name });
  }
}
