import { expect, type Locator, type Page } from '@playwright/test';
import { JobsPage } from './jobs-page';
import { literal } from './text';

/**
 * The Undo view: the inverse plan of a job or a single action, checked against the tenant, and
 * Apply. Scripted runs:
 * `const undo = await UndoPage.ofJob(page, 'Deactivate 40 members'); await undo.apply();`
 */
export class UndoPage {
  readonly heading: Locator;
  readonly plan: Locator;
  readonly changedSince: Locator;
  /** Members changed after the change being undone, each skipped unless "Undo anyway" is ticked. */
  readonly changedAfter: Locator;
  readonly undoAllAnyway: Locator;
  readonly notUndone: Locator;
  readonly applyButton: Locator;
  readonly confirmation: Locator;
  readonly recreate: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Undo' });
    this.plan = page.getByLabel('Undo plan', { exact: true });
    this.changedSince = page.getByLabel('Changed since', { exact: true });
    this.changedAfter = page.getByLabel('Changed after the change', { exact: true });
    this.undoAllAnyway = this.changedAfter.getByRole('checkbox', { name: /^Undo all [\d,]+ changed steps anyway/ });
    this.notUndone = page.getByLabel('Not undone', { exact: true });
    this.applyButton = page.getByRole('button', { name: /^(Undo \d[\d,]* changes?|Nothing to undo|Starting…)$/ });
    this.confirmation = page.getByRole('textbox', { name: 'Confirmation' });
    this.recreate = page.getByRole('checkbox', { name: /Re-create the/ });
  }

  /** Opens the undo of a job from its card in Jobs, and waits for the plan. */
  static async ofJob(page: Page, title: string | RegExp): Promise<UndoPage> {
    const jobs = new JobsPage(page);
    await jobs.button(title, 'Undo…').click();
    const undo = new UndoPage(page);
    await expect(undo.heading).toBeVisible();
    await undo.waitPlanned();
    return undo;
  }

  async waitPlanned(): Promise<void> {
    await expect(this.plan).toBeVisible({ timeout: 30_000 });
  }

  /** A figure of the plan by its label ("to reactivate", "group additions", "changed since"). */
  async count(label: string): Promise<number> {
    const figure = this.plan.getByLabel(new RegExp(`^\\d+ ${label}$`));
    return Number((await figure.getAttribute('aria-label'))!.split(' ')[0]);
  }

  /** The "Undo anyway" box of a member changed since (by userName). */
  undoAnyway(userName: string): Locator {
    return this.changedAfter.getByRole('checkbox', { name: new RegExp(`^Undo anyway: \\w+ ${literal(userName)} `) });
  }

  /** Applies the plan (typing the confirmation when it asks for one); the view moves to Jobs. */
  async apply(): Promise<void> {
    if (await this.confirmation.isVisible()) {
      const phrase = await this.page.locator('.field-label strong').innerText();
      await this.confirmation.fill(phrase);
    }
    await this.applyButton.click();
    await expect(new JobsPage(this.page).heading).toBeVisible();
  }
}
