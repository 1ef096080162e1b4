import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import {
  findMenuItem,
  trayMenuModel,
  trayToolTip,
  type TrayAction,
  type TrayMenuItem,
  type TrayMenuState,
} from './tray-menu';

// The tray icon and its menu: the model from tray-menu.ts, rebuilt when roles, sessions or prompts
// change and once a minute for the countdowns, and turned into an Electron menu here.

const COUNTDOWN_EVERY_MS = 60_000;

export type TrayInputs = Pick<TrayMenuState, 'profiles' | 'sessions' | 'pendingMfa'>;

export interface RoleTrayTrayOptions {
  iconPath: string;
  platform: NodeJS.Platform;
  homeDir: string;
  loadInputs(): Promise<TrayInputs>;
  run(action: TrayAction): Promise<void>;
  log(message: string): void;
}

function toElectronMenu(
  items: TrayMenuItem[],
  run: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { id: item.id, type: 'separator' };
    const action = item.action;
    return {
      id: item.id,
      type: item.type,
      label: item.label ?? '',
      enabled: item.enabled ?? true,
      ...(item.submenu ? { submenu: toElectronMenu(item.submenu, run) } : {}),
      ...(action ? { click: () => run(action) } : {}),
    };
  });
}

export class RoleTrayTray {
  private tray: Tray | undefined;
  private model: TrayMenuItem[] = [];
  private readonly busy = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private queued: Promise<TrayMenuItem[]> | undefined;

  constructor(private readonly options: RoleTrayTrayOptions) {}

  async start(): Promise<void> {
    const icon = nativeImage.createFromPath(this.options.iconPath);
    if (icon.isEmpty()) this.options.log(`The tray icon ${this.options.iconPath} is missing or unreadable.`);
    if (this.options.platform === 'darwin') icon.setTemplateImage(true);
    this.tray = new Tray(icon);
    // Windows opens a tray icon's menu on right-click only; a left click should too.
    if (this.options.platform === 'win32') this.tray.on('click', () => this.tray?.popUpContextMenu());
    this.timer = setInterval(() => void this.refresh(), COUNTDOWN_EVERY_MS);
    await this.refresh();
  }

  /** The menu as last built (what the tray shows). */
  menuModel(): TrayMenuItem[] {
    return this.model;
  }

  /**
   * Rebuilds the menu from fresh state. Calls while one rebuild runs share the next one, so a burst
   * of events costs two rebuilds, and the last always sees the state after the burst.
   */
  refresh(): Promise<TrayMenuItem[]> {
    if (!this.queued) {
      const next = this.running.then(() => {
        this.queued = undefined;
        return this.rebuild();
      });
      this.queued = next;
      this.running = next.catch(() => undefined);
    }
    return this.queued;
  }

  setBusy(profile: string, busy: boolean): void {
    if (busy) this.busy.add(profile);
    else this.busy.delete(profile);
    void this.refresh();
  }

  /** Does what clicking the item would; for the tests, which cannot click a tray menu. */
  async click(id: string): Promise<void> {
    const item = findMenuItem(this.model, id);
    if (!item?.action) throw new Error(`The tray menu has no item ${id} to click.`);
    if (item.enabled === false) throw new Error(`The tray menu item ${id} is disabled.`);
    await this.options.run(item.action);
    await this.refresh();
  }

  destroy(): void {
    clearInterval(this.timer);
    this.tray?.destroy();
    this.tray = undefined;
  }

  private async rebuild(): Promise<TrayMenuItem[]> {
    try {
      const inputs = await this.options.loadInputs();
      this.model = trayMenuModel({
        ...inputs,
        busy: this.busy,
        now: Date.now(),
        homeDir: this.options.homeDir,
      });
      if (this.tray && !this.tray.isDestroyed()) {
        const run = (action: TrayAction) => void this.options.run(action).then(() => this.refresh());
        this.tray.setContextMenu(Menu.buildFromTemplate(toElectronMenu(this.model, run)));
        this.tray.setToolTip(trayToolTip(inputs.sessions));
      }
    } catch (error) {
      this.options.log(
        `The tray menu could not be rebuilt: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return this.model;
  }
}
