import type { Page } from '@playwright/test';
import { audit } from './support/axe-audit';
import { expect, test } from './support/fixtures';
import { mfaDialog, mfaInput, roleRow } from './support/locators';
import { freshMfaCode, mfaSecret } from './support/mfa-codes';
import { previewInfo } from './support/preview';

// Settings in the real renderer against the preview's app services: each setting changed, the page
// reloaded, the values still there; the shortcut recorded by pressing keys (a bare key refused,
// Escape cancelling); the theme switching the page's colours; a refused duration is a sentence and
// keeps what was typed. Then an axe audit of the Settings dialog and the MFA sessions panel.

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Settings' });
const openSettings = async (page: Page) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(dialog(page)).toBeVisible();
};
const background = (page: Page) => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
const rootBackground = (page: Page) =>
  page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');

test('settings round trip: shortcut recorded, login, theme, durations survive a reload', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open();
  await openSettings(page);
  const shortcut = dialog(page).getByRole('textbox', { name: 'Global shortcut' });
  await expect(shortcut).toHaveValue('CommandOrControl+Alt+R');

  await test.step('the shortcut is recorded by pressing it; a bare key is refused, Escape cancels', async () => {
    await shortcut.click();
    await page.keyboard.press('k');
    await expect(dialog(page).getByRole('alert')).toHaveText(
      'K alone would take that key from every other app: hold Ctrl, Alt or Super (and Shift if you like) with it.',
    );
    await expect(shortcut).toHaveValue('CommandOrControl+Alt+R');
    await page.keyboard.press('Control+Shift+KeyK');
    await expect(shortcut).toHaveValue('Ctrl+Shift+K');
    await expect(dialog(page).getByRole('alert')).toHaveCount(0);
    await expect(dialog(page)).toContainText('Saved the shortcut.');
    // Escape in the field stops recording and leaves the dialog open.
    await shortcut.click();
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeVisible();
    await expect(shortcut).toHaveValue('Ctrl+Shift+K');
  });

  await test.step('launch at login, start hidden, durations', async () => {
    // Each box shows main's answer: clicked, then checked once saved.
    const atLogin = dialog(page).getByRole('checkbox', { name: 'Launch RoleTray at login' });
    await atLogin.click();
    await expect(atLogin).toBeChecked();
    const hidden = dialog(page).getByRole('checkbox', {
      name: 'Start hidden in the tray when launched at login',
    });
    await hidden.click();
    await expect(hidden).not.toBeChecked();
    const duration = dialog(page).getByRole('textbox', { name: 'Default session duration (seconds)' });
    await duration.fill('600');
    await duration.press('Enter');
    await expect(dialog(page).getByRole('alert')).toHaveText(
      'A session lasts at least 900 s (15 min), the least AWS gives.',
    );
    await expect(duration).toHaveValue('600');
    await duration.fill('1800');
    await duration.press('Enter');
    await expect(dialog(page).getByRole('alert')).toHaveCount(0);
    const clipboard = dialog(page).getByRole('textbox', { name: 'Clear copied secrets after (seconds)' });
    await clipboard.fill('20');
    await clipboard.press('Tab');
    await expect(dialog(page)).toContainText('Saved clear copied secrets after.');
  });

  await test.step('the theme switches the page’s colours', async () => {
    const light = await background(page);
    await dialog(page).getByRole('radio', { name: 'Dark' }).click();
    await expect.poll(() => rootBackground(page)).not.toBe(light);
    await expect.poll(() => rootBackground(page)).toBe('rgb(15, 18, 22)');
    // Light wins over a dark OS too.
    await page.emulateMedia({ colorScheme: 'dark' });
    await dialog(page).getByRole('radio', { name: 'Light' }).click();
    await expect.poll(() => rootBackground(page)).toBe('rgb(246, 247, 249)');
    await dialog(page).getByRole('radio', { name: 'Dark' }).click();
    await expect(dialog(page).getByRole('radio', { name: 'Dark' })).toBeChecked();
    await app.screenshot('settings-dark');
  });

  await test.step('after a reload every value is still there', async () => {
    await page.reload();
    await expect.poll(() => rootBackground(page)).toBe('rgb(15, 18, 22)');
    await openSettings(page);
    await expect(dialog(page).getByRole('textbox', { name: 'Global shortcut' })).toHaveValue('Ctrl+Shift+K');
    await expect(dialog(page).getByRole('checkbox', { name: 'Launch RoleTray at login' })).toBeChecked();
    await expect(
      dialog(page).getByRole('checkbox', { name: 'Start hidden in the tray when launched at login' }),
    ).not.toBeChecked();
    await expect(dialog(page).getByRole('radio', { name: 'Dark' })).toBeChecked();
    await expect(
      dialog(page).getByRole('textbox', { name: 'Default session duration (seconds)' }),
    ).toHaveValue('1800');
    await expect(
      dialog(page).getByRole('textbox', { name: 'Clear copied secrets after (seconds)' }),
    ).toHaveValue('20');
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
  });

  await test.step('the MFA window and the quick switcher take the chosen theme, not the OS’s', async () => {
    const { url } = await previewInfo();
    for (const hash of ['#mfa', '#switcher']) {
      const other = await page.context().newPage();
      await other.emulateMedia({ colorScheme: 'light' });
      await other.goto(`${url}${hash}`);
      await expect.poll(() => rootBackground(other), { message: hash }).toBe('rgb(15, 18, 22)');
      await other.close();
    }
  });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the Settings dialog and the MFA sessions panel (${theme})`, async ({ app }) => {
    test.setTimeout(90_000);
    const { page } = app;
    await page.emulateMedia({ colorScheme: theme });
    await app.open();
    const { secret } = await mfaSecret();
    await roleRow(page, 'prod-read-only-mfa')
      .getByRole('button', { name: 'Assume prod-read-only-mfa', exact: true })
      .press('Enter');
    await mfaInput(page).pressSequentially(await freshMfaCode(secret));
    await expect(mfaDialog(page)).toBeHidden();
    await expect(
      page.getByRole('region', { name: 'MFA sessions', exact: true }).getByRole('listitem'),
    ).toHaveCount(1);
    await audit(page, `the MFA sessions panel (${theme})`, '.mfa-sessions');
    await page.getByRole('button', { name: 'Sign out of all sessions' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await audit(page, `the sign-out question (${theme})`, '.confirm-dialog');
    await page.keyboard.press('Escape');
    await openSettings(page);
    await audit(page, `the Settings dialog (${theme})`, '.settings-dialog');
  });
}
