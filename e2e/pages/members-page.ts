import { literal } from './text';
import { expect, type Locator, type Page } from '@playwright/test';
import { toast } from './toasts';

/**
 * The Members view. Scripted runs: `const members = new MembersPage(page); await members.open();
 * await members.search('ana@'); await members.row('ana@example.com').click();`
 */
export class MembersPage {
  readonly heading: Locator;
  readonly summary: Locator;
  readonly searchBox: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly progress: Locator;
  readonly selectionBar: Locator;
  readonly groupFilter: Locator;
  /** The notice above the table when a listing left members out (cut short, or sent broken). */
  readonly listingNotice: Locator;
  /** The scrolling body of the grid, which takes the keyboard (arrows, Space, Ctrl/Cmd+A, Escape). */
  readonly gridBody: Locator;
  /** The state the grid shows when nothing matches the search and filters. */
  readonly noMatches: Locator;
  readonly provisionButton: Locator;
  readonly refreshButton: Locator;
  /** The notice a failed refresh leaves above the last good list (with Retry). */
  readonly loadFailure: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Members' });
    this.summary = page.locator('.view-subtitle');
    this.searchBox = page.getByRole('searchbox', { name: 'Search members' });
    this.grid = page.getByRole('grid', { name: 'Members' });
    this.rows = this.grid.locator('[role="row"][data-member-id]');
    this.progress = page.getByRole('progressbar', { name: 'Loading members' });
    this.selectionBar = page.locator('.selection-bar');
    this.groupFilter = page.getByRole('combobox', { name: 'Group' });
    this.listingNotice = page.getByRole('status').filter({ hasText: /left out|some are missing/ });
    this.gridBody = this.grid.getByRole('rowgroup', { name: /^Members list/ });
    this.noMatches = page.getByRole('status').filter({ hasText: 'No members match' });
    this.provisionButton = page.getByRole('button', { name: 'Provision member' });
    this.refreshButton = page.getByRole('button', { name: 'Refresh', exact: true });
    this.loadFailure = page.getByRole('alert').filter({ hasText: 'Refreshing the members failed' });
  }

  /** The name shown in the row at this position (0 is the first row). */
  async nameAt(index: number): Promise<string> {
    return (await this.rows.nth(index).getByRole('rowheader').innerText()).trim();
  }

  /** A cell of the row at this position, in the default columns. */
  cellAt(index: number, column: 'email' | 'status' | 'groups'): Locator {
    const position = { email: 1, status: 2, groups: 3 }[column];
    return this.rows.nth(index).getByRole('gridcell').nth(position);
  }

  /** The member id of the row at this position. */
  async idAt(index: number): Promise<string> {
    return (await this.rows.nth(index).getAttribute('data-member-id')) ?? '';
  }

  /** The row of a member by its id (present only while it is in the DOM, i.e. in view). */
  rowById(id: string): Locator {
    return this.grid.locator(`[role="row"][data-member-id="${id}"]`);
  }

  /** The empty state's way back: clears the search and every filter. */
  async clearSearchAndFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clear search and filters' }).click();
  }

  /** Opens the Provision member dialog without filling it. */
  async startProvision(): Promise<ProvisionDialog> {
    await this.provisionButton.click();
    const dialog = new ProvisionDialog(this.page);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /** A selection bar action (Add to group…, Deactivate…, Delete…), opening its dialog. */
  selectionAction(name: string): Locator {
    return this.selectionBar.getByRole('button', { name });
  }

  /** Clicks Undo on the toast with this text. */
  async undo(toastText: string | RegExp): Promise<void> {
    await this.toast(toastText).getByRole('button', { name: 'Undo' }).click();
  }

  /** A dialog by its title. */
  dialog(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** Refreshes the listing from the server and waits until it has loaded. */
  async refresh(): Promise<void> {
    await this.refreshButton.click();
    await this.waitLoaded();
    await expect(this.refreshButton).toBeEnabled({ timeout: 30_000 });
  }

  /** Clicks Members in the sidebar without waiting for the listing (to watch it load). */
  async openWithoutWaiting(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Members', exact: true })
      .click();
  }

  /** Opens the view from the sidebar and waits until the listing has loaded. */
  async open(): Promise<void> {
    await this.openWithoutWaiting();
    await this.waitLoaded();
  }

  async waitLoaded(timeout?: number): Promise<void> {
    await expect(this.page.locator('html')).toHaveAttribute('data-members-ready', 'true', timeout ? { timeout } : {});
    await expect(this.grid).toHaveAttribute('aria-busy', 'false');
  }

  /** Types a search and waits until the table shows its answer. */
  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
    await expect(this.grid).toHaveAttribute('data-query', text);
  }

  /** How many members match the search and filters (not only the rows in the DOM). */
  async matchCount(): Promise<number> {
    return Number(await this.grid.getAttribute('data-rows'));
  }

  async filterStatus(status: 'All' | 'Active' | 'Inactive'): Promise<void> {
    await this.page
      .getByRole('radiogroup', { name: 'Status' })
      .getByRole('radio', { name: status, exact: true })
      .click();
  }

  /** Adds the selected members to a group (the selection bar's Add to group…). */
  async addSelectionToGroup(group: string): Promise<void> {
    await this.selectionBar.getByRole('button', { name: 'Add to group…' }).click();
    await pickGroup(this.page, group);
  }

  /** Searches for a member by email and ticks its row (the selection survives further searches). */
  async selectByEmail(email: string): Promise<boolean> {
    await this.search(email);
    const row = this.rows.filter({ hasText: email }).first();
    if ((await this.rows.filter({ hasText: email }).count()) === 0) return false;
    await row.getByRole('checkbox').check();
    return true;
  }

  /**
   * Runs a bulk action on the selection (Deactivate…, Reactivate…, Delete…), confirming its dialog
   * (typing the count for Delete); the view moves to Jobs, where the job runs.
   */
  async bulk(action: 'Deactivate' | 'Reactivate' | 'Delete'): Promise<void> {
    const dialog = await this.startBulk(action);
    if (action === 'Delete') {
      const count = /Delete (\d+)/.exec(await dialog.go.innerText())?.[1] ?? '';
      await dialog.count.fill(count);
    }
    await dialog.go.click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  }

  /** Opens a bulk action's confirmation dialog for the selection, without confirming it. */
  async startBulk(action: 'Deactivate' | 'Reactivate' | 'Delete'): Promise<BulkDialog> {
    await this.selectionAction(`${action}…`).click();
    const dialog = new BulkDialog(this.page, action);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /** The emails of the rows in view (the first screenful of matches). */
  async shownEmails(): Promise<string[]> {
    const texts = await this.rows.locator('[role="gridcell"]').filter({ hasText: '@' }).allInnerTexts();
    return texts.map((t) => t.trim());
  }

  /**
   * Brings a member into view by email, wherever it is in a long (virtualised) list: searches for
   * the email and answers its row.
   */
  async reveal(email: string): Promise<Locator> {
    await this.search(email);
    const row = this.row(email);
    await expect(row).toHaveCount(1);
    return row;
  }

  /** A row by any text it shows (name or email). */
  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  /** Opens a member's detail panel by clicking its row. */
  async openMember(text: string): Promise<MemberDetailPanel> {
    await this.row(text).first().click();
    const detail = new MemberDetailPanel(this.page);
    await expect(detail.panel).toBeVisible();
    return detail;
  }

  async provision(member: { email: string; givenName: string; familyName: string }): Promise<void> {
    const dialog = await this.startProvision();
    await dialog.email.fill(member.email);
    await dialog.givenName.fill(member.givenName);
    await dialog.familyName.fill(member.familyName);
    await dialog.submit.click();
  }

  /**
   * Exports the members the current search and filters show (the host's save dialog decides where)
   * and waits for the toast naming `path`, or for the newest export toast when no path is given.
   */
  async exportShown(format: 'CSV' | 'JSON', path?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Export members shown' }).click();
    await this.page.getByRole('menuitem', { name: new RegExp(`^${format}`) }).click();
    const done = this.toast(/^Exported \d+ members/);
    await expect(path === undefined ? done.last() : done.filter({ hasText: path })).toBeVisible();
  }

  /** The toast with this text (success, warning or error). */
  toast(text: string | RegExp): Locator {
    return toast(this.page, text);
  }
}

/** The member detail panel beside the table. */
export class MemberDetailPanel {
  readonly panel: Locator;
  readonly rawJson: Locator;
  readonly groups: Locator;
  readonly auditEntries: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('complementary', { name: 'Member detail' });
    this.rawJson = this.panel.getByLabel('Raw SCIM JSON');
    this.groups = this.panel.getByRole('list', { name: 'Groups of this member' });
    this.auditEntries = this.panel.getByRole('list', { name: 'Audit entries for this member' });
  }

  status(): Locator {
    return this.panel.locator('.detail-status .pill').first();
  }

  button(name: string | RegExp): Locator {
    return this.panel.getByRole('button', { name });
  }

  /** Deactivate or reactivate, confirming in the dialog that explains what happens. */
  async setActive(active: boolean): Promise<void> {
    await this.button(active ? 'Reactivate' : 'Deactivate').click();
    const dialog = this.page.getByRole('dialog', { name: active ? /^Reactivate/ : /^Deactivate/ });
    await dialog.getByRole('button', { name: active ? 'Reactivate' : 'Deactivate', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** The panel's heading (the member's name). */
  heading(name: string): Locator {
    return this.panel.getByRole('heading', { name });
  }

  /** Opens the Delete dialog without confirming it. */
  async startDelete(): Promise<DeleteMemberDialog> {
    await this.button('Delete…').click();
    const dialog = new DeleteMemberDialog(this.page);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /** Delete, typing the member's email to confirm. */
  async delete(email: string): Promise<void> {
    const dialog = await this.startDelete();
    await dialog.confirmation.fill(email);
    await dialog.confirm.click();
  }

  async addToGroup(group: string): Promise<void> {
    await this.button('Add to group…').click();
    await pickGroup(this.page, group);
  }

  async removeFromGroup(group: string): Promise<void> {
    await this.panel.getByRole('button', { name: `Remove from ${group}` }).click();
  }

  async close(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Close member detail' }).click();
  }
}

/** A bulk action's confirmation: what it does, the typed count for Delete, and the button that starts the job. */
export class BulkDialog {
  readonly dialog: Locator;
  /** The button that starts the job ("Deactivate 6 members"). */
  readonly go: Locator;
  /** Delete only: the number of members, typed to confirm. */
  readonly count: Locator;

  constructor(
    readonly page: Page,
    action: 'Deactivate' | 'Reactivate' | 'Delete',
  ) {
    this.dialog = page.getByRole('dialog', { name: new RegExp(`^${action} \\d+ members?`) });
    this.go = this.dialog.getByRole('button', { name: new RegExp(`^${action} \\d+ member`) });
    this.count = this.dialog.getByRole('textbox', { name: 'Number of members to delete' });
  }
}

/** The Provision member dialog. */
export class ProvisionDialog {
  readonly dialog: Locator;
  readonly email: Locator;
  readonly givenName: Locator;
  readonly familyName: Locator;
  /** The warning shown as the email is typed when the listing has it already. */
  readonly alert: Locator;
  readonly submit: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Provision member' });
    this.email = this.dialog.getByLabel('Email');
    this.givenName = this.dialog.getByLabel('Given name');
    this.familyName = this.dialog.getByLabel('Family name');
    this.alert = this.dialog.getByRole('alert');
    this.submit = this.dialog.getByRole('button', { name: 'Provision', exact: true });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel' });
  }
}

/** The Delete member dialog, which waits for the member's email to be typed. */
export class DeleteMemberDialog {
  readonly dialog: Locator;
  readonly confirmation: Locator;
  readonly confirm: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Delete .*\?$/ });
    this.confirmation = this.dialog.getByLabel("Type the member's email to confirm");
    this.confirm = this.dialog.getByRole('button', { name: 'Delete member' });
  }
}

/** Picks a group in the Add to group dialog and confirms. */
/** The "Add … to a group" dialog, its filter box and its list of groups. */
export function groupPicker(page: Page): { dialog: Locator; filter: Locator; options: Locator } {
  const dialog = page.getByRole('dialog', { name: /^Add .* to a group$/ });
  return {
    dialog,
    filter: dialog.getByRole('searchbox', { name: 'Filter groups' }),
    options: dialog.getByRole('listbox', { name: 'Groups' }).getByRole('option'),
  };
}

export async function pickGroup(page: Page, group: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: /^Add .* to a group$/ });
  await dialog.getByRole('searchbox', { name: 'Filter groups' }).fill(group);
  await dialog.getByRole('option', { name: new RegExp(`^${literal(group)} [\\d,]+ members?$`) }).click();
  await dialog.getByRole('button', { name: `Add to ${group}` }).click();
  await expect(dialog).toBeHidden();
}
