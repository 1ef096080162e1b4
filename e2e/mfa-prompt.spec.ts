import { expect, test } from './support/fixtures';
import { mfaDialog, mfaInput, roleRow } from './support/locators';
import { freshMfaCode, mfaSecret } from './support/mfa-codes';

// An MFA prompt is never lost with its page: reloading while the dialog is open brings the same
// prompt back (the page asks main for the open prompts once it listens), and the code typed there
// finishes the assume that was waiting.

test('a prompt survives a reload of the page and its code still assumes the role', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await app.open();
  const { secret, serial } = await mfaSecret();
  const row = roleRow(page, 'prod-read-only-mfa');
  await row.getByRole('button', { name: 'Assume prod-read-only-mfa', exact: true }).click();
  await expect(mfaDialog(page)).toContainText(serial);

  await page.reload();
  await expect(mfaDialog(page)).toBeVisible();
  await expect(mfaDialog(page)).toContainText(serial);
  await app.screenshot('mfa-prompt-after-reload');
  await mfaInput(page).pressSequentially(await freshMfaCode(secret));
  await expect(mfaDialog(page)).toBeHidden();
  await expect(roleRow(page, 'prod-read-only-mfa')).toContainText('Active ·');
});
