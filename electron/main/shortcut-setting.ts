// The global shortcut that opens the role picker: read from the store (key `globalShortcut`), checked
// before Electron sees it, since a bad accelerator there throws and a modifier-less one would steal
// a plain key from every other app.

import { DEFAULT_SHORTCUT, isGlobalAccelerator } from '../../shared/accelerator';

export { DEFAULT_SHORTCUT, isGlobalAccelerator };

/** Where the shortcut was kept before the settings record (app-settings.ts reads it once). */
export const SHORTCUT_STORE_KEY = 'globalShortcut';

/** The shortcut to register, and a sentence when the stored one had to be ignored. */
export function rolePickerShortcut(stored: unknown): { accelerator: string; problem?: string } {
  if (stored === undefined || stored === null || stored === '') return { accelerator: DEFAULT_SHORTCUT };
  if (typeof stored === 'string' && isGlobalAccelerator(stored.trim())) return { accelerator: stored.trim() };
  return {
    accelerator: DEFAULT_SHORTCUT,
    problem: `The shortcut ${JSON.stringify(stored)} in RoleTray's settings is not a key with modifiers (like ${DEFAULT_SHORTCUT}); using ${DEFAULT_SHORTCUT}.`,
  };
}
