import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trayIconDir, trayIconFile } from '../electron/main/tray-icon';
import { trayMenuModel, type TrayMenuItem } from '../electron/main/tray-menu';
import { secureWebPreferences, windowOptions, WINDOW_SIZES } from '../electron/main/window-options';
import { REQUEST_CHANNELS } from '../shared/ipc-contract';
import { buildApp, type AppBuild } from './app-build';
import { runProcess, type ProcessRun } from './client-process';
import { BOOT_RECORD_ENV, type BootRecord, type RecordedMenuItem } from './electron-stand-in/boot-record';
import { tempTree, type TempTree } from './temp-tree';

// The boot check: the built main process (out/main/index.js, fresh from electron-vite) started in
// Node against the electron stand-in (test-support/electron-stand-in/), in a child process, with a
// home of its own. No Electron binary can run here; this is how far main gets without one.

const ROOT = join(import.meta.dirname, '..');
const REGISTER_STAND_IN = join(import.meta.dirname, 'electron-stand-in/register.ts');

const ROLE = 'dev-admin';
const ACCOUNT = '123456789012';
const AWS_FILES = {
  '.aws/config': [
    '[profile keys]',
    'region = us-east-1',
    '',
    `[profile ${ROLE}]`,
    `role_arn = arn:aws:iam::${ACCOUNT}:role/Admin`,
    'source_profile = keys',
    '',
  ].join('\n'),
  '.aws/credentials': [
    '[keys]',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    '',
  ].join('\n'),
};

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

/** The app's own log lines (main logs to stderr with this prefix). */
const roleTrayLog = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('[RoleTray]'));

describe('the built main process, started against the electron stand-in', () => {
  let build: AppBuild;
  let home: TempTree;
  let run: ProcessRun;
  let record: BootRecord;

  beforeAll(async () => {
    build = await buildApp();
    home = await tempTree('roletray-boot-', AWS_FILES);
    const recordFile = join(home.dir, 'boot-record.json');
    run = await runProcess(
      process.execPath,
      ['--import', 'tsx', '--import', REGISTER_STAND_IN, build.mainEntry],
      {
        // Nothing of the test runner's environment (AWS_PROFILE, ROLETRAY_TEST, NODE_ENV…) gets in.
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: home.dir,
          AWS_CONFIG_FILE: join(home.dir, '.aws/config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home.dir, '.aws/credentials'),
          ROLETRAY_USER_DATA: join(home.dir, 'user-data'),
          ROLETRAY_HANDOFF_DIR: join(home.dir, 'handoff'),
          [BOOT_RECORD_ENV]: recordFile,
        },
        // `electron .` from the checkout: the stand-in's app path, where the tray icons are.
        cwd: ROOT,
        timeoutMs: 30_000,
      },
    );
    if (!existsSync(recordFile))
      throw new Error(`main wrote no boot record (exit ${run.code}):\n${run.stderr}`);
    record = JSON.parse(await readFile(recordFile, 'utf8')) as BootRecord;
  }, 150_000);

  afterAll(async () => {
    await build?.remove();
    await home?.remove();
  });

  it('starts without an error, then quits cleanly when asked', () => {
    expect(run.stderr).not.toContain('Startup failed');
    expect(record.errorBoxes).toEqual([]);
    // The only line main logs is for the stranger the probe sent.
    expect(roleTrayLog(run.stderr)).toEqual([
      '[RoleTray] Refused app:state from https://example.com/ (web contents -1).',
    ]);
    expect(record.notifications).toEqual([]);
    expect(record.quit).toEqual({ windowsLeftOpen: 0 });
    expect({ code: run.code, recorded: record.exitCode }).toEqual({ code: 0, recorded: 0 });
  });

  it('keeps to the throwaway profile and sandboxes every renderer', () => {
    expect(record.userDataPath).toBe(join(home.dir, 'user-data'));
    expect(record.sandboxEnabled).toBe(true);
    expect(record.security).toEqual({
      headersHook: true,
      permissionRequestHandler: true,
      permissionCheckHandler: true,
    });
  });

  it('registers every request channel with ipcMain.handle exactly once', () => {
    expect([...record.handledChannels].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it("answers the main window's page and refuses anyone else", () => {
    expect(record.answers?.profiles).toMatchObject({
      ok: true,
      value: { roles: [{ name: ROLE, accountId: ACCOUNT }] },
    });
    expect(record.answers?.sessions).toEqual({ ok: true, value: [] });
    expect(record.answers?.foreignSender).toMatchObject({ ok: false, error: { kind: 'Validation' } });
  });

  it('puts a tray icon up with the menu the tray menu model makes of the config', () => {
    expect(record.trays).toHaveLength(1);
    const tray = record.trays[0]!;
    expect(tray.iconPath).toBe(
      join(
        trayIconDir({ packaged: false, appPath: ROOT, resourcesPath: '' }),
        trayIconFile(process.platform),
      ),
    );
    expect(tray.iconFound).toBe(true);
    const answers = record.answers!;
    if (!answers.profiles.ok || !answers.sessions.ok)
      throw new Error('main did not answer profiles:list and sessions:list');
    const model = trayMenuModel({
      profiles: answers.profiles.value,
      sessions: answers.sessions.value,
      pendingMfa: [],
      busy: new Set(),
      now: Date.now(),
      homeDir: home.dir,
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
    expect(record.windows).toHaveLength(1);
    const main = record.windows[0]!;
    const { width, height } = WINDOW_SIZES.main;
    expect(main.options).toEqual(windowOptions('main', build.preloadPath, { width, height }));
    expect(main.options['webPreferences']).toEqual(secureWebPreferences(build.preloadPath));
    // Stated here as well, so weakening secureWebPreferences itself cannot pass unnoticed.
    expect(main.options['webPreferences']).toMatchObject({
      preload: build.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(existsSync(build.preloadPath)).toBe(true);
    expect(main.loadedUrls).toEqual([pathToFileURL(build.rendererIndex).href]);
    expect(main.shown).toBe(true);
    expect(main.windowOpenHandler).toBe(true);
  });
});
