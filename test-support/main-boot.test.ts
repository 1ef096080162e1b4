import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../electron/main/app-menu';
import { APP_INDEX_URL } from '../electron/main/app-pages';
import { contentSecurityPolicy } from '../electron/main/security-policy';
import { trayIconDir, trayIconFile } from '../electron/main/tray-icon';
import { trayMenuModel, type TrayMenuItem } from '../electron/main/tray-menu';
import { secureWebPreferences, windowOptions, WINDOW_SIZES } from '../electron/main/window-options';
import { REQUEST_CHANNELS } from '../shared/ipc-contract';
import { recordMenu, type RecordedMenuItem } from './electron-stand-in/boot-record';
import {
  BOOT_ACCOUNT as ACCOUNT,
  BOOT_ALIAS,
  BOOT_ROLE as ROLE,
  bootedForSuite,
  CLEAN_RUN,
  runSummary,
} from './main-boot';

// The boot check: the built main process (out/main/index.js, fresh from electron-vite) started in
// Node against the electron stand-in, as `npm start` runs it from a checkout, with the test and
// sandbox switches set (main-boot.ts). main-boot-packaged.test.ts starts it as an installed app.

const ROOT = join(import.meta.dirname, '..');

/** What tray.ts must hand Menu.buildFromTemplate for `items`: labels and enabled filled in, a click per action. */
function asElectronMenu(items: TrayMenuItem[]): RecordedMenuItem[] {
  return items.map((item) =>
    item.type === 'separator'
      ? { id: item.id, type: 'separator', click: false }
      : {
          id: item.id,
          type: item.type,
          label: item.label ?? '',
          enabled: item.enabled ?? true,
          click: item.action !== undefined,
          ...(item.submenu ? { submenu: asElectronMenu(item.submenu) } : {}),
        },
  );
}

describe('the built main process, started from a checkout against the electron stand-in', () => {
  const boot = bootedForSuite({ packaged: false, switches: 'checkout' });

  it('starts without an error, then quits cleanly when asked', () => {
    expect(runSummary(boot)).toEqual({
      ...CLEAN_RUN,
      // The only line main logs is for the stranger the probe sent.
      log: ['[RoleTray] Refused app:state from https://example.com/ (web contents -1).'],
    });
  });

  it('honours the test and sandbox switches: the throwaway profile, the sandbox, the test hooks', () => {
    expect(boot.record.userDataPath).toBe(boot.switchEnv['ROLETRAY_USER_DATA']);
    expect(boot.record.testHooksInstalled).toBe(true);
    expect(boot.record.answers?.appState).toMatchObject({
      ok: true,
      value: { sandbox: { configFile: join(boot.home.dir, '.aws/config') } },
    });
    expect(boot.record.answers?.profiles).toMatchObject({
      ok: true,
      value: { roles: [{ name: ROLE, accountAlias: BOOT_ALIAS }] },
    });
  });

  it('sandboxes every renderer', () => {
    expect(boot.record.sandboxEnabled).toBe(true);
    expect(boot.record.security).toEqual({
      headersHook: true,
      permissionRequestHandler: true,
      permissionCheckHandler: true,
    });
  });

  it('sets the application menu for a checkout: DevTools stay reachable', () => {
    const template = applicationMenuTemplate({
      platform: process.platform,
      packaged: false,
      appName: 'RoleTray',
    });
    expect(boot.record.applicationMenu).toEqual(recordMenu(template!));
    expect(JSON.stringify(boot.record.applicationMenu)).toContain('"role":"toggleDevTools"');
  });

  it('registers every request channel with ipcMain.handle exactly once', () => {
    expect([...boot.record.handledChannels].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it("answers the main window's page and refuses anyone else", () => {
    expect(boot.record.answers?.profiles).toMatchObject({
      ok: true,
      value: { roles: [{ name: ROLE, accountId: ACCOUNT }] },
    });
    expect(boot.record.answers?.sessions).toEqual({ ok: true, value: [] });
    expect(boot.record.answers?.foreignSender).toMatchObject({ ok: false, error: { kind: 'Validation' } });
  });

  it('puts a tray icon up with the menu the tray menu model makes of the config', () => {
    expect(boot.record.trays).toHaveLength(1);
    const tray = boot.record.trays[0]!;
    expect(tray.iconPath).toBe(
      join(
        trayIconDir({ packaged: false, appPath: ROOT, resourcesPath: '' }),
        trayIconFile(process.platform),
      ),
    );
    expect(tray.iconFound).toBe(true);
    const answers = boot.record.answers!;
    if (!answers.profiles.ok || !answers.sessions.ok)
      throw new Error('main did not answer profiles:list and sessions:list');
    const model = trayMenuModel({
      profiles: answers.profiles.value,
      sessions: answers.sessions.value,
      pendingMfa: [],
      busy: new Set(),
      now: Date.now(),
      homeDir: boot.home.dir,
    });
    const menu = tray.menus.at(-1);
    expect(menu).toEqual(asElectronMenu(model));
    // The config's role, under its account, with its assume command; the keys profile is no role.
    expect(menu?.map((item) => item.id)).toEqual(
      expect.arrayContaining([`account:${ACCOUNT}`, `role:${ROLE}`]),
    );
    expect(menu?.find((item) => item.id === `role:${ROLE}`)?.submenu).toContainEqual(
      expect.objectContaining({ id: `assume:${ROLE}`, click: true, enabled: true }),
    );
    expect(menu?.some((item) => item.id === 'role:keys')).toBe(false);
    expect(tray.toolTip).toBe('RoleTray: no active sessions');
  });

  it('opens the main window with the secure options, on the built page, with the built preload', () => {
    // The main window, then the quick switcher the probe's shortcut opened.
    expect(boot.record.windows).toHaveLength(2);
    const main = boot.record.windows[0]!;
    const { width, height } = WINDOW_SIZES.main;
    expect(main.options).toEqual(windowOptions('main', boot.build.preloadPath, { width, height }));
    expect(main.options['webPreferences']).toEqual(secureWebPreferences(boot.build.preloadPath));
    // Stated here as well, so weakening secureWebPreferences itself cannot pass unnoticed.
    expect(main.options['webPreferences']).toMatchObject({
      preload: boot.build.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(existsSync(boot.build.preloadPath)).toBe(true);
    expect(main.loadedUrls).toEqual([APP_INDEX_URL]);
    expect(main.shown).toBe(true);
    expect(main.windowOpenHandler).toBe(true);
  });

  it('the global shortcut toggles the quick switcher: a small frameless window on #switcher, hidden by switcher:close', () => {
    const switcher = boot.record.windows[1]!;
    expect(switcher.loadedUrls).toEqual([`${APP_INDEX_URL}#switcher`]);
    // Centred a fifth of the way down the stand-in's 1920×1040 work area.
    const { width, height } = WINDOW_SIZES.switcher;
    expect(switcher.options).toEqual(
      windowOptions('switcher', boot.build.preloadPath, { x: 640, y: 208, width, height }),
    );
    expect(switcher.options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true });
    expect(switcher.options['webPreferences']).toEqual(secureWebPreferences(boot.build.preloadPath));
    expect(boot.record.switcher?.closeAnswer).toEqual({ ok: true });
    expect(boot.record.switcher?.steps).toEqual([
      { step: 'pressed', visible: true, windows: 2 },
      { step: 'closed by its page', visible: false, windows: 2 },
      { step: 'pressed again', visible: true, windows: 2 },
      { step: 'pressed while in front', visible: false, windows: 2 },
    ]);
    expect(switcher.windowOpenHandler).toBe(true);
  });

  it('serves the page from app:// only: index.html with the CSP header, its script, and no way out', async () => {
    expect(boot.record.protocol.privileged).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    expect(boot.record.protocol.handled).toEqual(['app']);
    const { page, script, refused } = boot.record.protocol.answers!;
    expect(page).toEqual({
      url: APP_INDEX_URL,
      status: 200,
      contentType: 'text/html; charset=utf-8',
      csp: contentSecurityPolicy(),
      text: await readFile(boot.build.rendererIndex, 'utf8'),
    });
    expect(script).toMatchObject({
      url: expect.stringMatching(/^app:\/\/roletray\/assets\/[^/]+\.js$/),
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
      csp: contentSecurityPolicy(),
    });
    expect(refused.map(({ url, status }) => ({ url, status }))).toEqual(
      refused.map(({ url }) => ({ url, status: 404 })),
    );
    expect(refused).toHaveLength(4);
  });
});
