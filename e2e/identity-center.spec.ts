import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { audit } from './support/axe-audit';
import { chooseRoleAction, roleRow } from './support/locators';
import { answerSignInPage, expect, test, type SsoPreview } from './support/sso-preview';

// IAM Identity Center in the real renderer, against the sandbox's instance: the browser sign-in
// (PKCE, the loopback redirect), the accounts it discovers grouped by account, an SSO role
// assumed and browsed in S3, the cached list on a reload, the profile-name template, the device
// code sign-in, a denied sign-in, and signing out.

const signIn = (page: Page) => page.getByRole('group', { name: 'roletray-sandbox' });
const panelToggle = (page: Page) => page.getByRole('button', { name: 'IAM Identity Center sign-in' });
const panelTitle = (page: Page) => page.getByRole('heading', { name: /^IAM Identity Center sign-in/ });
/** The sign-ins fold to one line above the search; this unfolds them. */
async function unfold(page: Page): Promise<void> {
  if ((await panelToggle(page).getAttribute('aria-expanded')) !== 'true') await panelToggle(page).click();
  await expect(panelToggle(page)).toHaveAttribute('aria-expanded', 'true');
}
const accounts = (page: Page, sso: SsoPreview) =>
  page.getByRole('region', { name: `Accounts of ${sso.description.identityCenter!.startUrl}` });

// Every test starts signed out (an earlier one may have signed in), through the app's own sign-out.
test.beforeEach(async ({ page, sso, problems: _problems }) => {
  await sso.preview.services.identityCenter.signOut('sso-dev');
  await page.goto(sso.preview.url);
  // Folded: one line saying where the sign-ins stand, and none of their buttons.
  await expect(panelTitle(page)).toHaveText(/not signed in$/);
  await expect(signIn(page)).toHaveCount(0);
  await unfold(page);
  await expect(signIn(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('browser sign-in: the accounts by account, an SSO role assumed and browsed in S3, the cached list at once on a reload, sign out', async ({
  page,
  context,
  sso,
}) => {
  const center = sso.description.identityCenter!;
  const user = center.users[0]!;
  const authorize = await sso.nextBrowserPage(() =>
    signIn(page).getByRole('button', { name: 'Sign in', exact: true }).click(),
  );
  expect(authorize).toMatch(/\/authorize\?response_type=code&.*code_challenge_method=S256/);
  await expect(signIn(page)).toContainText('Waiting for the sign-in to finish');

  const browser = await context.newPage();
  await browser.goto(authorize);
  await answerSignInPage(browser, user, 'Allow access');
  // The sandbox redirected to the app's loopback listener, which took the code.
  await expect(browser.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(browser).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=/);
  await browser.close();

  await expect(signIn(page).getByRole('status').filter({ hasText: 'Signed in' })).toBeVisible();
  // The discovery the sign-in started by itself: every account counted, their roles in the roles list.
  const list = accounts(page, sso);
  await expect(list.getByRole('status')).toHaveText(
    `${center.startUrl}: ${center.accountCount.toLocaleString('en-US')} accounts`,
    { timeout: 20_000 },
  );
  const [instance] = sso.preview.services.sso.instances();
  const discovered = instance!.accounts.reduce((sum, account) => sum + account.roles.length, 0);
  await expect(list).toContainText(
    `${discovered.toLocaleString('en-US')} roles in the list above, under each account's name.`,
  );

  await test.step('a discovered account in the roles list: headed by its name, its roles assumable', async () => {
    const account = instance!.accounts.find((candidate) => candidate.roles.every((role) => !role.inConfig))!;
    const search = page.getByRole('searchbox', { name: 'Search roles' });
    await search.fill(account.accountName);
    await expect(
      page.getByRole('button', { name: new RegExp(`^${account.accountName} ${account.accountId} `) }),
    ).toBeVisible();
    const first = account.roles[0]!;
    const row = roleRow(page, first.profile);
    await expect(row).toContainText(first.roleName);
    await row.getByRole('button', { name: `Assume ${first.profile}`, exact: true }).click();
    await expect(row).toContainText('Active ·');
    await search.fill('');
  });

  await test.step('axe: the sign-ins unfolded, the accounts and the template, light and dark', async () => {
    await unfold(page);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await audit(page, `the IAM Identity Center sign-ins (${colorScheme})`, '.identity-center');
      await audit(page, `the IAM Identity Center accounts (${colorScheme})`, '.sso-accounts');
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await test.step('an SSO role assumed, then browsed in S3', async () => {
    const row = roleRow(page, 'sso-dev');
    await row.getByRole('button', { name: 'Assume sso-dev', exact: true }).click();
    await expect(row).toContainText('Active ·');
    await chooseRoleAction(page, 'sso-dev', /^Browse S3/);
    await expect(page).toHaveURL(/#browse=sso-dev$/);
    const buckets = page.getByRole('table', { name: 'Buckets sso-dev can see' });
    await expect(buckets.getByRole('row').nth(1)).toBeVisible();
    await page.getByRole('link', { name: 'Roles' }).click();
  });

  await test.step('a reload shows the cached list at once', async () => {
    await page.reload();
    await expect(accounts(page, sso).getByRole('status')).toContainText(
      `${center.accountCount.toLocaleString('en-US')} accounts`,
      { timeout: 2000 },
    );
    // Of the preview's two sign-ins (the sso-session and the legacy start URL) one holds.
    await expect(panelTitle(page)).toHaveText(/1 of 2 signed in$/);
  });

  await test.step('the profile-name template: fields, example, refusals, written and removed', async () => {
    const field = page.getByRole('textbox', { name: 'Profile names' });
    const form = page.getByRole('form', { name: 'Profile names' });
    await expect(field).toHaveValue('{account}.{role}');
    await expect(form).toContainText('{accountId} its 12-digit id');
    await field.fill('{acount}.{role}');
    await expect(form).toContainText('{acount} is not a field: use {account}, {accountId} or {role}.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('button', { name: 'Save names' })).toBeDisabled();
    await field.fill('{account}');
    await expect(form).toContainText(/\{account\} names \d+ roles .*: add \{role\} or \{accountId\}/);
    await field.fill('{accountId}-{role}');
    await expect(form).toContainText(/The first profile would be \d{12}-[a-z]+, and \d+ more\./);
    await form.getByRole('button', { name: 'Save names' }).click();
    await expect(form.getByRole('button', { name: 'Save names' })).toBeDisabled();
    const write = page.getByRole('checkbox', { name: 'Write these profiles to ~/.aws/config' });
    // Checked once main has written the block (the box shows main's setting, not the click).
    await write.click();
    await expect(write).toBeChecked();
    await expect
      .poll(() => readFile(sso.preview.configFile, 'utf8'))
      .toMatch(
        /# BEGIN RoleTray managed profiles[^]*\n\[profile \d{12}-[a-z]+\]\nsso_session = roletray-sandbox\n/,
      );
    await write.click();
    await expect(write).not.toBeChecked();
    await expect.poll(() => readFile(sso.preview.configFile, 'utf8')).not.toContain('# BEGIN RoleTray');
    await field.fill('{account}.{role}');
    await form.getByRole('button', { name: 'Save names' }).click();
  });

  await unfold(page);
  await signIn(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(signIn(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(accounts(page, sso)).toContainText(
    `Signed out of ${center.startUrl}: sign in again above to refresh these accounts.`,
  );
});

test('device code sign-in: the code shown, Open the page, approve', async ({ page, context, sso }) => {
  const user = sso.description.identityCenter!.users[0]!;
  await signIn(page).getByRole('button', { name: 'Sign in with a code' }).click();
  const code = signIn(page).getByLabel('Sign-in code');
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const shown = (await code.textContent())!;
  const url = await sso.nextBrowserPage(() =>
    signIn(page).getByRole('button', { name: 'Open the page' }).click(),
  );
  expect(url).toContain(`/device?user_code=${shown}`);

  const browser = await context.newPage();
  await browser.goto(url);
  await expect(browser.getByLabel('Code')).toHaveValue(shown);
  await answerSignInPage(browser, user, 'Allow access');
  await expect(browser.getByRole('heading', { name: 'Request approved' })).toBeVisible();
  await browser.close();
  await expect(signIn(page).getByRole('status').filter({ hasText: 'Signed in' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(signIn(page).getByLabel('Sign-in code')).toHaveCount(0);
});

test('Deny on the approval page: the sentence shown, nothing signed in', async ({ page, context, sso }) => {
  const center = sso.description.identityCenter!;
  const authorize = await sso.nextBrowserPage(() =>
    signIn(page).getByRole('button', { name: 'Sign in', exact: true }).click(),
  );
  const browser = await context.newPage();
  await browser.goto(authorize);
  await answerSignInPage(browser, center.users[0]!, 'Deny');
  await expect(browser.getByRole('heading', { name: 'Sign-in not completed' })).toBeVisible();
  await browser.close();
  await expect(signIn(page).getByRole('alert')).toHaveText(`The sign-in to ${center.startUrl} was denied.`);
  await expect(signIn(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(signIn(page).getByText('Signed in')).toHaveCount(0);
});
