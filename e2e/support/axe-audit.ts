import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// One axe-core audit for every spec: WCAG 2.1 A and AA rules over the page (or the part `selector`
// names), each violation listed with its nodes, so the failure says what to fix.

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function audit(page: Page, view: string, selector?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_21_AA);
  const { violations } = await (selector ? builder.include(selector) : builder).analyze();
  const found = violations.map(
    (violation) =>
      `${view}: ${violation.id} (${violation.impact ?? 'unrated'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n'),
  );
  expect(found, `axe found WCAG 2.1 A/AA violations in ${view}`).toEqual([]);
}
