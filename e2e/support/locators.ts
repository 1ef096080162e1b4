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
