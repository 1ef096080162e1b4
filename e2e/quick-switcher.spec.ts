import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { audit } from './support/axe-audit';
import { expect, test } from './support/fixtures';
import { mfaDialog, mfaInput } from './support/locators';
import { freshMfaCode, mfaSecret } from './support/mfa-codes';
import { PREVIEW_AWS_DIR } from './support/preview-paths';
import { invokeOk, previewInfo, resetPreview } from './support/preview';

// The quick switcher the global shortcut opens, at its window's size, in light and dark: the real
// page (#switcher) against the preview. The preview has no window to hide, so each switcher:close
// lands in <aws-dir>/switcher-out/closed.jsonl, and what the hand-offs did in handoff-out/.

const ROOT = join(import.meta.dirname, '..');
const AWS_DIR = join(ROOT, PREVIEW_AWS_DIR);
const CLOSED = join(AWS_DIR, 'switcher-out', 'closed.jsonl');
const HANDOFF_OUT = join(AWS_DIR, 'handoff-out');
const SIZE = { width: 640, height: 420 };

/** Why the switcher asked to close, in order, since the test began. */
async function closes(): Promise<string[]> {
  const text = await readFile(CLOSED, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { reason: string }).reason);
}

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Switch to a role' });
const options = (page: Page) => page.getByRole('listbox', { name: 'Matching roles' }).getByRole('option');
const selected = (page: Page) =>
  page.getByRole('listbox', { name: 'Matching roles' }).locator('[role="option"][aria-selected="true"]');

/** The profile name an option shows (its first line, unless a display name is set). */
async function optionName(option: Locator): Promise<string> {
  return (await option.locator('.switcher-option-name').innerText()).replace(/\s*★.*$/s, '').trim();
}

async function openSwitcher(page: Page): Promise<void> {
  const info = await previewInfo();
  await page.goto(`${info.url}#switcher`);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize(SIZE);
  await rm(join(AWS_DIR, 'switcher-out'), { recursive: true, force: true });
  await rm(HANDOFF_OUT, { recursive: true, force: true });
  await resetPreview();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(colorScheme, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test('open, type part of an account name, ArrowDown, Enter assumes that role and the switcher closes', async ({
      app,
    }, testInfo) => {
      const { page } = app;
      // Two favourites that assume without a code: they lead the list, in an order their last use decides.
      const favourites = ['prod-audit', 'prod-log-reader'];
      for (const profile of favourites) {
        await invokeOk('profiles:update-metadata', { profile, patch: { favourite: true } });
      }
      await openSwitcher(page);
      await expect(searchBox(page)).toBeFocused();
      await expect(options(page).first()).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`switcher-open-${colorScheme}.png`) });

      await page.keyboard.type('acme-pr');
      await expect(page.getByRole('status')).toHaveText(/^\d+ roles$/);
      // Only acme-prod's roles are left, favourites first.
      const shown = options(page);
      for (const text of await shown.allInnerTexts()) expect(text).toContain('acme-prod (123456789012)');
      const firstTwo = [await optionName(shown.nth(0)), await optionName(shown.nth(1))];
      expect([...firstTwo].sort()).toEqual(favourites);
      await expect(shown.nth(0)).toHaveAttribute('aria-selected', 'true');

      await page.keyboard.press('ArrowDown');
      await expect(selected(page)).toHaveCount(1);
      await expect(shown.nth(1)).toHaveAttribute('aria-selected', 'true');
      const target = firstTwo[1]!;
      await expect(searchBox(page)).toHaveAttribute(
        'aria-activedescendant',
        (await shown.nth(1).getAttribute('id'))!,
      );
      await page.screenshot({ path: testInfo.outputPath(`switcher-filtered-${colorScheme}.png`) });
      await audit(page, `the switcher (${colorScheme})`);

      await page.keyboard.press('Enter');
      await expect.poll(closes).toEqual(['done']);
      // That role's session (prod-log-reader's chain holds prod-read-only's too); not the other's.
      const assumed = (await invokeOk('sessions:list')).map((session) => session.profile);
      expect(assumed).toContain(target);
      expect(assumed).not.toContain(firstTwo[0]);
      // Ready for the next time: an empty query, the box focused, the whole list.
      await expect(searchBox(page)).toHaveValue('');
      await expect(searchBox(page)).toBeFocused();
      // The new session shows with its time left.
      const row = options(page).filter({ hasText: target }).first();
      await expect(row).toContainText(/\d+ min \d{2} s left|\d+ h \d{2} min left/);
    });

    test('a failure stays in the switcher as its sentence, and it does not close', async ({
      app,
    }, testInfo) => {
      const { page } = app;
      await openSwitcher(page);
      await expect(searchBox(page)).toBeFocused();
      await page.keyboard.type('contractor-prod');
      await expect(options(page)).toHaveCount(1);
      await page.keyboard.press('Enter');
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount');
      await expect(searchBox(page)).toHaveValue('contractor-prod');
      await expect(searchBox(page)).toBeFocused();
      await page.screenshot({ path: testInfo.outputPath(`switcher-error-${colorScheme}.png`) });
      await audit(page, `the switcher with an error (${colorScheme})`);
      expect(await closes()).toEqual([]);
      expect(await invokeOk('sessions:list')).toEqual([]);
    });
  });
}

test('Ctrl+Enter opens the console as the role, Shift+Enter copies its variables; each closes the switcher', async ({
  app,
}) => {
  const { page } = app;
  await openSwitcher(page);
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('prod-read-only');
  await expect(options(page).first()).toContainText('prod-read-only');
  expect(await optionName(options(page).first())).toBe('prod-read-only');
  await page.keyboard.press('Control+Enter');
  await expect.poll(closes).toEqual(['done']);
  const url = (await readFile(join(HANDOFF_OUT, 'browser.txt'), 'utf8')).trim();
  const consolePage = await page.context().newPage();
  await consolePage.goto(url);
  await expect(consolePage.locator('#signed-in-as')).toHaveText(
    /^arn:aws:sts::123456789012:assumed-role\/DevReadOnly-CrossAccount\//,
  );
  await consolePage.close();

  await expect(searchBox(page)).toHaveValue('');
  await page.keyboard.type('prod-read-only');
  await page.keyboard.press('Shift+Enter');
  await expect.poll(closes).toEqual(['done', 'done']);
  const copied = await readFile(join(HANDOFF_OUT, 'clipboard.txt'), 'utf8');
  expect(copied).toMatch(/^export AWS_ACCESS_KEY_ID=/m);
  expect(copied).toMatch(/^export AWS_SESSION_TOKEN=/m);
  // The secret went to the clipboard, never through the page.
  const secret = /AWS_SECRET_ACCESS_KEY=['"]?([^'"\n]+)/.exec(copied)?.[1];
  expect(secret).toBeTruthy();
  expect(await page.content()).not.toContain(secret!);
});

test('Escape closes and the next open starts empty; losing the focus closes too', async ({ app }) => {
  const { page } = app;
  await openSwitcher(page);
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('audit');
  await expect(options(page)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect.poll(closes).toEqual(['escape']);
  await expect(searchBox(page)).toHaveValue('');
  await expect(options(page).nth(1)).toBeVisible();
  expect(await invokeOk('sessions:list')).toEqual([]);

  // The window losing the focus (the user clicked elsewhere) is a dismissal.
  await page.keyboard.type('dev');
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await expect.poll(closes).toEqual(['escape', 'blur']);
  await expect(searchBox(page)).toHaveValue('');
});

test('Enter on a role that needs a code: the MFA prompt appears as usual, and its code finishes the assume', async ({
  app,
}) => {
  test.setTimeout(90_000);
  const { page } = app;
  const { secret, serial } = await mfaSecret();
  await openSwitcher(page);
  await page.keyboard.type('prod-read-only-mfa');
  await expect(options(page).first()).toContainText('No session · MFA');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Assuming prod-read-only-mfa…');
  // The small MFA window, as Electron opens it for a prompt while the main window is hidden.
  const info = await previewInfo();
  const mfaWindow = await page.context().newPage();
  await mfaWindow.goto(`${info.url}#mfa`);
  await expect(mfaDialog(mfaWindow)).toContainText(serial);
  // Its focus leaving the switcher while the assume waits does not dismiss it.
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await mfaInput(mfaWindow).pressSequentially(await freshMfaCode(secret));
  await expect.poll(closes).toEqual(['done']);
  expect((await invokeOk('sessions:list')).map((session) => session.profile)).toEqual(['prod-read-only-mfa']);
  await mfaWindow.close();
});
