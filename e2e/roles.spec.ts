import { expect, test } from './support/fixtures';
import { chooseRoleAction, roleRow, roleRows } from './support/locators';

// The roles view: search as you type, keyboard use, favourites, and the user's name and colour.

test('search filters as you type, across names, roles and accounts', async ({ app }) => {
  const { page } = app;
  await app.open();
  const search = page.getByRole('searchbox', { name: 'Search roles' });
  await search.fill('mfa');
  await expect(roleRows(page)).toHaveCount(2);
  await expect(roleRow(page, 'prod-read-only-mfa')).toBeVisible();
  await expect(roleRow(page, 'prod-recent-mfa')).toBeVisible();
  await expect(page.getByText('2 of 11 roles match')).toBeVisible();
  await search.fill('acme-prod nothing-like-this');
  await expect(page.getByText(/No role matches/)).toBeVisible();
  await search.fill('break-glass');
  await expect(roleRows(page)).toHaveCount(1);
  await app.screenshot('roles-search');
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(roleRows(page)).toHaveCount(11);
});

test('keyboard: / focuses search, arrows move through the roles, Enter assumes', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(roleRow(page, 'prod-audit')).toBeVisible();
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search roles' });
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');

  // In the order shown (favourites and recently used roles first, so it depends on earlier specs).
  const rows = roleRows(page);
  await page.keyboard.press('ArrowDown');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();

  // Type to narrow, then down into the list and Enter.
  await page.keyboard.type('audit');
  await page.keyboard.press('ArrowDown');
  const row = roleRow(page, 'prod-audit');
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row).toContainText('Active ·');
  await expect(row.getByRole('timer')).toBeVisible();
  // Tab reaches the row's own buttons; the focus ring is visible.
  await page.keyboard.press('Tab');
  await expect(row.getByRole('button', { name: 'Renew prod-audit' })).toBeFocused();
  await expect(row.getByRole('button', { name: 'Renew prod-audit' })).toHaveCSS('outline-style', 'solid');
  await app.screenshot('roles-keyboard');
});

test('a favourite comes first and stays one after a reload', async ({ app }) => {
  const { page } = app;
  await app.open();
  const first = await roleRows(page).first().getAttribute('data-role-row');
  await chooseRoleAction(page, 'prod-recent-mfa', /^Add to favourites/);
  await expect(roleRows(page).first()).toHaveAccessibleName('prod-recent-mfa');
  await expect(roleRow(page, 'prod-recent-mfa').getByTitle('Favourite')).toBeVisible();
  await page.reload();
  await expect(roleRows(page).first()).toHaveAccessibleName('prod-recent-mfa');
  await chooseRoleAction(page, 'prod-recent-mfa', /^Remove from favourites/);
  await expect(roleRows(page).first()).toHaveAttribute('data-role-row', first!);
});

test('a display name and a colour, set in RoleTray', async ({ app }) => {
  const { page } = app;
  await app.open();
  await chooseRoleAction(page, 'prod-audit', /^Edit name and colour/);
  const editor = page.getByRole('form', { name: 'Settings for prod-audit' });
  await editor.getByRole('textbox', { name: 'Display name' }).fill('Prod audit (external id)');
  await editor.getByLabel('Colour').fill('#ff8800');
  await app.screenshot('roles-edit');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();

  const row = roleRow(page, 'Prod audit (external id)');
  await expect(row).toContainText('prod-audit');
  await expect(row.locator('.role-swatch')).toHaveCSS('background-color', 'rgb(255, 136, 0)');
  await expect(page.getByRole('button', { name: 'Edit Prod audit (external id)' })).toBeFocused();
  await app.screenshot('roles-renamed');

  // Cleared again: the profile name comes back.
  await page.getByRole('button', { name: 'Edit Prod audit (external id)' }).click();
  await page.getByRole('textbox', { name: 'Display name' }).fill('');
  await page.getByRole('button', { name: 'No colour' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(roleRow(page, 'prod-audit').locator('.role-swatch')).toHaveClass(/no-colour/);
});

test('#role=<profile> opens the app on that role', async ({ app }) => {
  const { page } = app;
  await app.open('#role=prod-log-reader');
  const row = roleRow(page, 'prod-log-reader');
  await expect(row).toBeFocused();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(
    page.getByText('Assume prod-log-reader to see the identity its session gives you.'),
  ).toBeVisible();
});
