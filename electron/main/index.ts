import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, clipboard, dialog, Menu } from 'electron';
import type { IpcResult, ResponseOf } from '../../shared/ipc-contract';
import { dispatch } from '../app/dispatch';
import { copyableRoleArn } from '../app/role-arn';
import { reactToAppEvents } from './app-events';
import { applicationMenuTemplate } from './app-menu';
import { appPages } from './app-pages';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { forwardEvents, registerIpc } from './ipc';
import { mfaPromptPlace, mfaWindowStillNeeded } from './mfa-routing';
import { Notifier } from './notifications';
import { installSecurity } from './security';
import { contentSecurityPolicy } from './security-policy';
import { openSettingsStore, startServices } from './services';
import { electronSettingsAppliers } from './settings-glue';
import { unregisterShortcuts } from './shortcut';
import { ignoredSwitchesNotice, runtimeSwitches } from './runtime-switches';
import { installTestHooks } from './test-hooks';
import { RoleTrayTray } from './tray';
import type { TrayAction } from './tray-menu';
import { runTrayAction, type TrayActionDeps, type UserMessage } from './tray-actions';
import { trayIconDir, trayIconFile } from './tray-icon';
import { AppWindows } from './windows';

// Startup only: each concern lives in its own file, wired together here.

const log = (message: string) => console.error(`[RoleTray] ${message}`);
// Test and sandbox switches apply in a checkout only; a packaged app says which it ignored.
const switches = runtimeSwitches(app.isPackaged, process.env);
const ignoredNotice = ignoredSwitchesNotice(switches);
if (ignoredNotice) log(ignoredNotice);
const { devServerUrl, userDataDir, testHooks: testMode } = switches.inForce;

// Before anything reads userData (the single-instance lock, the settings store): tests and demos
// run with a throwaway profile so they never touch the user's own.
if (userDataDir) app.setPath('userData', userDataDir);
app.enableSandbox();
registerAppScheme();
if (process.platform === 'win32') app.setAppUserModelId('io.github.roletray.app');

async function start(): Promise<void> {
  app.dock?.hide();
  // No default menu, so no DevTools shortcut, in a packaged app (app-menu.ts).
  const menu = applicationMenuTemplate({
    platform: process.platform,
    packaged: app.isPackaged,
    appName: app.getName(),
  });
  Menu.setApplicationMenu(menu && Menu.buildFromTemplate(menu));
  const pages = appPages(devServerUrl ? { devServerUrl } : {});
  serveAppScheme({ rendererDir: join(import.meta.dirname, '../renderer'), csp: contentSecurityPolicy() });
  installSecurity(pages, contentSecurityPolicy(devServerUrl), log);

  const store = openSettingsStore();
  const openPrompts = () => services.broker.open();
  const windows = new AppWindows({
    pages,
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    store,
    // A window that opened after a prompt was published still gets to answer it.
    onPageLoaded: (window) => {
      for (const view of openPrompts()) window.webContents.send('mfa:request', view);
    },
    onClosedByUser: (kind) => {
      // Closing the MFA window is "cancel"; hiding the main window moves an open prompt to it.
      if (kind === 'mfa') services.broker.cancelAll();
      else if (kind === 'main' && mfaWindowStillNeeded(openPrompts().length)) windows.showMfa();
    },
    log,
  });
  const showMfaPrompt = () => {
    if (mfaPromptPlace(windows.mainWindowState(), windows.switcherVisible()) === 'main-window')
      windows.showMain();
    else windows.showMfa();
  };
  // Windows are created on demand, after this: their callbacks above find the services started.
  const services = await startServices({
    store,
    switches: switches.inForce,
    onMfaPrompt: showMfaPrompt,
    // Where the Identity Center panel shows the sign-in (and its device code) a hand-off started.
    onSsoSignIn: () => windows.showMain(),
    // The quick switcher is done or dismissed: its window hides until the shortcut brings it back.
    onSwitcherClose: () => windows.hideSwitcher(),
    log,
    // The shortcut opens the quick switcher (and closes it when pressed again).
    settingsAppliers: electronSettingsAppliers(() => windows.toggleSwitcher()),
  });
  const { hub, handlers, core } = services;

  const userMessages: UserMessage[] = [];
  const notifier = new Notifier({
    platform: process.platform,
    renew: (profile) => void run({ kind: 'renew', profile }),
    openApp: () => windows.showMain(),
    log,
  });
  const tellUser = (message: UserMessage) => {
    if (testMode) userMessages.push(message);
    notifier.tellUser(message);
  };

  // Tray requests take the same path as a renderer's: schema check, handler, typed error.
  const request: TrayActionDeps['request'] = (channel, payload) =>
    dispatch(handlers, channel, payload, log) as Promise<IpcResult<ResponseOf<typeof channel>>>;
  const run = (action: TrayAction) =>
    runTrayAction(action, {
      request,
      roleArn: (profile) => copyableRoleArn(core.profiles, core.manager, profile),
      writeClipboard: (text) => clipboard.writeText(text),
      showMainWindow: (role) => windows.showMain(role),
      showS3Browser: (profile) => windows.showBrowser(profile),
      showMfaPrompt,
      quit: () => app.quit(),
      tellUser,
      setBusy: (profile, busy) => tray.setBusy(profile, busy),
      shell: process.platform === 'win32' ? 'powershell' : 'sh',
    });
  const tray: RoleTrayTray = new RoleTrayTray({
    iconPath: join(
      trayIconDir({
        packaged: app.isPackaged,
        appPath: app.getAppPath(),
        resourcesPath: process.resourcesPath,
      }),
      trayIconFile(process.platform),
    ),
    platform: process.platform,
    homeDir: homedir(),
    loadInputs: async () => ({
      profiles: await handlers['profiles:list'](),
      sessions: await handlers['sessions:list'](),
      pendingMfa: openPrompts().map((view) => view.profile),
    }),
    run,
    log,
  });

  registerIpc({
    handlers,
    windows,
    pages,
    log,
    onHandled: (channel) => {
      if (channel === 'profiles:update-metadata') void tray.refresh();
    },
  });
  forwardEvents(hub, windows);
  reactToAppEvents({
    hub,
    tray,
    notifier,
    windows,
    openPrompts,
    displayName: (profile) => core.metadata.get(profile).displayName ?? profile,
  });
  await tray.start();

  // The stored shortcut (settings, or the old globalShortcut key); one that is taken is logged.
  services.settings.start();

  app.on('second-instance', () => windows.showMain());
  app.on('activate', () => windows.showMain());
  // A tray app keeps running with every window closed; only Quit ends it.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => windows.prepareToQuit());
  app.on('will-quit', () => {
    unregisterShortcuts();
    tray.destroy();
    void services.close();
  });

  if (testMode) {
    installTestHooks({
      menuTemplate: () => tray.menuModel(),
      refreshMenu: () => tray.refresh(),
      clickMenuItem: (id) => tray.click(id),
      windowPreferences: () => windows.createdPreferences(),
      mfaPrompts: () => openPrompts(),
      userMessages: () => [...userMessages],
    });
  }
  // Launched at login with --hidden, the app waits in the tray; otherwise it shows its window.
  if (!process.argv.includes('--hidden')) windows.showMain();
}

if (!app.requestSingleInstanceLock()) {
  // Another RoleTray runs with this profile: it shows its window (second-instance) and this one ends.
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      log(`Startup failed: ${error instanceof Error ? (error.stack ?? reason) : reason}`);
      dialog.showErrorBox('RoleTray could not start', reason);
      app.exit(1);
    });
}
