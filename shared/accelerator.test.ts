import { describe, expect, it } from 'vitest';
import { isGlobalAccelerator } from './accelerator';

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
