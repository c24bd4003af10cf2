import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** One axe finding, short enough to read in a test failure. */
export interface Finding {
  view: string;
  rule: string;
  impact: string;
  targets: string[];
  summary: string;
}

/**
 * Runs axe (WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices) over what the page shows now,
 * and returns every violation of any impact, labelled with `view`.
 */
export async function axeFindings(page: Page, view: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      view,
      rule: violation.id,
      impact: node.impact ?? violation.impact ?? 'unknown',
      targets: node.target.map(String),
      summary: (node.failureSummary ?? violation.help).replace(/\s+/g, ' ').slice(0, 300),
    })),
  );
}
