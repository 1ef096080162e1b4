import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { chooseRoleAction, mfaDialog, mfaInput, roleRow } from './support/locators';
import { freshMfaCode, mfaSecret } from './support/mfa-codes';

// The MFA session made visible, in the real renderer against the sandbox: the panel shows the
// device and its time left once a code was entered; End session says the MFA session stays;
// Forget drops it, so the next assume asks for a code again; Sign out of all asks first.

// Buttons are pressed with the keyboard: rows above grow as their countdowns re-render, and a
// mouse click aimed a moment earlier can land on the row instead of its button.
const assumeButton = (page: Page, profile: string) =>
  roleRow(page, profile).getByRole('button', { name: `Assume ${profile}`, exact: true });

const panel = (page: Page) => page.getByRole('region', { name: 'MFA sessions', exact: true });

async function assumeWithCode(page: Page, profile: string, secret: string) {
  await assumeButton(page, profile).press('Enter');
  await expect(mfaDialog(page)).toBeVisible();
  await mfaInput(page).pressSequentially(await freshMfaCode(secret));
  await expect(mfaDialog(page)).toBeHidden();
  await expect(roleRow(page, profile)).toContainText('Active ·');
}

test('an MFA session is listed with its time left, outlives End session, and Forget makes the next assume ask', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  await app.open();
  const { secret, serial } = await mfaSecret();
  await expect(panel(page)).toContainText('No MFA session.');

  await test.step('assuming an MFA role lists its device, keys, time left and role', async () => {
    await assumeWithCode(page, 'prod-read-only-mfa', secret);
    const item = panel(page).getByRole('listitem', { name: 'Tyler-Dev' });
    await expect(item).toContainText(serial);
    await expect(item).toContainText('dev');
    // 12 h, counting down.
    await expect(item).toContainText(/11 h 5\d min|12 h 00 min/);
    await expect(item).toContainText('prod-read-only-mfa');
    // Another role on the same keys and device: no code.
    await assumeButton(page, 'prod-recent-mfa').press('Enter');
    await expect(roleRow(page, 'prod-recent-mfa')).toContainText('Active ·');
    await expect(mfaDialog(page)).toBeHidden();
    await expect(item).toContainText('prod-read-only-mfa, prod-recent-mfa');
    await app.screenshot('mfa-sessions-listed');
  });

  await test.step('End session says the MFA session stays, and until when', async () => {
    await chooseRoleAction(page, 'prod-recent-mfa', /^End session/);
    await expect(page.getByRole('contentinfo').getByRole('status')).toHaveText(
      new RegExp(
        `^Ended the session of prod-recent-mfa\\. The MFA session for ${serial.replace(/[/.]/g, '\\$&')} stays until ([A-Z][a-z]{2} \\d{1,2},? )?\\d{1,2}:\\d{2}( [AP]M)?; forget it under MFA sessions\\.$`,
      ),
    );
  });

  await test.step('Forget MFA session, then assuming again asks for a code', async () => {
    await panel(page).getByRole('button', { name: 'Forget MFA session Tyler-Dev' }).click();
    await expect(panel(page)).toContainText('No MFA session.');
    await assumeButton(page, 'prod-recent-mfa').press('Enter');
    await expect(mfaDialog(page)).toBeVisible();
    await expect(mfaDialog(page)).toContainText(serial);
    await mfaInput(page).pressSequentially(await freshMfaCode(secret));
    await expect(roleRow(page, 'prod-recent-mfa')).toContainText('Active ·');
    await expect(panel(page).getByRole('listitem', { name: 'Tyler-Dev' })).toContainText('prod-recent-mfa');
  });

  await test.step('Sign out of all asks first: Cancel and Escape keep the sessions, confirming ends them', async () => {
    const button = page.getByRole('button', { name: 'Sign out of all sessions' });
    const question = page.getByRole('alertdialog', { name: 'Sign out of all sessions?' });
    await button.click();
    await expect(question).toBeVisible();
    await expect(question).toContainText('2 role sessions and 1 MFA session');
    // Cancel has focus, and Tab stays inside the dialog.
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(question.getByRole('button', { name: 'Sign out of all' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(question.getByRole('button', { name: 'Sign out of all' })).toBeFocused();
    await app.screenshot('mfa-sessions-sign-out-question');
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await expect(button).toBeFocused();
    await button.click();
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    await expect(button).toBeFocused();
    await expect(roleRow(page, 'prod-read-only-mfa')).toContainText('Active ·');
    await expect(panel(page).getByRole('listitem')).toHaveCount(1);

    await button.click();
    await question.getByRole('button', { name: 'Sign out of all' }).click();
    await expect(roleRow(page, 'prod-read-only-mfa')).toContainText('No session');
    await expect(roleRow(page, 'prod-recent-mfa')).toContainText('No session');
    await expect(panel(page)).toContainText('No MFA session.');
  });
});
