import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../electron/main/app-menu';
import { APP_INDEX_URL } from '../electron/main/app-pages';
import { contentSecurityPolicy } from '../electron/main/security-policy';
import { trayIconDir, trayIconFile } from '../electron/main/tray-icon';
import { recordMenu } from './electron-stand-in/boot-record';
import { BOOT_ROLE, bootedForSuite, CLEAN_RUN, runSummary } from './main-boot';

// The boot check as an installed app: the stand-in's `app.isPackaged` is true, and every test and
// sandbox switch is set, each pointing where a test would. None of them may take effect.

const ROOT = join(import.meta.dirname, '..');

describe('the built main process, started as a packaged app with every test switch set', () => {
  const boot = bootedForSuite({ packaged: true, switches: 'every' });

  it('starts and quits cleanly, saying once which switches it ignored', () => {
    expect(runSummary(boot)).toEqual({
      ...CLEAN_RUN,
      log: [
        '[RoleTray] Ignoring ELECTRON_RENDERER_URL, ROLETRAY_USER_DATA, ROLETRAY_SANDBOX, ROLETRAY_TEST: ' +
          'a packaged app takes no test or sandbox switches.',
        '[RoleTray] Refused app:state from https://example.com/ (web contents -1).',
      ],
    });
  });

  it('keeps the default userData folder, not the override', () => {
    expect(boot.record.userDataPath).not.toBe(boot.switchEnv['ROLETRAY_USER_DATA']);
    expect(boot.record.userDataPath).toBe(join(boot.home.dir, '.config', 'roletray'));
  });

  it('replaces the default menu: none on Windows and Linux, no DevTools on macOS', () => {
    const template = applicationMenuTemplate({
      platform: process.platform,
      packaged: true,
      appName: 'RoleTray',
    });
    expect(boot.record.applicationMenu).toEqual(template && recordMenu(template));
    if (process.platform !== 'darwin') expect(boot.record.applicationMenu).toBeNull();
    // Set, not left to Electron's default (which has View › Toggle Developer Tools).
    expect(boot.record).toHaveProperty('applicationMenu');
    expect(JSON.stringify(boot.record.applicationMenu)).not.toContain('DevTools');
  });

  it('installs no test hooks', () => {
    expect(boot.record.testHooksInstalled).toBe(false);
  });

  it('shows no sandbox badge and no sandbox account aliases', () => {
    const state = boot.record.answers?.appState;
    expect(state).toMatchObject({ ok: true, value: { version: expect.any(String) } });
    expect(state?.ok && state.value.sandbox).toBeUndefined();
    const profiles = boot.record.answers?.profiles;
    if (!profiles?.ok) throw new Error('main did not answer profiles:list');
    expect(profiles.value.roles.map((role) => [role.name, role.accountAlias])).toEqual([
      [BOOT_ROLE, undefined],
    ]);
  });

  it("loads its own page, not the dev server's, and finds the tray icon in its resources", () => {
    // The main window's, and the quick switcher's that the probe's shortcut opened.
    expect(boot.record.windows.flatMap((window) => window.loadedUrls)).toEqual([
      APP_INDEX_URL,
      `${APP_INDEX_URL}#switcher`,
    ]);
    expect(boot.record.protocol.answers?.page).toMatchObject({ status: 200, csp: contentSecurityPolicy() });
    const tray = boot.record.trays[0];
    expect(tray?.iconPath).toBe(
      join(
        trayIconDir({ packaged: true, appPath: ROOT, resourcesPath: join(ROOT, 'resources') }),
        trayIconFile(process.platform),
      ),
    );
    expect(tray?.iconFound).toBe(true);
  });
});
