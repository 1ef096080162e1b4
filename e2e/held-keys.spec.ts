import { expect, test } from './support/fixtures';
import { identityCard } from './support/locators';

// Keys out of plain text, through the real UI against the sandbox: dev's keys move into RoleTray
// (the identity stays Tyler-Dev), then go back to the credentials file.

test('moves the dev keys into RoleTray and puts them back', async ({ app }) => {
  const { page } = app;
  await app.open();
  const keys = page.getByRole('group', { name: 'Keys of dev' });
  await expect(keys).toContainText('Keys in your credentials file, in plain text.');

  await keys.getByRole('button', { name: 'Move these keys into RoleTray' }).click();
  await expect(keys.getByRole('status')).toContainText('RoleTray now holds the keys of dev (AKIA…');
  await expect(keys).toContainText('Keys held by RoleTray, encrypted by your OS keychain.');
  await expect(keys).toContainText('of arn:aws:iam::210987654321:user/Tyler-Dev');
  await page.getByRole('button', { name: 'Refresh identities' }).click();
  await expect(identityCard(page, 'dev (your keys)')).toContainText(
    'arn:aws:iam::210987654321:user/Tyler-Dev',
  );
  await app.screenshot('held-keys-1-moved');

  await keys.getByRole('button', { name: 'Put keys back' }).click();
  await expect(keys.getByRole('status')).toContainText('The keys of dev are back in');
  await expect(keys).toContainText('Keys in your credentials file, in plain text.');
});
