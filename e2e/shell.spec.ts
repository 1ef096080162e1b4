import { expect, test } from '@playwright/test';

// The built renderer, served as the app loads it, under its own Content-Security-Policy.
test('the renderer starts under its CSP and shows the app shell', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'RoleTray' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Switch AWS roles from the system tray');
  // A CSP violation or a script error would mean the shipped page does not work inside Electron either.
  expect(problems).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('shell.png') });
});
