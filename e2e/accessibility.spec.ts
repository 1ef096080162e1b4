import { audit } from './support/axe-audit';
import { expect, test } from './support/fixtures';
import { mfaDialog, roleRow } from './support/locators';
import { invoke, invokeOk, previewInfo, resetPreview } from './support/preview';
import { APP_BUCKET, browseHash, entry, LOGS_BUCKET, objectPanel, PROFILE } from './support/s3';

// An automated accessibility audit (axe-core) of every view, in light and in dark: WCAG 2.1 A and
// AA rules, no violations. A violation is reported with its rule, its help text and the elements,
// so the failure says what to fix.

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test('the MFA window', async ({ app }) => {
      const { page } = app;
      await resetPreview();
      const info = await previewInfo();
      const assuming = invoke('sessions:assume', { profile: 'prod-read-only-mfa' });
      await page.goto(`${info.url}#mfa`);
      await expect(mfaDialog(page)).toBeVisible();
      await audit(page, 'the MFA window');
      await mfaDialog(page).getByRole('button', { name: 'Cancel' }).click();
      await assuming;
    });

    test('the roles view: an active session, the selected role, the row menu open, a hand-off panel', async ({
      app,
    }) => {
      const { page } = app;
      await app.open();
      await invokeOk('sessions:assume', { profile: 'prod-read-only' });
      const row = roleRow(page, 'prod-read-only');
      await expect(row).toContainText('Active ·');
      await row.click();
      await audit(page, 'the roles view with an active session');

      await row.getByRole('button', { name: 'More actions for prod-read-only' }).click();
      await expect(page.getByRole('menu', { name: 'Actions for prod-read-only' })).toBeVisible();
      await audit(page, 'the roles view with the row menu open');
      await page.keyboard.press('u');
      await expect(page.getByRole('region', { name: 'Use prod-read-only elsewhere' })).toBeVisible();
      await audit(page, 'the roles view with the hand-off panel');
    });

    test('the S3 browser: buckets, a folder, an object, a denied place, the large-folder question', async ({
      app,
    }) => {
      test.setTimeout(60_000);
      const { page } = app;
      await resetPreview();
      await invokeOk('sessions:assume', { profile: PROFILE });
      const info = await previewInfo();
      await page.goto(`${info.url}${browseHash()}`);
      await expect(page.getByRole('table').or(page.getByRole('grid')).first()).toBeVisible();
      await audit(page, 'the bucket list');

      await page.goto(`${info.url}${browseHash(APP_BUCKET, 'reports/2026/q3/')}`);
      await entry(page, 'revenue.csv').click();
      await expect(objectPanel(page, 'revenue.csv').getByText('Last modified')).toBeVisible();
      await audit(page, 'a folder with an object open');

      await page.goto(`${info.url}${browseHash(APP_BUCKET, 'restricted/')}`);
      await expect(page.getByRole('alert')).toBeVisible();
      await audit(page, 'a folder S3 refuses');

      await page.goto(`${info.url}${browseHash(LOGS_BUCKET, 'exports/2026/11/')}`);
      await page.getByRole('button', { name: /^Download folder/ }).click();
      await expect(page.getByRole('button', { name: 'Download 10,000 files' })).toBeVisible({
        timeout: 20_000,
      });
      await audit(page, 'the large-folder question');
      await page.getByRole('button', { name: 'Don’t download' }).click();
    });
  });
}
