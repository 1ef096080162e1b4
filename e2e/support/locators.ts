import type { Locator, Page } from '@playwright/test';

/** A role's row in the list, by the name it shows (the display name, else the profile name). */
export const roleRow = (page: Page, label: string): Locator =>
  page.getByRole('listitem', { name: label, exact: true });

export const mfaDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Enter MFA code' });

export const mfaInput = (page: Page): Locator =>
  mfaDialog(page).getByRole('textbox', { name: 'MFA code', exact: true });

/** The identity card with this heading, e.g. "prod-read-only (session)" or "dev (your keys)". */
export const identityCard = (page: Page, title: string): Locator =>
  page.getByRole('complementary', { name: 'Identity' }).getByRole('region', { name: title, exact: true });

/** Every role row the list has drawn (account headers are list items too, so not getByRole). */
export const roleRows = (page: Page): Locator => page.locator('[data-role-row]');

/** The selected role's details beside the list (its hand-off panel and editor open there). */
export const roleDetails = (page: Page, label: string): Locator =>
  page.getByRole('region', { name: label, exact: true });

/** Opens a role's row menu and chooses an item by its name (shortcut included, e.g. "End session X"). */
export async function chooseRoleAction(page: Page, label: string, item: string | RegExp): Promise<void> {
  await roleRow(page, label)
    .getByRole('button', { name: `More actions for ${label}`, exact: true })
    .click();
  await page
    .getByRole('menu', { name: `Actions for ${label}` })
    .getByRole('menuitem', { name: item })
    .click();
}
