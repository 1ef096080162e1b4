import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { entry, folderGrid, LOGS_BUCKET, openBrowser } from './support/s3';

// The 100,000-key prefix: the first page shows at once, the rest streams in behind it with progress
// and Stop, the DOM holds only the rows in view, and the end of the list is reachable.

const PREFIX = 'events/2026/11/';
const rows = (page: Page) => page.locator('[role="grid"] [role="row"]');

test('100,000 keys stream in behind the first page; scrolled to the end with under 200 rows in the DOM', async ({
  app,
}) => {
  test.setTimeout(90_000);
  const { page } = app;
  await openBrowser(app, LOGS_BUCKET, PREFIX);
  const grid = folderGrid(page, LOGS_BUCKET, PREFIX);
  // The first page is on screen while later ones are still coming.
  await expect(entry(page, 'event-00000.json')).toBeVisible();
  await expect(page.getByText(/^Loading… [\d,]+ entries so far$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop listing' })).toBeVisible();
  await app.screenshot('s3-large-streaming');
  await expect(page.getByText('100,000 entries', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(grid).toHaveAttribute('aria-rowcount', '100001');
  expect(await rows(page).count()).toBeLessThan(200);

  // By keyboard: End goes to the last key.
  await grid.focus();
  await page.keyboard.press('End');
  await expect(entry(page, 'event-99999.json')).toBeVisible();
  expect(await rows(page).count()).toBeLessThan(200);
  await app.screenshot('s3-large-end');

  // By scrolling, from the top down to the bottom in steps.
  await page.keyboard.press('Home');
  await expect(entry(page, 'event-00000.json')).toBeVisible();
  const body = grid;
  for (let step = 1; step <= 10; step++) {
    await body.evaluate((element, fraction) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) * fraction;
    }, step / 10);
    expect(await rows(page).count()).toBeLessThan(200);
  }
  await expect(entry(page, 'event-99999.json')).toBeVisible();

  // Filter the loaded entries as you type; sort by size.
  const filter = page.getByRole('searchbox', { name: 'Filter this folder' });
  await filter.fill('event-9999');
  await expect(page.getByText('10 match “event-9999” · 100,000 entries')).toBeVisible();
  await expect(rows(page)).toHaveCount(11);
  await filter.press('Escape');
  await expect(grid).toHaveAttribute('aria-rowcount', '100001');
  await page.getByRole('button', { name: 'Sort by size' }).click();
  await expect(page.getByRole('columnheader', { name: 'Sort by size' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  const firstSize = await grid.locator('[aria-rowindex="2"] .cell-size').textContent();
  await page.getByRole('button', { name: 'Sort by size' }).click();
  await expect(page.getByRole('columnheader', { name: 'Sort by size' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const smallest = await grid.locator('[aria-rowindex="2"] .cell-size').textContent();
  expect(Number.parseInt(smallest ?? '', 10)).toBeLessThanOrEqual(Number.parseInt(firstSize ?? '', 10));
  await app.screenshot('s3-large-sorted');
});

test('Stop ends a long listing and keeps what arrived', async ({ app }) => {
  const { page } = app;
  await openBrowser(app, LOGS_BUCKET, PREFIX);
  await expect(entry(page, 'event-00000.json')).toBeVisible();
  await page.getByRole('button', { name: 'Stop listing' }).click();
  await expect(page.getByText(/^Stopped after [\d,]+ entries$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop listing' })).toHaveCount(0);
  const count = Number((await folderGrid(page, LOGS_BUCKET, PREFIX).getAttribute('aria-rowcount')) ?? 0) - 1;
  expect(count).toBeGreaterThanOrEqual(1000);
  expect(count).toBeLessThan(100_000);
  await app.screenshot('s3-large-stopped');
});
