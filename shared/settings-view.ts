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

/** The number fields' rules and their words, for the schema and for the renderer (which has no zod: its JIT trips the CSP). */
export const SECONDS_RULES = {
  defaultSessionSeconds: {
    min: SESSION_SECONDS_MIN,
    max: SESSION_SECONDS_MAX,
    type: 'a session duration is a number of seconds',
    int: 'a session duration is whole seconds',
    tooLow: 'a session lasts at least 900 s (15 min), the least AWS gives',
    tooHigh: "a session lasts at most 43,200 s (12 h), AWS's limit; the role's own maximum may be lower",
  },
  clipboardClearSeconds: {
    min: 0,
    max: CLIPBOARD_SECONDS_MAX,
    type: 'a clipboard time is a number of seconds',
    int: 'a clipboard time is whole seconds',
    tooLow: 'a clipboard time is 0 (never cleared) or more',
    tooHigh: 'copied secrets stay at most 600 s (10 min) on the clipboard',
  },
} as const;

export type SecondsField = keyof typeof SECONDS_RULES;

/** What is wrong with `value` for `field`, in the schema's words, or undefined. */
export function secondsProblem(field: SecondsField, value: unknown): string | undefined {
  const rule = SECONDS_RULES[field];
  if (typeof value !== 'number' || Number.isNaN(value)) return rule.type;
  if (!Number.isInteger(value)) return rule.int;
  if (value < rule.min) return rule.tooLow;
  if (value > rule.max) return rule.tooHigh;
  return undefined;
}

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
