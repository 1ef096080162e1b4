import type { TrayAction, TrayMenuItem } from '../electron/main/tray-menu';
import { findMenuItem, trayMenuModel } from '../electron/main/tray-menu';
import { runTrayAction, type UserMessage } from '../electron/main/tray-actions';
import { browseHash } from '../shared/app-hash';
import { expect, test } from './support/fixtures';
import { roleRow } from './support/locators';
import { bridgeRequest, invokeOk, sandboxDescription } from './support/preview';

// Playwright cannot click a tray menu, so the menu is built as main builds it (trayMenuModel, a pure
// function) from the preview's state, and its items' actions run as main runs them (runTrayAction),
// with requests going through the bridge. The open page must follow what the tray did.

async function menu(): Promise<TrayMenuItem[]> {
  const [profiles, sessions, { configFile }] = await Promise.all([
    invokeOk('profiles:list'),
    invokeOk('sessions:list'),
    sandboxDescription(),
  ]);
  return trayMenuModel({
    profiles,
    sessions,
    pendingMfa: [],
    busy: new Set(),
    now: Date.now(),
    homeDir: configFile.slice(0, configFile.lastIndexOf('/')),
  });
}

function actionOf(items: TrayMenuItem[], id: string): TrayAction {
  const item = findMenuItem(items, id);
  expect(item, `menu item ${id}`).toBeDefined();
  expect(item?.enabled).not.toBe(false);
  return item!.action!;
}

/** The page main would load in the window after a click, by its hash ('' when none). */
let loaded = '';

async function click(items: TrayMenuItem[], id: string): Promise<UserMessage[]> {
  const told: UserMessage[] = [];
  loaded = '';
  await runTrayAction(actionOf(items, id), {
    request: bridgeRequest,
    roleArn: () => ({ problem: 'not used here' }),
    writeClipboard: async () => undefined,
    showMainWindow: () => undefined,
    showS3Browser: (profile) => void (loaded = browseHash({ profile, prefix: '' })),
    showMfaPrompt: () => undefined,
    quit: () => undefined,
    tellUser: (message) => told.push(message),
    setBusy: () => undefined,
    shell: 'sh',
  });
  return told;
}

test('tray menu actions, run through the menu model, show up in the open window', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(roleRow(page, 'prod-read-only')).toContainText('No session');

  const before = await menu();
  expect(findMenuItem(before, 'account:123456789012')?.label).toBe('acme-prod (123456789012)');
  expect(findMenuItem(before, 'role:prod-read-only-mfa')?.label).toContain('MFA');
  expect(findMenuItem(before, 'assume:prod-read-only-mfa')?.label).toBe('Assume…');
  expect(findMenuItem(before, 'end-all')?.enabled).toBe(false);

  await test.step('Assume from the tray: the window shows the session and its countdown', async () => {
    expect(await click(before, 'assume:prod-read-only')).toEqual([]);
    const row = roleRow(page, 'prod-read-only');
    await expect(row).toContainText('Active ·');
    await expect(row.getByRole('timer')).toBeVisible();
    const after = await menu();
    expect(findMenuItem(after, 'status:prod-read-only')?.label).toMatch(/^Session: \d+ min left$/);
    expect(findMenuItem(after, 'end:prod-read-only')).toBeDefined();
    expect(findMenuItem(after, 'end-all')?.enabled).toBe(true);
  });

  await test.step('Browse S3 buckets from the tray opens the browser with that session', async () => {
    expect(findMenuItem(before, 'browse-s3:prod-read-only')).toBeUndefined();
    expect(await click(await menu(), 'browse-s3:prod-read-only')).toEqual([]);
    expect(loaded).toBe('#browse=prod-read-only');
    expect(findMenuItem(await menu(), 'open-console:prod-read-only')?.label).toBe('Open the AWS console');
    await page.evaluate((hash) => (location.hash = hash), loaded);
    await expect(page.getByRole('table', { name: 'Buckets prod-read-only can see' })).toContainText(
      'acme-prod-app-data',
    );
    await page.evaluate(() => (location.hash = ''));
    await expect(roleRow(page, 'prod-read-only')).toContainText('Active ·');
  });

  await test.step('a refusal from the tray reaches the user as a sentence', async () => {
    const told = await click(before, 'assume:contractor-prod-read-only');
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount.');
  });

  await test.step('Sign out of all sessions from the tray: the window follows', async () => {
    expect(await click(await menu(), 'end-all')).toEqual([]);
    await expect(roleRow(page, 'prod-read-only')).toContainText('No session');
    await expect(page.getByRole('timer')).toHaveCount(0);
    await app.screenshot('tray-after-sign-out');
  });
});
