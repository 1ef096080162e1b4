import { BrowserWindow, screen, type WebPreferences } from 'electron';
import type { KeyValueStore } from '../core/secret-cipher';
import type { AppPages } from './app-pages';
import { windowOptions, WINDOW_SIZES, type WindowKind } from './window-options';
import { shortcutEffect, switcherPlacement } from './switcher-window';
import { parseWindowBounds, placeWindow, type Rect, type WindowPlacement } from './window-state';

// The app's windows (main, MFA, quick switcher), made on demand and hidden rather than destroyed when
// closed, so reopening one is instant and keeps its state. Main and MFA reopen where they were last
// left; the switcher appears on the display the pointer is on.

const STATE_KEY = 'windowState';
const SAVE_DELAY_MS = 500;
const FIRST_PAINT_TIMEOUT_MS = 5_000;

export interface AppWindowsOptions {
  pages: AppPages;
  preloadPath: string;
  store: KeyValueStore;
  /** A window finished loading its page: events sent before it listened must be replayed. */
  onPageLoaded(window: BrowserWindow): void;
  /** The user closed (so hid) a window; quitting does not count. */
  onClosedByUser(kind: WindowKind): void;
  log(message: string): void;
}

export class AppWindows {
  private readonly windows = new Map<WindowKind, BrowserWindow>();
  private readonly preferences = new Map<WindowKind, WebPreferences>();
  /** Windows that have painted once; a new one is shown only then, so no blank frame flashes. */
  private readonly painted = new WeakSet<BrowserWindow>();
  private readonly showWhenPainted = new WeakSet<BrowserWindow>();
  private quitting = false;

  constructor(private readonly options: AppWindowsOptions) {}

  /** Shows and focuses the main window, opened on `role` when given. */
  showMain(role?: string): void {
    const { pages } = this.options;
    this.showMainAt(role ? pages.roleUrl(role) : undefined);
  }

  /** Shows the main window on the S3 browser, browsing with `profile`'s session. */
  showBrowser(profile: string): void {
    this.showMainAt(this.options.pages.browseUrl(profile));
  }

  /** The main window, loaded with `url` when given; otherwise as it was (or the role list). */
  private showMainAt(url: string | undefined): void {
    const existing = this.live('main');
    if (existing && url) this.load(existing, url);
    this.present(existing ?? this.create('main', url ?? this.options.pages.mainUrl));
  }

  showMfa(): void {
    this.present(this.live('mfa') ?? this.create('mfa', this.options.pages.mfaUrl));
  }

  hideMfa(): void {
    const window = this.live('mfa');
    if (window) this.showWhenPainted.delete(window);
    if (window?.isVisible()) {
      this.saveBounds('mfa', window);
      window.hide();
    }
  }

  /** The global shortcut: the quick switcher comes up with its search box focused, or goes if in front. */
  toggleSwitcher(): void {
    const window = this.live('switcher');
    const state = window && { visible: window.isVisible(), focused: window.isFocused() };
    if (shortcutEffect(state) === 'hide-switcher') this.hideSwitcher();
    else this.showSwitcher();
  }

  showSwitcher(): void {
    const existing = this.live('switcher');
    const placement = this.switcherPlacement();
    if (existing) existing.setBounds(placement);
    this.present(existing ?? this.create('switcher', this.options.pages.switcherUrl, placement));
  }

  /** The switcher asked to close (done, Escape, lost the focus), or the shortcut toggled it off. */
  hideSwitcher(): void {
    const window = this.live('switcher');
    if (window) this.showWhenPainted.delete(window);
    if (window?.isVisible()) window.hide();
  }

  /** Whether the quick switcher is up (an MFA prompt it asks for must not open behind it). */
  switcherVisible(): boolean {
    return this.live('switcher')?.isVisible() ?? false;
  }

  /** The work area under the pointer, where the user is looking. */
  private switcherPlacement(): WindowPlacement {
    const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    return switcherPlacement(display.workArea, WINDOW_SIZES.switcher);
  }

  /** Whether the user can see the main window now; undefined when it was never opened. */
  mainWindowState(): { visible: boolean; minimized: boolean } | undefined {
    const window = this.live('main');
    return window && { visible: window.isVisible(), minimized: window.isMinimized() };
  }

  /** Every window the app created and still has: where events go, and who may send requests. */
  all(): BrowserWindow[] {
    return [...this.windows.keys()].flatMap((kind) => this.live(kind) ?? []);
  }

  webContentsIds(): Set<number> {
    return new Set(this.all().map((window) => window.webContents.id));
  }

  /** The webPreferences each window was created with (for the tests' security checks). */
  createdPreferences(): Partial<Record<WindowKind, WebPreferences>> {
    return Object.fromEntries(this.preferences);
  }

  /** From now on closing a window closes it: the app is quitting. */
  prepareToQuit(): void {
    this.quitting = true;
  }

  private live(kind: WindowKind): BrowserWindow | undefined {
    const window = this.windows.get(kind);
    return window && !window.isDestroyed() ? window : undefined;
  }

  /** `placed`: where the window goes, instead of where it was last left (the switcher). */
  private create(kind: WindowKind, url: string, placed?: WindowPlacement): BrowserWindow {
    const placement = placed ?? this.savedPlacement(kind);
    const options = windowOptions(kind, this.options.preloadPath, placement);
    const window = new BrowserWindow(options);
    this.windows.set(kind, window);
    this.preferences.set(kind, { ...options.webPreferences });

    let saveTimer: NodeJS.Timeout | undefined;
    const saveSoon = () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => this.saveBounds(kind, window), SAVE_DELAY_MS);
    };
    window.on('resize', saveSoon);
    window.on('move', saveSoon);
    window.on('close', (event) => {
      clearTimeout(saveTimer);
      this.saveBounds(kind, window);
      if (this.quitting) return;
      // A tray app: closing a window hides it, and the app keeps running in the tray.
      event.preventDefault();
      window.hide();
      this.options.onClosedByUser(kind);
    });
    window.webContents.on('did-finish-load', () => this.options.onPageLoaded(window));
    const painted = () => {
      if (this.painted.has(window) || window.isDestroyed()) return;
      this.painted.add(window);
      if (this.showWhenPainted.has(window)) this.present(window);
    };
    window.once('ready-to-show', painted);
    // A page that fails to load never paints; show the window anyway rather than nothing at all.
    setTimeout(painted, FIRST_PAINT_TIMEOUT_MS).unref();
    // Windows logs off or shuts down: let the windows close, or the app would hold the session up.
    window.on('session-end', () => this.prepareToQuit());
    this.load(window, url);
    return window;
  }

  private savedPlacement(kind: WindowKind): WindowPlacement {
    const saved = parseWindowBounds(
      (this.options.store.get(STATE_KEY) as Record<string, unknown> | undefined)?.[kind],
    );
    const workAreas = screen.getAllDisplays().map((display) => display.workArea);
    return placeWindow(saved, workAreas, { ...WINDOW_SIZES[kind], resizable: kind === 'main' });
  }

  private load(window: BrowserWindow, url: string): void {
    window.loadURL(url).catch((error: unknown) => {
      this.options.log(`Could not load ${url}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private present(window: BrowserWindow): void {
    const reveal = () => {
      if (window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    };
    if (this.painted.has(window)) reveal();
    else this.showWhenPainted.add(window);
  }

  private saveBounds(kind: WindowKind, window: BrowserWindow): void {
    // The switcher is placed afresh each time it shows.
    if (kind === 'switcher' || window.isDestroyed() || window.isFullScreen()) return;
    const bounds: Rect = window.getNormalBounds();
    const stored = (this.options.store.get(STATE_KEY) as Record<string, unknown> | undefined) ?? {};
    this.options.store.set(STATE_KEY, { ...stored, [kind]: bounds });
  }
}
