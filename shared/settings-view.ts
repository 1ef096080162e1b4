// The app's settings as both sides see them: what they are, their limits, and the view main answers
// with. Kept in the app's store (userData/roletray.json), never in ~/.aws.

export type ThemeSetting = 'system' | 'light' | 'dark';

export interface AppSettings {
  /** The role picker's global shortcut, in Electron's accelerator syntax ("CommandOrControl+Alt+R"). */
  globalShortcut: string;
  openAtLogin: boolean;
  /** Launched at login, wait in the tray without a window. */
  startHidden: boolean;
  theme: ThemeSetting;
  /** AssumeRole's DurationSeconds for a profile without duration_seconds. */
  defaultSessionSeconds: number;
  /** How long copied secrets (shell variables) stay on the clipboard; 0 leaves them until replaced. */
  clipboardClearSeconds: number;
}

export type SettingsPatch = Partial<AppSettings>;

/** AWS's AssumeRole bounds: 15 min to 12 h (and then the role's own maximum). */
export const SESSION_SECONDS_MIN = 900;
export const SESSION_SECONDS_MAX = 43_200;
/** Up to 10 minutes on the clipboard; 0 for never cleared. */
export const CLIPBOARD_SECONDS_MAX = 600;

export const DEFAULT_SETTINGS: AppSettings = {
  globalShortcut: 'CommandOrControl+Alt+R',
  openAtLogin: false,
  startHidden: true,
  theme: 'system',
  defaultSessionSeconds: 3600,
  clipboardClearSeconds: 45,
};

export interface SettingsView {
  settings: AppSettings;
  /** Why something is not in force as set (a shortcut taken by another app, no login items here). */
  notes: string[];
}
