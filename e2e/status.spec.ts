import { join } from 'node:path';
import { startPreview, type Preview } from '../dev/preview/preview';
import { expect, test } from './support/fixtures';
import { roleRow } from './support/locators';

// One status model: an endpoint that does not answer is one notice naming the roles it held up, not
// the same connection error on each role, and "Try again" runs them again once it is back; the
// footer's sentence says only what is still true. This spec runs its own preview, so it can take
// the sandbox's endpoint down and bring it back.

let preview: Preview | undefined;
test.beforeAll(async () => {
  preview = await startPreview({ awsDir: join(import.meta.dirname, '../.sandbox/e2e-status') });
});
test.afterAll(async () => {
  await preview?.close();
});

const assumeButton = (label: string) => ({ name: `Assume ${label}`, exact: true });

test('an endpoint that is down is one notice with Try again; the footer says only what still holds', async ({
  page,
  problems: _problems,
}) => {
  const { sandbox, url, endpoint } = preview!;
  await page.goto(url);
  await expect(roleRow(page, 'prod-read-only')).toBeVisible();
  const identities = page.getByRole('complementary', { name: 'Identity' });
  await expect(identities.getByText('Account')).toHaveCount(2);

  sandbox.setUnreachable(true);
  await roleRow(page, 'prod-read-only').getByRole('button', assumeButton('prod-read-only')).click();
  await roleRow(page, 'prod-audit').getByRole('button', assumeButton('prod-audit')).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Cannot reach STS' });
  await expect(notice).toHaveText(
    `Cannot reach STS at ${endpoint}: prod-audit and prod-read-only are waiting for it. Check the endpoint and your connection.Try again`,
    { timeout: 20_000 },
  );
  // One notice, no copy of it on the roles.
  await expect(page.getByText(/Cannot reach STS/)).toHaveCount(1);
  await expect(page.getByRole('contentinfo').getByRole('status')).toHaveText('');

  // The identity cards' reads join the same notice instead of each showing the error.
  await identities.getByRole('button', { name: 'Refresh identities' }).click();
  await expect(notice.getByRole('listitem')).toHaveText(
    /^Cannot reach STS at .*: prod-audit and 3 more are waiting for it\./,
    { timeout: 20_000 },
  );
  await expect(identities.getByText('Not reached: see the notice above.')).toHaveCount(2);
  await expect(page.getByText(/Cannot reach STS/)).toHaveCount(1);

  sandbox.setUnreachable(false);
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(notice).toBeHidden({ timeout: 20_000 });
  await expect(roleRow(page, 'prod-read-only')).toContainText('Active ·');
  await expect(roleRow(page, 'prod-audit')).toContainText('Active ·');
  // The cards asked again with the retry: the two base identities and the selected role's session.
  await expect(identities.getByText('Account')).toHaveCount(3);
  await expect(identities.getByText('Not reached: see the notice above.')).toHaveCount(0);

  // "Assumed" while it holds; gone once the session has ended elsewhere (here: through the bridge).
  const footer = page.getByRole('contentinfo').getByRole('status');
  await expect(footer).toHaveText(/^Assumed prod-(read-only|audit)\.$/);
  const assumed = /^Assumed (.*)\.$/.exec((await footer.textContent()) ?? '')![1]!;
  await preview!.services.core.manager.end(assumed);
  await expect(footer).toHaveText('', { timeout: 10_000 });
});
