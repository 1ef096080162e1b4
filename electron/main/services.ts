import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { app } from 'electron';
import Store from 'electron-store';
import type { MfaPromptView } from '../../shared/ipc-contract';
import { startAppServices, type AppServices } from '../app/app-services';
import type { SettingsAppliers } from '../app/app-settings';
import { chooseWithDialog } from './download-destination';
import { desktopHandoff } from './handoff-glue';
import { safeStorageCipher } from './safe-storage-cipher';
import type { SwitchesInForce } from './runtime-switches';
import { parseSandboxFile, type SandboxSettings } from './sandbox-file';

// The app's services as Electron runs them: electron-store for settings and the encrypted session
// cache, safeStorage for the key, the user's environment and home, save dialogs for S3 downloads,
// the desktop's clipboard, browser and terminal for hand-offs, and the sandbox's aliases when `npm start` runs the app against the built-in sandbox.

export type SettingsStore = Store<Record<string, unknown>>;

/** Goes into the default RoleSessionName; some systems have no passwd entry for the user. */
function localUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? 'roletray';
  }
}

async function sandboxSettings(
  path: string | undefined,
  log: (message: string) => void,
): Promise<SandboxSettings | undefined> {
  if (!path) return undefined;
  try {
    return parseSandboxFile(await readFile(path, 'utf8'), path);
  } catch (error) {
    // Only labels come from it: the app still works against the sandbox's AWS files without them.
    log(`Ignoring ROLETRAY_SANDBOX: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** userData/roletray.json: settings, profile metadata, the encrypted session cache. */
export function openSettingsStore(): SettingsStore {
  // Opened after index.ts has settled userData.
  return new Store<Record<string, unknown>>({ name: 'roletray' });
}

export async function startServices(options: {
  store: SettingsStore;
  /** The sandbox file and hand-off folder, as runtime-switches.ts decided. */
  switches: Pick<SwitchesInForce, 'sandboxFile' | 'handoffDir'>;
  onMfaPrompt: (view: MfaPromptView) => void;
  /** A hand-off started an IAM Identity Center sign-in: the window shows it. */
  onSsoSignIn: () => void;
  /** The quick switcher asked to close: its window hides. */
  onSwitcherClose: () => void;
  log: (message: string) => void;
  /** The global shortcut and the login item (settings-glue.ts). */
  settingsAppliers: SettingsAppliers;
}): Promise<AppServices> {
  const { store, switches } = options;
  const sandbox = await sandboxSettings(switches.sandboxFile, options.log);
  const services = await startAppServices({
    version: app.getVersion(),
    sources: { env: process.env, homeDir: homedir() },
    store,
    cipher: safeStorageCipher,
    userName: localUserName(),
    onMfaPrompt: options.onMfaPrompt,
    onSsoSignIn: options.onSsoSignIn,
    onSwitcherClose: options.onSwitcherClose,
    chooseDownloadDestination: chooseWithDialog(),
    handoff: desktopHandoff({
      handoffDir: switches.handoffDir,
      federationEndpoint: sandbox?.federationEndpoint,
    }),
    log: options.log,
    settingsAppliers: options.settingsAppliers,
    ...(sandbox ? { sandbox: sandbox.sandbox, accountAliases: sandbox.accountAliases } : {}),
  });
  return services;
}
