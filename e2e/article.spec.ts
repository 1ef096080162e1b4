import { expect, test } from './support/fixtures';
import {
  chooseRoleAction,
  identityCard,
  mfaDialog,
  mfaInput,
  roleDetails,
  roleRow,
} from './support/locators';
import { freshMfaCode, mfaSecret, wrongMfaCode } from './support/mfa-codes';

// The scenario of ../shared/docs/article-aws-cross-account-access.txt, through the real UI against
// the sandbox: Tyler-Dev (Dev account, Developers group) switches to DevReadOnly-CrossAccount in
// Prod, then to the role whose trust policy wants MFA; Sam-Contractor (no group) is refused.

test('the article, end to end: roles, assume, MFA with a retry, a refusal, identity, end session', async ({
  app,
}) => {
  // A fresh MFA code may mean waiting for the next 30-second step.
  test.setTimeout(120_000);
  const { page } = app;
  await app.open();

  await test.step('the roles are listed by account, with what each needs', async () => {
    await expect(page.getByRole('heading', { level: 3, name: /acme-prod/ })).toBeVisible();
    const prodReadOnly = roleRow(page, 'prod-read-only');
    await expect(prodReadOnly).toContainText('DevReadOnly-CrossAccount');
    await expect(prodReadOnly).toContainText('No session');
    await roleRow(page, 'prod-read-only-mfa').click();
    await expect(roleDetails(page, 'prod-read-only-mfa')).toContainText('Needs MFA (Tyler-Dev)');
    await prodReadOnly.click();
    await expect(roleDetails(page, 'prod-read-only')).toContainText('No MFA');
    await expect(roleRow(page, 'contractor-prod-read-only')).toBeVisible();
    await app.screenshot('article-1-roles');
  });

  await test.step('the base identity is Tyler-Dev in the Dev account (aws sts get-caller-identity)', async () => {
    const dev = identityCard(page, 'dev (your keys)');
    await expect(dev).toContainText('210987654321');
    await expect(dev).toContainText('arn:aws:iam::210987654321:user/Tyler-Dev');
  });

  await test.step('assuming prod-read-only needs no MFA and starts a live countdown', async () => {
    const row = roleRow(page, 'prod-read-only');
    await row.getByRole('button', { name: 'Assume prod-read-only', exact: true }).click();
    await expect(row).toContainText('Active ·');
    const timer = row.getByRole('timer');
    await expect(timer).toHaveText(/^\d+m \d\ds left$/);
    const before = await timer.textContent();
    await expect(timer).not.toHaveText(before ?? '', { timeout: 3_000 });
    await expect(row.getByRole('button', { name: 'Renew prod-read-only', exact: true })).toBeVisible();
  });

  await test.step('the session makes Tyler DevReadOnly-CrossAccount in Prod, and the ARN copies', async () => {
    const session = identityCard(page, 'prod-read-only (session)');
    await expect(session).toContainText('123456789012');
    await expect(session).toContainText('arn:aws:sts::123456789012:assumed-role/DevReadOnly-CrossAccount/');
    const arn = (await session.locator('code').nth(1).textContent()) ?? '';
    await session.getByRole('button', { name: 'Copy ARN' }).click();
    await expect(session.getByRole('button', { name: 'Copy ARN' })).toHaveText('Copied');
    // Browser code as a string: the Node half's tsconfig has no DOM types.
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(arn);
    await app.screenshot('article-2-prod-read-only-session');
  });

  const { secret, serial } = await mfaSecret();

  await test.step('prod-read-only-mfa asks for a code naming the device and the role', async () => {
    await roleRow(page, 'prod-read-only-mfa')
      .getByRole('button', { name: 'Assume prod-read-only-mfa', exact: true })
      .click();
    const dialog = mfaDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(serial);
    await expect(dialog).toContainText('DevReadOnlyAccesswithMFA in account 123456789012');
    await expect(mfaInput(page)).toBeFocused();
    await expect(roleRow(page, 'prod-read-only-mfa')).toContainText('Waiting for the MFA code');
    await app.screenshot('article-3-mfa-dialog');
  });

  await test.step('a wrong code shows AWS’s error and keeps the dialog open for a retry', async () => {
    // Typed digit by digit: the sixth sends it.
    await mfaInput(page).pressSequentially(wrongMfaCode(secret));
    const dialog = mfaDialog(page);
    await expect(dialog.getByRole('alert')).toContainText(
      'MultiFactorAuthentication failed with invalid MFA one time pass code',
    );
    await expect(mfaInput(page)).toHaveValue('');
    await expect(mfaInput(page)).toBeFocused();
    await app.screenshot('article-4-mfa-wrong-code');
  });

  await test.step('the right code assumes the role with MFA', async () => {
    await mfaInput(page).pressSequentially(await freshMfaCode(secret));
    await expect(mfaDialog(page)).toBeHidden();
    const row = roleRow(page, 'prod-read-only-mfa');
    await expect(row).toContainText('Active ·');
    await expect(row.getByRole('timer')).toHaveText(/left$/);
    await expect(row.getByRole('alert')).toHaveCount(0);
    await app.screenshot('article-5-mfa-session');
  });

  await test.step('Sam-Contractor is refused, in a sentence', async () => {
    const row = roleRow(page, 'contractor-prod-read-only');
    await row.getByRole('button', { name: 'Assume contractor-prod-read-only', exact: true }).click();
    const alert = row.getByRole('alert');
    await expect(alert).toContainText('Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount.');
    // A sentence, not AWS's error code or a stack trace.
    await expect(alert).not.toContainText('AccessDenied');
    await expect(alert).not.toContainText(' at ');
    await expect(row).toContainText('No session');
    await app.screenshot('article-6-contractor-refused');
  });

  await test.step('ending a session, then signing out of all of them', async () => {
    const row = roleRow(page, 'prod-read-only');
    await chooseRoleAction(page, 'prod-read-only', /^End session/);
    await expect(row.getByRole('button', { name: 'Assume prod-read-only', exact: true })).toBeVisible();
    await expect(roleDetails(page, 'prod-read-only')).toContainText('Last used just now');
    await expect(roleRow(page, 'prod-read-only-mfa')).toContainText('Active ·');
    await page.getByRole('button', { name: 'Sign out of all sessions' }).click();
    await page
      .getByRole('alertdialog', { name: 'Sign out of all sessions?' })
      .getByRole('button', { name: 'Sign out of all' })
      .click();
    await expect(roleRow(page, 'prod-read-only-mfa')).toContainText('No session');
    await expect(page.getByRole('timer')).toHaveCount(0);
    await app.screenshot('article-7-signed-out');
  });
});
