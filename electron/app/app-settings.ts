import {
  DEFAULT_SETTINGS,
  type AppSettings,
  type SettingsPatch,
  type SettingsView,
} from '../../shared/settings-view';
import { isGlobalAccelerator } from '../../shared/accelerator';
import { RoleTrayError } from '../core/errors';
import type { KeyValueStore } from '../core/secret-cipher';

// The app's settings: kept as one record in the app's store (the shortcut's old `globalShortcut`
// key is read once and folded in), changed by partial patches the schema has checked, and applied
// through what the front end injects: Electron registers the shortcut and the login item; the
// preview and tests pass fakes or nothing. A shortcut the OS refuses is not saved: the old one stays.

const STORE_KEY = 'settings';
const LEGACY_SHORTCUT_KEY = 'globalShortcut';

export interface SettingsAppliers {
  /** Registers `accelerator` in place of `previous`; answers a sentence when it could not (taken). */
  registerShortcut?: (accelerator: string, previous: string | undefined) => string | undefined;
  /** Launch at login (hidden in the tray or not). Answers a sentence where this OS cannot. */
  setLoginItem?: (item: { openAtLogin: boolean; startHidden: boolean }) => string | undefined;
}

export interface AppSettingsDeps extends SettingsAppliers {
  store: KeyValueStore;
  /** settings:changed, to every window. */
  publish: (view: SettingsView) => void;
  log?: (message: string) => void;
}

/** Each stored field kept only if it is still valid; anything else falls back to its default. */
function readStored(store: KeyValueStore): AppSettings {
  const raw = store.get(STORE_KEY);
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const legacy = store.get(LEGACY_SHORTCUT_KEY);
  const shortcut = stored['globalShortcut'] ?? legacy;
  const seconds = (value: unknown, min: number, max: number, fallback: number) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
  return {
    globalShortcut:
      typeof shortcut === 'string' && isGlobalAccelerator(shortcut.trim())
        ? shortcut.trim()
        : DEFAULT_SETTINGS.globalShortcut,
    openAtLogin:
      typeof stored['openAtLogin'] === 'boolean' ? stored['openAtLogin'] : DEFAULT_SETTINGS.openAtLogin,
    startHidden:
      typeof stored['startHidden'] === 'boolean' ? stored['startHidden'] : DEFAULT_SETTINGS.startHidden,
    theme:
      stored['theme'] === 'light' || stored['theme'] === 'dark' || stored['theme'] === 'system'
        ? stored['theme']
        : DEFAULT_SETTINGS.theme,
    defaultSessionSeconds: seconds(
      stored['defaultSessionSeconds'],
      900,
      43_200,
      DEFAULT_SETTINGS.defaultSessionSeconds,
    ),
    clipboardClearSeconds: seconds(
      stored['clipboardClearSeconds'],
      0,
      600,
      DEFAULT_SETTINGS.clipboardClearSeconds,
    ),
  };
}

export class AppSettingsService {
  private current: AppSettings;
  private registered: string | undefined;
  private notes = new Map<'shortcut' | 'login', string>();

  constructor(private readonly deps: AppSettingsDeps) {
    this.current = readStored(deps.store);
  }

  /** At start: registers the stored shortcut (a refusal is a note, the app still runs). */
  start(): void {
    this.applyShortcut(this.current.globalShortcut, false);
  }

  get settings(): AppSettings {
    return this.current;
  }

  view(): SettingsView {
    return { settings: { ...this.current }, notes: [...this.notes.values()] };
  }

  /** Applies and saves the fields present; a refused shortcut throws and changes nothing. */
  set(patch: SettingsPatch): SettingsView {
    const next: AppSettings = { ...this.current, ...definedOnly(patch) };
    if (next.globalShortcut !== this.current.globalShortcut) this.applyShortcut(next.globalShortcut, true);
    if (next.openAtLogin !== this.current.openAtLogin || next.startHidden !== this.current.startHidden) {
      const problem = this.deps.setLoginItem?.({
        openAtLogin: next.openAtLogin,
        startHidden: next.startHidden,
      });
      if (problem) this.notes.set('login', problem);
      else this.notes.delete('login');
    }
    this.current = next;
    this.deps.store.set(STORE_KEY, next);
    this.deps.store.delete(LEGACY_SHORTCUT_KEY);
    const view = this.view();
    this.deps.publish(view);
    return view;
  }

  private applyShortcut(accelerator: string, refuse: boolean): void {
    if (!this.deps.registerShortcut) return;
    const problem = this.deps.registerShortcut(accelerator, this.registered);
    if (!problem) {
      this.registered = accelerator;
      this.notes.delete('shortcut');
      return;
    }
    if (refuse) {
      const kept = this.registered
        ? `RoleTray keeps ${this.registered}.`
        : 'The role picker has no shortcut.';
      throw new RoleTrayError('Validation', `${problem} ${kept}`);
    }
    this.notes.set('shortcut', problem);
    this.deps.log?.(problem);
  }
}

function definedOnly(patch: SettingsPatch): SettingsPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}
