import type { AppState, IpcResult } from '../../shared/ipc-contract';
import type { ProfilesView } from '../../shared/profiles-view';
import type { SessionInfo } from '../../shared/sessions';

// What the electron stand-in saw main do while it started, written as JSON for the boot check
// (test-support/main-boot.test.ts) to read.

/** Where the stand-in writes its record when the process exits. */
export const BOOT_RECORD_ENV = 'ROLETRAY_BOOT_RECORD';
/** `1`: the stand-in's `app.isPackaged` is true, as in an installed app. */
export const BOOT_PACKAGED_ENV = 'ROLETRAY_BOOT_PACKAGED';

/** A menu item as Menu.buildFromTemplate received it; its click handler becomes whether it has one. */
export interface RecordedMenuItem {
  id?: string;
  type?: string;
  role?: string;
  label?: string;
  enabled?: boolean;
  click: boolean;
  submenu?: RecordedMenuItem[];
}

/** What Menu.buildFromTemplate takes, as far as the record goes. */
export interface MenuTemplateItem {
  id?: string;
  type?: string;
  role?: string;
  label?: string;
  enabled?: boolean;
  click?: unknown;
  submenu?: MenuTemplateItem[] | object;
}

export function recordMenu(template: MenuTemplateItem[]): RecordedMenuItem[] {
  return template.map(({ id, type, role, label, enabled, click, submenu }) => ({
    ...(id !== undefined ? { id } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(role !== undefined ? { role } : {}),
    ...(label !== undefined ? { label } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    click: typeof click === 'function',
    ...(Array.isArray(submenu) ? { submenu: recordMenu(submenu) } : {}),
  }));
}

export interface RecordedWindow {
  /** The BrowserWindow constructor's options, as JSON. */
  options: Record<string, unknown>;
  loadedUrls: string[];
  shown: boolean;
  /** Whether anything set a window-open handler on its web contents (the security guard does). */
  windowOpenHandler: boolean;
}

export interface RecordedTray {
  iconPath: string;
  iconFound: boolean;
  /** Every context menu set, oldest first. */
  menus: RecordedMenuItem[][];
  toolTip?: string;
}

/** What a protocol handler main registered answered for one URL. */
export interface RecordedResponse {
  url: string;
  /** 0: no handler answered (none registered for the scheme, or it threw). */
  status: number;
  contentType: string | null;
  csp: string | null;
  /** The body of text/html and text/plain answers. */
  text?: string;
  error?: string;
}

/** What main answered once its window showed: the page's requests, and a stranger's. */
export interface BootAnswers {
  appState: IpcResult<AppState>;
  profiles: IpcResult<ProfilesView>;
  sessions: IpcResult<SessionInfo[]>;
  foreignSender: IpcResult<unknown>;
}

export interface BootRecord {
  /** Every ipcMain.handle call's channel, in order (a second one for a channel throws, as in Electron). */
  handledChannels: string[];
  windows: RecordedWindow[];
  trays: RecordedTray[];
  sandboxEnabled: boolean;
  userDataPath: string;
  security: { headersHook: boolean; permissionRequestHandler: boolean; permissionCheckHandler: boolean };
  protocol: {
    /** registerSchemesAsPrivileged's schemes, as JSON; the stand-in throws once the app is ready, as Electron does. */
    privileged: unknown[];
    /** Schemes given a handler with protocol.handle (which throws before ready, as in Electron). */
    handled: string[];
    /** The probe's requests to those handlers: the window's page, its script, then what must be refused. */
    answers?: { page: RecordedResponse; script: RecordedResponse; refused: RecordedResponse[] };
  };
  shortcuts: string[];
  /**
   * The probe pressing the global shortcut: whether the quick switcher's window was visible after
   * each step, the windows there were by then, and what its window's page was.
   */
  switcher?: {
    steps: { step: string; visible: boolean; windows: number }[];
    url?: string;
    closeAnswer?: unknown;
  };
  /** What Menu.setApplicationMenu was last given (null: no menu); absent when never called. */
  applicationMenu?: RecordedMenuItem[] | null;
  notifications: string[];
  errorBoxes: { title: string; content: string }[];
  answers?: BootAnswers;
  /** Whether main put its test hooks on globalThis (ROLETRAY_TEST=1 in a checkout). */
  testHooksInstalled?: boolean;
  /** After app.quit(): windows that refused to close (a tray app hides them unless quitting). */
  quit?: { windowsLeftOpen: number };
  exitCode?: number;
}
