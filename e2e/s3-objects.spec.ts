import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect, test } from './support/fixtures';
import {
  APP_BUCKET,
  entry,
  folderGrid,
  LOGS_BUCKET,
  objectBytes,
  objectPanel,
  openBrowser,
  PREVIEW_DOWNLOADS,
  PROFILE,
} from './support/s3';

// One object at a time: HeadObject's details, copyable names, previews (JSON, PNG, CSV, a truncated
// 6 MiB log), downloads compared byte for byte with what S3 serves, and presigned links that never
// outlive the session.

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test.beforeAll(async () => {
  await rm(PREVIEW_DOWNLOADS, { recursive: true, force: true });
});

test('details from HeadObject, and the S3 URI, ARN and key copied', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'reports/2026/q3/');
  await entry(page, 'revenue.csv').click();
  const panel = objectPanel(page, 'revenue.csv');
  const facts = panel.locator('.object-facts');
  await expect(facts).toContainText('184 B (184 bytes)');
  await expect(facts).toContainText('text/csv');
  await expect(facts).toContainText('Standard');
  await expect(facts).toContainText('AES256');
  await expect(facts.locator('dd').nth(4)).toHaveText(/^[0-9a-f]{32}$/);
  // The bucket is versioned: a version id.
  await expect(facts.locator('dd').nth(5)).not.toHaveText('—');
  await expect(facts).toContainText('source: finance-export');
  await expect(facts).toContainText('quarter: 2026-Q3');

  const copied = async (what: string) => {
    await panel.getByRole('button', { name: `Copy ${what}`, exact: true }).click();
    return page.evaluate<string>('navigator.clipboard.readText()');
  };
  expect(await copied('S3 URI')).toBe(`s3://${APP_BUCKET}/reports/2026/q3/revenue.csv`);
  expect(await copied('ARN')).toBe(`arn:aws:s3:::${APP_BUCKET}/reports/2026/q3/revenue.csv`);
  expect(await copied('key')).toBe('reports/2026/q3/revenue.csv');
  await app.screenshot('s3-object-details');

  // The CSV preview is a table.
  const table = panel.getByRole('table', { name: 'revenue.csv as a table' });
  await expect(table.getByRole('columnheader')).toHaveText(['month', 'region', 'revenue_usd']);
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(table.getByRole('row').nth(1)).toHaveText(/2026-07\s*us-east\s*1204331\.20/);
  await app.screenshot('s3-preview-csv');
  // Escape closes the details.
  await folderGrid(page, APP_BUCKET, 'reports/2026/q3/').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('previews: JSON pretty-printed, a PNG as a data: image that decodes', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'config/');
  await entry(page, 'app.json').click();
  const json = objectPanel(page, 'app.json').getByRole('region', { name: 'Preview' });
  const code = json.getByLabel('Content of app.json');
  await expect(code).toContainText('"service": "checkout"');
  // Pretty: one key per line, indented by two spaces, nested objects further.
  expect(await code.textContent()).toBe(
    JSON.stringify(
      {
        service: 'checkout',
        version: '4.12.0',
        replicas: 6,
        database: { engine: 'postgres', pool: 20 },
        features: ['express-pay', 'gift-cards'],
      },
      null,
      2,
    ),
  );
  await expect(json.getByRole('note')).toHaveCount(0);
  await app.screenshot('s3-preview-json');

  await page.getByRole('textbox', { name: 'S3 address' }).fill(`s3://${APP_BUCKET}/images/logo.png`);
  await page.getByRole('textbox', { name: 'S3 address' }).press('Enter');
  const image = objectPanel(page, 'logo.png').getByRole('img', { name: 'Preview of logo.png' });
  await expect(image).toBeVisible();
  expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
  // It decodes: the browser knows its size (the scenario's 96 × 64).
  await expect
    .poll(() =>
      image.evaluate((element) => [
        (element as HTMLImageElement).naturalWidth,
        (element as HTMLImageElement).naturalHeight,
      ]),
    )
    .toEqual([96, 64]);
  // And its bytes are the object's.
  const src = (await image.getAttribute('src')) ?? '';
  const bytes = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');
  expect(sha256(bytes)).toBe(sha256(await objectBytes(APP_BUCKET, 'images/logo.png')));
  await app.screenshot('s3-preview-png');
});

test('the 6 MiB log previews its first MiB and says it is truncated', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'exports/');
  await expect(page.getByRole('row', { name: /full-dump-2026-11\.log/ })).toContainText('6.0 MiB');
  await expect(page.getByRole('row', { name: /full-dump-2026-11\.log/ })).toContainText('Standard-IA');
  await entry(page, 'full-dump-2026-11.log').click();
  const preview = objectPanel(page, 'full-dump-2026-11.log').getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('note')).toHaveText(
    'The preview is truncated: it shows the first 1.0 MiB of 6.0 MiB. Download the object to see all of it.',
  );
  const text = (await preview.getByLabel('Content of full-dump-2026-11.log').textContent()) ?? '';
  expect(text.length).toBeGreaterThan(1_000_000);
  expect(text.length).toBeLessThanOrEqual(1024 * 1024);
  await app.screenshot('s3-preview-truncated');
});

test('download a file: saved where the preview keeps downloads, byte for byte what S3 serves', async ({
  app,
}) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'exports/');
  await entry(page, 'full-dump-2026-11.log').click();
  await page.getByRole('button', { name: 'Download full-dump-2026-11.log' }).click();
  const item = page.getByRole('listitem', {
    name: `Download of s3://${APP_BUCKET}/exports/full-dump-2026-11.log`,
  });
  await expect(item.getByRole('status')).toHaveText(/^Saved to .*full-dump-2026-11.*\.log\.$/, {
    timeout: 20_000,
  });
  const saved = /^Saved to (.*)\.$/.exec((await item.getByRole('status').textContent()) ?? '')![1]!;
  expect(relative(PREVIEW_DOWNLOADS, saved).startsWith('..')).toBe(false);
  const [downloaded, served] = await Promise.all([
    readFile(saved),
    objectBytes(APP_BUCKET, 'exports/full-dump-2026-11.log'),
  ]);
  expect(downloaded.length).toBe(6 * 1024 * 1024);
  expect(sha256(downloaded)).toBe(sha256(served));
  await app.screenshot('s3-download-file');
  await item.getByRole('button', { name: /^Dismiss the download/ }).click();
  await expect(item).toBeHidden();
});

test('download a folder with its files, then cancel a large one', async ({ app }) => {
  test.setTimeout(60_000);
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'reports/2026/');
  await page.getByRole('button', { name: `Download folder s3://${APP_BUCKET}/reports/2026/` }).click();
  const item = page.getByRole('listitem', { name: `Download of s3://${APP_BUCKET}/reports/2026/` });
  await expect(item.getByRole('status')).toHaveText(/^Saved to .* · 2 of 2 files\.$/, { timeout: 20_000 });
  const saved = /^Saved to (.*) · /.exec((await item.getByRole('status').textContent()) ?? '')![1]!;
  const files = (await readdir(saved, { recursive: true, withFileTypes: true }))
    .filter((file) => file.isFile())
    .map((file) => relative(saved, join(file.parentPath, file.name)))
    .sort();
  expect(files).toEqual(['q3/revenue.csv', 'q3/summary.txt']);
  for (const file of files) {
    expect(sha256(await readFile(join(saved, file)))).toBe(
      sha256(await objectBytes(APP_BUCKET, `reports/2026/${file}`)),
    );
  }

  // 100,000 small files: asked about first, then cancelled while under way.
  await page.getByRole('textbox', { name: 'S3 address' }).fill(`s3://${LOGS_BUCKET}/events/2026/11/`);
  await page.getByRole('textbox', { name: 'S3 address' }).press('Enter');
  await page.getByRole('button', { name: `Download folder s3://${LOGS_BUCKET}/events/2026/11/` }).click();
  const large = page.getByRole('listitem', { name: `Download of s3://${LOGS_BUCKET}/events/2026/11/` });
  await expect(large.getByRole('status')).toHaveText(/^100,000 files, [\d.]+ (?:[KMG]i)?B in all\.$/, {
    timeout: 20_000,
  });
  await expect(large.getByRole('button', { name: 'Download 100,000 files' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(large.getByRole('progressbar')).toBeVisible();
  await large
    .getByRole('button', { name: `Cancel the download of s3://${LOGS_BUCKET}/events/2026/11/` })
    .click();
  // Files saved before the cancel are kept, and the line says where (downloading again resumes).
  await expect(large.getByRole('status')).toHaveText(
    /^Cancelled\.( [\d,]+ of 100,000 files were saved in .*; downloading the folder there again resumes\.)?$/,
    { timeout: 20_000 },
  );
  await app.screenshot('s3-download-cancelled');
});

test('a large folder is counted and asked about first; "Don’t download" saves nothing', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, LOGS_BUCKET, 'exports/2026/11/');
  const before = await readdir(PREVIEW_DOWNLOADS).catch(() => []);
  await page.getByRole('button', { name: `Download folder s3://${LOGS_BUCKET}/exports/2026/11/` }).click();
  const item = page.getByRole('listitem', { name: `Download of s3://${LOGS_BUCKET}/exports/2026/11/` });
  const question = item.getByRole('group', {
    name: `Download 10,000 files from s3://${LOGS_BUCKET}/exports/2026/11/?`,
  });
  await expect(question).toBeVisible({ timeout: 20_000 });
  await expect(item.getByRole('status')).toHaveText(/^10,000 files, [\d.]+ (?:[KMG]i)?B in all\.$/);
  await app.screenshot('s3-download-large-question');
  await question.getByRole('button', { name: 'Don’t download' }).click();
  await expect(item.getByRole('status')).toHaveText('Not downloaded.');
  await expect(question).toBeHidden();
  // Nothing was asked for nor saved.
  expect(await readdir(PREVIEW_DOWNLOADS).catch(() => [])).toEqual(before);
});

test('a presigned link for a chosen lifetime, never longer than the session, and it works', async ({
  app,
}) => {
  const { page } = app;
  await openBrowser(app, APP_BUCKET, 'config/');
  await entry(page, 'feature-flags.json').click();
  const presign = objectPanel(page, 'feature-flags.json').getByRole('region', { name: 'Presigned link' });
  await expect(presign).toContainText(/The session ends in \d+ min \d\d s/);
  await presign.getByRole('combobox', { name: 'Link lifetime' }).selectOption({ label: '1 day' });
  await presign.getByRole('button', { name: 'Make link' }).click();
  const link = presign.getByRole('textbox', { name: 'Link' });
  await expect(link).toHaveValue(/X-Amz-Signature=/);
  // The session (1 h) ends sooner than a day: main clamps the link and says so.
  await expect(presign.getByRole('note')).toHaveText(
    /^The session for prod-read-only ends in \d+ min, so the link works for that long rather than 1 day\.$/,
  );
  const url = new URL(await link.inputValue());
  expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(3600);
  await app.screenshot('s3-presigned');

  // Five minutes fits in the session: no note.
  await presign.getByRole('combobox', { name: 'Link lifetime' }).selectOption({ label: '5 min' });
  await presign.getByRole('button', { name: 'Make link' }).click();
  await expect(link).toHaveValue(/X-Amz-Expires=300&/);
  await expect(presign.getByRole('note')).toHaveCount(0);
  const response = await fetch(await link.inputValue());
  expect(response.status).toBe(200);
  expect(JSON.parse(await response.text())).toEqual({
    'express-pay': true,
    'gift-cards': false,
    rollout: { percent: 25 },
  });
  await presign.getByRole('button', { name: 'Copy presigned link' }).click();
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(await link.inputValue());
  expect(PROFILE).toBe('prod-read-only');
});
