import { expect, test } from './support/fixtures';
import { chooseRoleAction, roleRow } from './support/locators';
import { invoke, invokeOk } from './support/preview';
import {
  addressBar,
  APP_BUCKET,
  breadcrumb,
  entry,
  EU_BUCKET,
  folderGrid,
  goTo,
  LOGS_BUCKET,
  objectPanel,
  openBrowser,
  PROFILE,
} from './support/s3';

// The read-only S3 browser through the bridge, as the Prod role (prod-read-only) sees the sandbox:
// buckets, folders, the breadcrumb, back/forward, the address bar, unicode keys, errors in place and
// renewal in place. The fixture fails any test with a console error or a CSP violation.

test('Browse S3 on an active role lists its buckets with region and creation date, filtered as you type', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  const row = roleRow(page, PROFILE);
  // No session, no browser action; once assumed, the row's menu offers it.
  await row.getByRole('button', { name: `More actions for ${PROFILE}`, exact: true }).click();
  const menu = page.getByRole('menu', { name: `Actions for ${PROFILE}` });
  await expect(menu.getByRole('menuitem', { name: /^Browse S3/ })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await row.getByRole('button', { name: `Assume ${PROFILE}`, exact: true }).click();
  await expect(row).toContainText('Active ·');
  await chooseRoleAction(page, PROFILE, /^Browse S3/);

  await expect(page).toHaveURL(/#browse=prod-read-only$/);
  await expect(page.getByRole('link', { name: 'Browse S3' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('combobox', { name: 'Session' })).toHaveValue(PROFILE);
  const table = page.getByRole('table', { name: `Buckets ${PROFILE} can see` });
  await expect(table.getByRole('row')).toHaveCount(4);
  const eu = table.getByRole('row', { name: new RegExp(EU_BUCKET) });
  await expect(eu.getByRole('cell').nth(0)).toHaveText('eu-west-1');
  await expect(eu.getByRole('cell').nth(1)).toHaveText(/Sep 30, 2023|30 Sept? 2023/);
  await expect(table.getByRole('row', { name: new RegExp(APP_BUCKET) })).toContainText('us-east-1');
  await expect(page.getByText('3 buckets')).toBeVisible();
  await app.screenshot('s3-buckets');

  const filter = page.getByRole('searchbox', { name: 'Filter buckets' });
  await filter.fill('eu-west');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(page.getByText('1 of 3 buckets match')).toBeVisible();
  await filter.fill('logs');
  await expect(table.getByRole('button', { name: `Open bucket ${LOGS_BUCKET}` })).toBeVisible();
  // Enter opens the one bucket left.
  await filter.press('Enter');
  await expect(folderGrid(page, LOGS_BUCKET)).toBeVisible();
  await expect(entry(page, 'README.md')).toBeVisible();
  await expect(entry(page, 'events/')).toBeVisible();
});

test('nested folders, folders first, breadcrumb, back and forward (buttons and keys)', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET);
  const top = folderGrid(page, APP_BUCKET);
  await expect(top).toBeVisible();
  // Folders first (in name order), then objects.
  const names = top.locator('.entry-name');
  await expect(names.first()).toHaveText('archive/');
  await expect(names.last()).toHaveText('README.txt');
  await expect(page.getByText('9 entries')).toBeVisible();

  await entry(page, 'reports/').click();
  await entry(page, '2026/').click();
  await entry(page, 'q3/').click();
  const q3 = folderGrid(page, APP_BUCKET, 'reports/2026/q3/');
  await expect(q3).toBeVisible();
  await expect(q3.getByRole('row')).toHaveCount(3);
  await expect(addressBar(page)).toHaveValue(`s3://${APP_BUCKET}/reports/2026/q3/`);
  await expect(breadcrumb(page).getByRole('listitem')).toHaveText([
    'Buckets',
    '›acme-prod-app-data',
    '›reports',
    '›2026',
    '›q3',
  ]);
  await expect(breadcrumb(page).locator('[aria-current="page"]')).toHaveText('q3');
  await expect(page).toHaveURL(/#browse=prod-read-only\/acme-prod-app-data\/reports\/2026\/q3\/$/);
  // A size, a date and a storage class per object.
  await expect(q3.getByRole('row', { name: /revenue\.csv/ })).toContainText('184 B');
  await expect(q3.getByRole('row', { name: /revenue\.csv/ })).toContainText('Standard');
  await app.screenshot('s3-nested-folder');

  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/')).toBeVisible();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(folderGrid(page, APP_BUCKET, 'reports/')).toBeVisible();
  await page.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/')).toBeVisible();
  await page.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(q3).toBeVisible();
  await expect(page.getByRole('button', { name: 'Forward', exact: true })).toBeDisabled();

  await breadcrumb(page).getByRole('button', { name: 'reports' }).click();
  await expect(folderGrid(page, APP_BUCKET, 'reports/')).toBeVisible();
  // The grid took focus: the keyboard carries on from there.
  await expect(folderGrid(page, APP_BUCKET, 'reports/')).toBeFocused();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(q3).toBeVisible();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(folderGrid(page, APP_BUCKET, 'reports/')).toBeVisible();

  // Arrows and Enter open folders; Backspace goes up; the active row is the grid's active descendant.
  const reports = folderGrid(page, APP_BUCKET, 'reports/');
  await expect(entry(page, '2026/')).toBeVisible();
  await reports.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/')).toBeFocused();
  await expect(entry(page, 'q4/')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const q4 = folderGrid(page, APP_BUCKET, 'reports/2026/');
  const active = await q4.getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${active}"]`)).toContainText('q4/');
  await page.keyboard.press('Enter');
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/q4/')).toBeFocused();
  await expect(page.getByText('This folder is empty.')).toBeVisible();
  await page.keyboard.press('Backspace');
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/')).toBeFocused();
  await page.getByRole('button', { name: 'Up one folder' }).click();
  await page.getByRole('button', { name: 'Up one folder' }).click();
  await expect(top).toBeVisible();
  await breadcrumb(page).getByRole('button', { name: 'Buckets' }).click();
  await expect(page.getByRole('table', { name: `Buckets ${PROFILE} can see` })).toBeVisible();
});

test('the address bar takes s3:// URIs and S3 console links, and says what it cannot read', async ({
  app,
}) => {
  const { page } = app;
  await openBrowser(app);
  await goTo(page, `s3://${APP_BUCKET}/reports/2026/q3/`);
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/q3/')).toBeVisible();
  await expect(entry(page, 'summary.txt')).toBeVisible();

  // A console link to a folder of the bucket in eu-west-1: main follows the region; the UI shows it.
  await goTo(
    page,
    `https://s3.console.aws.amazon.com/s3/buckets/${EU_BUCKET}?region=eu-west-1&bucketType=general&prefix=gdpr/&showversions=false`,
  );
  await expect(folderGrid(page, EU_BUCKET, 'gdpr/')).toBeVisible();
  await expect(entry(page, 'retention-policy.txt')).toBeVisible();
  await expect(page.locator('.region-badge')).toHaveText('Region eu-west-1');
  await expect(addressBar(page)).toHaveValue(`s3://${EU_BUCKET}/gdpr/`);
  await app.screenshot('s3-console-link-eu-west-1');

  // A console link to an object opens its folder with the object selected.
  await goTo(
    page,
    `https://console.aws.amazon.com/s3/object/${APP_BUCKET}?region=us-east-1&prefix=config/app.json`,
  );
  await expect(folderGrid(page, APP_BUCKET, 'config/')).toBeVisible();
  await expect(objectPanel(page, 'app.json')).toBeVisible();
  await expect(page.getByRole('row', { name: /app\.json/ })).toHaveAttribute('aria-selected', 'true');

  // Back goes to the eu folder, whatever way the user got there.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(folderGrid(page, EU_BUCKET, 'gdpr/')).toBeVisible();

  await goTo(page, 'https://example.com/not-s3');
  await expect(page.getByRole('alert')).toHaveText(
    'RoleTray opens s3:// addresses and S3 console links; example.com is neither.',
  );
  await expect(addressBar(page)).toHaveAttribute('aria-invalid', 'true');
  await goTo(page, 's3://Not_A_Bucket/');
  await expect(page.getByRole('alert')).toContainText('is not an S3 bucket name');
  await addressBar(page).press('Escape');
  await expect(addressBar(page)).toHaveValue(`s3://${EU_BUCKET}/gdpr/`);
});

test('unicode and spaces in keys: listed, opened, previewed, and kept across a reload', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'docs/');
  const docs = folderGrid(page, APP_BUCKET, 'docs/');
  await expect(docs).toBeVisible();
  await expect(entry(page, 'naïve café/')).toBeVisible();
  await entry(page, 'Quarterly Report – Q3.txt').click();
  const report = objectPanel(page, 'Quarterly Report – Q3.txt');
  await expect(report.getByRole('region', { name: 'Preview' })).toContainText(
    'A key with spaces and an en dash.',
  );
  await expect(report).toContainText(`s3://${APP_BUCKET}/docs/Quarterly Report – Q3.txt`);

  await entry(page, 'naïve café/').click();
  const cafe = folderGrid(page, APP_BUCKET, 'docs/naïve café/');
  await expect(cafe).toBeVisible();
  await entry(page, 'menu 🍕.txt').click();
  await expect(objectPanel(page, 'menu 🍕.txt').getByRole('region', { name: 'Preview' })).toContainText(
    'Unicode folders and an emoji in the key.',
  );
  await expect(breadcrumb(page).locator('[aria-current="page"]')).toHaveText('naïve café');
  await app.screenshot('s3-unicode');

  // The place is in the hash: a reload comes back to it.
  await page.reload();
  await expect(folderGrid(page, APP_BUCKET, 'docs/naïve café/')).toBeVisible();
  await expect(entry(page, 'menu 🍕.txt')).toBeVisible();
  // And an s3:// address with them, typed as is.
  await goTo(page, `s3://${APP_BUCKET}/docs/naïve café/menu 🍕.txt`);
  await expect(objectPanel(page, 'menu 🍕.txt')).toBeVisible();
});

test('AccessDenied on restricted/ is a sentence in place; the rest of the bucket stays browsable', async ({
  app,
}) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET);
  await entry(page, 'restricted/').click();
  await expect(folderGrid(page, APP_BUCKET, 'restricted/')).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText(
    'prod-read-only may not list restricted/ in acme-prod-app-data; the rest of the bucket can still be browsed. An explicit Deny in a policy refuses it.',
  );
  // A sentence, not AWS's code or a stack trace; no renewal offered (the session is fine).
  await expect(alert).not.toContainText('AccessDenied');
  await expect(page.getByRole('button', { name: /Renew/ })).toHaveCount(0);
  // A folder S3 will not list is not offered for download.
  await expect(page.getByRole('button', { name: /^Download folder/ })).toHaveCount(0);
  await app.screenshot('s3-access-denied');

  // The object itself, by address: denied too, said in the details pane.
  await goTo(page, `s3://${APP_BUCKET}/restricted/payroll.csv`);
  await expect(objectPanel(page, 'payroll.csv').getByRole('alert').first()).toContainText(
    'prod-read-only may not read s3://acme-prod-app-data/restricted/payroll.csv.',
  );
  // GetObject needs the permission HeadObject was refused: no download, no presigned link.
  const denied = objectPanel(page, 'payroll.csv');
  await expect(denied.getByRole('button', { name: 'Download payroll.csv' })).toHaveCount(0);
  await expect(denied.getByRole('region', { name: 'Presigned link' })).toHaveCount(0);

  await breadcrumb(page).getByRole('button', { name: APP_BUCKET }).click();
  await entry(page, 'config/').click();
  await expect(entry(page, 'app.json')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an ended session offers renewal in place, and the browser carries on where it was', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'reports/2026/q3/');
  await expect(entry(page, 'summary.txt')).toBeVisible();
  // The session ends elsewhere (the tray, another window).
  await invokeOk('sessions:end', { profile: PROFILE });
  await expect(page.getByText(`${PROFILE} has no active session`)).toBeVisible();

  await entry(page, 'summary.txt').click();
  const panel = objectPanel(page, 'summary.txt');
  await expect(panel.getByRole('alert').first()).toHaveText(
    `There is no active session for ${PROFILE}; assume the role first.`,
  );
  await app.screenshot('s3-session-ended');
  await panel
    .getByRole('button', { name: `Renew the session of ${PROFILE} and continue` })
    .first()
    .click();

  await expect(panel.getByRole('region', { name: 'Preview' })).toContainText('Q3 2026: revenue up 4.1%');
  await expect(page.getByText(`${PROFILE} has no active session`)).toHaveCount(0);
  await expect(addressBar(page)).toHaveValue(`s3://${APP_BUCKET}/reports/2026/q3/`);
  await expect(entry(page, 'revenue.csv')).toBeVisible();

  // Ended again; opening a folder says so in the listing, and renewing lists it.
  await invokeOk('sessions:end', { profile: PROFILE });
  await page.getByRole('button', { name: 'Up one folder' }).click();
  const listing = page.getByRole('region', { name: `Folder s3://${APP_BUCKET}/reports/2026/` });
  await expect(listing.getByRole('alert')).toContainText('There is no active session');
  await listing.getByRole('button', { name: `Renew the session of ${PROFILE} and continue` }).click();
  await expect(entry(page, 'q3/')).toBeVisible();
  await expect(entry(page, 'q4/')).toBeVisible();
});

test('there is nothing that writes: no write control, and a write-like request is refused as Validation', async ({
  app,
}) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'config/');
  await entry(page, 'app.json').click();
  await expect(objectPanel(page, 'app.json')).toContainText('application/json');
  await expect(
    page.getByRole('button', { name: /upload|delete|remove|rename|move|put|create|edit|save/i }),
  ).toHaveCount(0);

  // The page itself asking main for writes, as a compromised renderer might. Browser code as a
  // string: the Node half's tsconfig has no DOM types.
  const answers = await page.evaluate<unknown[]>(`Promise.all([
    window.roletray.invoke('s3:put-object', { profile: 'prod-read-only', bucket: 'acme-prod-app-data', key: 'x', body: 'y' }),
    window.roletray.invoke('s3:delete', { profile: 'prod-read-only', bucket: 'acme-prod-app-data', key: 'config/app.json' }),
  ])`);
  expect(answers).toEqual([
    { ok: false, error: { kind: 'Validation', message: 'There is no request named s3:put-object.' } },
    { ok: false, error: { kind: 'Validation', message: 'There is no request named s3:delete.' } },
  ]);
  // A read channel with a write's payload is refused by its schema too.
  const smuggled = await invoke('s3:head', {
    profile: PROFILE,
    bucket: APP_BUCKET,
    key: 'config/app.json',
    body: 'x',
  } as unknown as { profile: string; bucket: string; key: string });
  expect(smuggled).toMatchObject({ ok: false, error: { kind: 'Validation' } });
  // The object is unchanged (the real guard, the S3 client's read-only command list, is tested in main).
  await expect(objectPanel(page, 'app.json').getByRole('region', { name: 'Preview' })).toContainText(
    '"service": "checkout"',
  );
});

test('#browse= from the tray opens the browser at a place; the Roles link goes back and returns', async ({
  app,
}) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'reports/2026/');
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/')).toBeVisible();
  await entry(page, 'q3/').click();
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(roleRow(page, PROFILE)).toContainText('Active ·');
  await page.getByRole('link', { name: 'Browse S3' }).click();
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/q3/')).toBeVisible();
  // The tray pointing the open window somewhere else.
  await page.evaluate(`location.hash = '#browse=prod-read-only/${EU_BUCKET}/gdpr/'`);
  await expect(folderGrid(page, EU_BUCKET, 'gdpr/')).toBeVisible();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(folderGrid(page, APP_BUCKET, 'reports/2026/q3/')).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('.object-grid')).toHaveCSS('background-color', 'rgb(23, 27, 33)');
  await app.screenshot('s3-folder-dark');
});

test('a bucket that does not exist is a sentence, with nothing offered to download', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET);
  await expect(page.getByRole('button', { name: `Download bucket ${APP_BUCKET}` })).toBeVisible();
  await goTo(page, 's3://acme-prod-no-such-bucket/');
  await expect(page.getByRole('alert')).toContainText('There is no bucket named acme-prod-no-such-bucket.');
  await expect(page.getByRole('button', { name: /^Download bucket/ })).toHaveCount(0);
});
