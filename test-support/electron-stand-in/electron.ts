import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BOOT_PACKAGED_ENV,
  recordMenu,
  type MenuTemplateItem,
  type BootRecord,
  type RecordedMenuItem,
  type RecordedTray,
  type RecordedWindow,
} from './boot-record';

// The `electron` module for the boot check: what RoleTray's main process (and electron-store) use of
// it, enough to start in plain Node. Each part does what Electron would at startup, on the one
// display below, and records what main asked for. resolve-electron.ts maps `electron` to this file.

export const record: BootRecord = {
  handledChannels: [],
  windows: [],
  trays: [],
  sandboxEnabled: false,
  userDataPath: '',
  security: { headersHook: false, permissionRequestHandler: false, permissionCheckHandler: false },
  protocol: { privileged: [], handled: [] },
  shortcuts: [],
  notifications: [],
  errorBoxes: [],
};

/** Emits 'window-shown' (a BrowserWindow) for boot-probe.ts. */
export const standInEvents = new EventEmitter();

const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1040 };
const DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: WORK_AREA,
  scaleFactor: 1,
};

/** An Electron event main may cancel (window 'close', app 'before-quit' and 'will-quit'). */
function cancellable(): { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

class StandInApp extends EventEmitter {
  readonly isPackaged = process.env[BOOT_PACKAGED_ENV] === '1';
  // Electron has a dock only on macOS.
  readonly dock =
    process.platform === 'darwin' ? { hide: () => undefined, show: async () => undefined } : undefined;
  private readonly paths = new Map<string, string>();
  private ready = false;
  private readyPromise: Promise<void> | undefined;

  constructor() {
    super();
    const home = homedir();
    const appData = join(home, '.config');
    for (const [name, path] of Object.entries({
      home,
      appData,
      userData: join(appData, 'roletray'),
      temp: tmpdir(),
      downloads: join(home, 'Downloads'),
      desktop: join(home, 'Desktop'),
      documents: join(home, 'Documents'),
    })) {
      this.paths.set(name, path);
    }
    record.userDataPath = this.getPath('userData');
    // Electron sets it for the app's resources; the checkout's resources/ hold the same tray icons.
    if (this.isPackaged) {
      Object.defineProperty(process, 'resourcesPath', { value: join(this.getAppPath(), 'resources') });
    }
  }

  /**
   * Electron is ready once main's top-level code has run. Loading main's imports takes turns of the
   * event loop this module cannot see, so "ready" comes on the turn after main first waits for it.
   */
  whenReady(): Promise<void> {
    this.readyPromise ??= new Promise((resolve) =>
      setImmediate(() => {
        this.ready = true;
        this.emit('ready');
        resolve();
      }),
    );
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  setPath(name: string, path: string): void {
    this.paths.set(name, path);
    if (name === 'userData') record.userDataPath = path;
  }

  /** `electron .` from the checkout, as `npm start` runs it: the app is the working directory. */
  getAppPath(): string {
    return process.cwd();
  }

  getName(): string {
    return 'RoleTray';
  }

  getVersion(): string {
    const manifest = JSON.parse(readFileSync(join(this.getAppPath(), 'package.json'), 'utf8')) as {
      version: string;
    };
    return manifest.version;
  }

  requestSingleInstanceLock(): boolean {
    return true;
  }

  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    record.sandboxEnabled = true;
  }

  setAppUserModelId(_id: string): void {}

  /** Electron's order: before-quit, every window closed (one may refuse), will-quit, then exit. */
  quit(): void {
    const beforeQuit = cancellable();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of BrowserWindow.getAllWindows()) window.close();
    record.quit = { windowsLeftOpen: BrowserWindow.getAllWindows().length };
    if (record.quit.windowsLeftOpen > 0) return;
    const willQuit = cancellable();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.emit('quit');
    setImmediate(() => this.exit(0));
  }

  exit(code = 0): void {
    process.exit(code);
  }
}

export const app = new StandInApp();

let nextWebContentsId = 1;

class StandInWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = session.defaultSession;
  private url = '';
  private destroyed = false;

  constructor(private readonly recorded: RecordedWindow) {
    super();
  }

  setWindowOpenHandler(_handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.recorded.windowOpenHandler = true;
  }

  getURL(): string {
    return this.url;
  }

  send(_channel: string, ..._args: unknown[]): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The page "loads" on a later turn; nothing renders it. */
  load(url: string): Promise<void> {
    this.url = url;
    return new Promise((resolve) =>
      setImmediate(() => {
        if (!this.destroyed) this.emit('did-finish-load');
        resolve();
      }),
    );
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class BrowserWindow extends EventEmitter {
  private static readonly open = new Set<BrowserWindow>();
  readonly webContents: StandInWebContents;
  private readonly recorded: RecordedWindow;
  private visible = false;
  private minimized = false;
  private destroyed = false;
  private readonly bounds: { x: number; y: number; width: number; height: number };

  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.open];
  }

  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.getAllWindows().find((window) => window.visible) ?? null;
  }

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.recorded = {
      options: JSON.parse(JSON.stringify(options)) as Record<string, unknown>,
      loadedUrls: [],
      shown: false,
      windowOpenHandler: false,
    };
    record.windows.push(this.recorded);
    const size = (key: string, fallback: number) =>
      typeof options[key] === 'number' ? options[key] : fallback;
    this.bounds = {
      x: size('x', 0),
      y: size('y', 0),
      width: size('width', 800),
      height: size('height', 600),
    };
    this.webContents = new StandInWebContents(this.recorded);
    BrowserWindow.open.add(this);
    app.emit('web-contents-created', {}, this.webContents);
    if (options['show'] !== false) this.show();
  }

  loadURL(url: string): Promise<void> {
    this.recorded.loadedUrls.push(url);
    return this.webContents.load(url).then(() => {
      if (!this.destroyed) this.emit('ready-to-show');
    });
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).href);
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
    this.recorded.shown = true;
    this.emit('show');
    standInEvents.emit('window-shown', this);
  }

  hide(): void {
    this.visible = false;
    this.emit('hide');
  }

  focus(): void {}

  restore(): void {
    this.minimized = false;
  }

  minimize(): void {
    this.minimized = true;
  }

  isVisible(): boolean {
    return this.visible;
  }

  /** One desktop, no other apps: a window shown has the focus until hidden. */
  isFocused(): boolean {
    return this.visible;
  }

  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    Object.assign(this.bounds, bounds);
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isFullScreen(): boolean {
    return false;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }

  /** As Electron: 'close' first, which a handler may cancel; otherwise the window goes. */
  close(): void {
    const event = cancellable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    BrowserWindow.open.delete(this);
    this.webContents.destroy();
    this.emit('closed');
  }
}

export interface NativeImage {
  path: string;
  isEmpty(): boolean;
  setTemplateImage(option: boolean): void;
}

export const nativeImage = {
  createFromPath: (path: string): NativeImage => ({
    path,
    isEmpty: () => !existsSync(path),
    setTemplateImage: () => undefined,
  }),
};

export class Menu {
  private constructor(readonly recorded: RecordedMenuItem[]) {}

  static buildFromTemplate(template: MenuTemplateItem[]): Menu {
    return new Menu(recordMenu(template));
  }

  static setApplicationMenu(menu: Menu | null): void {
    record.applicationMenu = menu ? menu.recorded : null;
  }
}

export class Tray extends EventEmitter {
  private readonly recorded: RecordedTray;
  private destroyed = false;

  constructor(image: NativeImage) {
    super();
    this.recorded = { iconPath: image.path, iconFound: !image.isEmpty(), menus: [] };
    record.trays.push(this.recorded);
  }

  setContextMenu(menu: Menu | null): void {
    if (menu) this.recorded.menus.push(menu.recorded);
  }

  setToolTip(toolTip: string): void {
    this.recorded.toolTip = toolTip;
  }

  popUpContextMenu(): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = new Map<string, Handler>();

class StandInIpcMain extends EventEmitter {
  handle(channel: string, handler: Handler): void {
    record.handledChannels.push(channel);
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    handlers.delete(channel);
  }
}

export const ipcMain = new StandInIpcMain();

/** What ipcRenderer.invoke from `event`'s sender would get: the handler main registered, awaited. */
export async function invokeHandler(channel: string, event: unknown, payload?: unknown): Promise<unknown> {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`No handler registered for '${channel}'`);
  return handler(event, payload);
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const protocolHandlers = new Map<string, ProtocolHandler>();

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => {
    if (app.isReady())
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record.protocol.privileged.push(...(JSON.parse(JSON.stringify(schemes)) as unknown[]));
  },
  handle: (scheme: string, handler: ProtocolHandler) => {
    if (!app.isReady()) throw new Error('The protocol module can only be used after app is ready');
    if (protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    protocolHandlers.set(scheme, handler);
    record.protocol.handled.push(scheme);
  },
};

/** What a page's GET of `url` would get from the handler main registered for its scheme. */
export async function protocolResponse(url: string): Promise<Response> {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = protocolHandlers.get(scheme);
  if (!handler) throw new Error(`No protocol handler registered for '${scheme}'`);
  return handler(new Request(url));
}

// Reversible, not secret: the stand-in only has to give back what it was given.
const CIPHER_PREFIX = 'stand-in-cipher:';
export const safeStorage = {
  isEncryptionAvailable: () => true,
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plainText: string) => Buffer.from(CIPHER_PREFIX + plainText),
  decryptString: (encrypted: Buffer) => encrypted.toString('utf8').slice(CIPHER_PREFIX.length),
  encryptStringAsync: async (plainText: string) => safeStorage.encryptString(plainText),
  decryptStringAsync: async (encrypted: Buffer) => ({
    result: safeStorage.decryptString(encrypted),
    shouldReEncrypt: false,
  }),
};

const shortcutCallbacks = new Map<string, () => void>();

/** The user pressing a registered global shortcut (the boot probe presses the switcher's). */
export function pressShortcut(accelerator: string): void {
  const callback = shortcutCallbacks.get(accelerator);
  if (!callback) throw new Error(`No global shortcut ${accelerator} is registered`);
  callback();
}

export const globalShortcut = {
  register: (accelerator: string, callback: () => void) => {
    record.shortcuts.push(accelerator);
    shortcutCallbacks.set(accelerator, callback);
    return true;
  },
  isRegistered: (accelerator: string) => record.shortcuts.includes(accelerator),
  unregisterAll: () => undefined,
};

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }

  constructor(options: { title?: string; body?: string }) {
    super();
    record.notifications.push(`${options.title ?? ''}: ${options.body ?? ''}`);
  }

  show(): void {}

  close(): void {
    this.emit('close');
  }
}

export const shell = {
  openExternal: async (_url: string) => undefined,
  openPath: async (_path: string) => '',
};

let clipboardText = '';
export const clipboard = {
  writeText: (text: string) => {
    clipboardText = text;
  },
  readText: () => clipboardText,
};

export const dialog = {
  showErrorBox: (title: string, content: string) => {
    record.errorBoxes.push({ title, content });
  },
  showMessageBox: async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false }),
  showSaveDialog: async (..._args: unknown[]) => ({ canceled: true, filePath: '' }),
  showOpenDialog: async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] }),
};

export const screen = Object.assign(new EventEmitter(), {
  getAllDisplays: () => [DISPLAY],
  getPrimaryDisplay: () => DISPLAY,
  getDisplayMatching: () => DISPLAY,
  getCursorScreenPoint: () => ({ x: DISPLAY.workArea.x + 10, y: DISPLAY.workArea.y + 10 }),
  getDisplayNearestPoint: (_point: { x: number; y: number }) => DISPLAY,
});

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: (_listener: unknown) => {
        record.security.headersHook = true;
      },
    },
    setPermissionRequestHandler: (_handler: unknown) => {
      record.security.permissionRequestHandler = true;
    },
    setPermissionCheckHandler: (_handler: unknown) => {
      record.security.permissionCheckHandler = true;
    },
  },
};

// electron-store imports the module's default export.
export default {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
};
