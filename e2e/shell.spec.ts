import { expect, test } from './support/fixtures';
import { invoke } from './support/preview';
import { freshMfaCode, mfaSecret } from './support/mfa-codes';
import { mfaDialog, mfaInput, roleRow } from './support/locators';

// The built renderer as the app ships it, under its own Content-Security-Policy (the fixture fails
// any test with a console error, a page error or a CSP violation).

test('the app starts under its strict CSP and shows the roles with a Sandbox badge', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(page.getByRole('heading', { level: 1, name: 'RoleTray' })).toBeVisible();
  await expect(roleRow(page, 'prod-read-only')).toBeVisible();
  await expect(page.locator('.badge-sandbox')).toHaveText('Sandbox');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  // No <style> element and no style attribute came from HTML: every rule is in the bundled CSS file.
  expect(await page.locator('style').count()).toBe(0);
  await app.screenshot('shell-light');
});

test('light and dark themes follow the OS', async ({ app }) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open();
  await expect(roleRow(page, 'prod-read-only')).toBeVisible();
  const root = page.locator('html');
  await expect(root).toHaveCSS('background-color', 'rgb(246, 247, 249)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(root).toHaveCSS('background-color', 'rgb(15, 18, 22)');
  await app.screenshot('shell-dark');
});

test('memory-only persistence is explained', async ({ app }) => {
  const { page } = app;
  // The preview encrypts its store; stand in for a Linux desktop without a keyring.
  await page.route(
    (url) => decodeURIComponent(url.pathname) === '/invoke/app:state',
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: Record<string, unknown> };
      const reason =
        'No keyring (GNOME Keyring or KWallet) is available, so stored secrets would only be obfuscated.';
      await route.fulfill({
        response,
        json: { ...body, value: { ...body.value, persistence: { mode: 'memory', reason } } },
      });
    },
  );
  await app.open();
  const note = page.getByRole('note');
  await expect(note).toContainText('Sessions are kept in memory only');
  await expect(note).toContainText('will not survive a restart');
  await expect(note).toContainText('No keyring');
  await app.screenshot('shell-memory-only');
});

test('#mfa shows only the MFA dialog, takes a pasted code with spaces, and closes', async ({ app }) => {
  // A fresh MFA code may mean waiting for the next 30-second step.
  test.setTimeout(90_000);
  const { page } = app;
  await app.open('#mfa');
  await expect(page.getByText('No MFA code is being asked for right now.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'RoleTray', level: 1 })).toHaveCount(0);
  await expect(page.getByRole('searchbox')).toHaveCount(0);

  // The tray (or another window) assumes a role that needs a code; this window asks for it.
  const assumed = invoke('sessions:assume', { profile: 'prod-recent-mfa' });
  await expect(mfaDialog(page)).toBeVisible();
  await expect(mfaDialog(page)).toContainText('prod-recent-mfa');
  await app.screenshot('mfa-window');
  const { secret } = await mfaSecret();
  const code = await freshMfaCode(secret);
  // As pasted from an authenticator that groups the digits.
  await mfaInput(page).fill(` ${code.slice(0, 3)} ${code.slice(3)} `);
  const result = await assumed;
  expect(result.ok).toBe(true);
  await expect(mfaDialog(page)).toBeHidden();
  await expect(page.getByText('No MFA code is being asked for right now.')).toBeVisible();
});

test('Escape cancels the MFA prompt without reporting an error', async ({ app }) => {
  const { page } = app;
  await app.open();
  const row = roleRow(page, 'prod-read-only-mfa');
  await row.getByRole('button', { name: 'Assume prod-read-only-mfa', exact: true }).click();
  await expect(mfaInput(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(mfaDialog(page)).toBeHidden();
  await expect(row.getByRole('button', { name: 'Assume prod-read-only-mfa', exact: true })).toBeEnabled();
  // Focus goes back to the role, not to the page's body.
  // Browser code as a string: the Node half's tsconfig has no DOM types.
  expect(
    await page.evaluate<boolean>(`!!document.activeElement?.closest('[data-role-row="prod-read-only-mfa"]')`),
  ).toBe(true);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(row).toContainText('No session');
});
