import { describe, expect, it } from 'vitest';
import { DEFAULT_SHORTCUT, isGlobalAccelerator, rolePickerShortcut } from './shortcut-setting';

describe('isGlobalAccelerator', () => {
  it('accepts modifiers and one key, as Electron spells them', () => {
    for (const accelerator of [
      'CommandOrControl+Alt+R',
      'CmdOrCtrl+Shift+F12',
      'Super+Space',
      'Ctrl+Alt+Plus',
      'Alt+/',
      'Control+Shift+num5',
      'Command+Option+PageDown',
    ]) {
      expect(isGlobalAccelerator(accelerator), accelerator).toBe(true);
    }
  });

  it('refuses a bare key, unknown names, two keys or repeated modifiers', () => {
    for (const accelerator of ['R', 'F5', 'Hyper+R', 'Ctrl+R+T', 'Ctrl+Ctrl+R', 'Ctrl+', '', 'Ctrl+Alt+Rr']) {
      expect(isGlobalAccelerator(accelerator), accelerator).toBe(false);
    }
  });
});

describe('rolePickerShortcut', () => {
  it('defaults to CommandOrControl+Alt+R', () => {
    expect(DEFAULT_SHORTCUT).toBe('CommandOrControl+Alt+R');
    expect(rolePickerShortcut(undefined)).toEqual({ accelerator: DEFAULT_SHORTCUT });
  });

  it("uses the user's setting when Electron would accept it", () => {
    expect(rolePickerShortcut(' Ctrl+Shift+K ')).toEqual({ accelerator: 'Ctrl+Shift+K' });
  });

  it('falls back to the default, with a sentence, when the setting is unusable', () => {
    expect(rolePickerShortcut('K')).toEqual({
      accelerator: DEFAULT_SHORTCUT,
      problem: `The shortcut "K" in RoleTray's settings is not a key with modifiers (like ${DEFAULT_SHORTCUT}); using ${DEFAULT_SHORTCUT}.`,
    });
    expect(rolePickerShortcut(42).problem).toContain('42');
  });
});
