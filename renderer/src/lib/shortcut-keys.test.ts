import { describe, expect, it } from 'vitest';
import { isGlobalAccelerator } from '../../../shared/accelerator';
import { recordShortcut, type KeyPress } from './shortcut-keys';

const press = (code: string, held: Partial<KeyPress> = {}, key = code): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...held,
});

describe('recordShortcut', () => {
  it('spells key presses as Electron accelerators main accepts', () => {
    const cases: [KeyPress, string][] = [
      [press('KeyR', { ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+R'],
      [press('Digit1', { altKey: true, shiftKey: true }, '!'), 'Alt+Shift+1'],
      [press('F12', { metaKey: true }), 'Super+F12'],
      [press('ArrowUp', { ctrlKey: true, altKey: true }), 'Ctrl+Alt+Up'],
      [press('Slash', { ctrlKey: true }), 'Ctrl+/'],
      [press('Space', { ctrlKey: true }, ' '), 'Ctrl+Space'],
    ];
    for (const [event, accelerator] of cases) {
      expect(recordShortcut(event)).toEqual({ kind: 'shortcut', accelerator });
      expect(isGlobalAccelerator(accelerator), accelerator).toBe(true);
    }
    expect(recordShortcut(press('KeyR', { metaKey: true, altKey: true }), true)).toEqual({
      kind: 'shortcut',
      accelerator: 'Option+Command+R',
    });
  });

  it('waits while only modifiers are held, lets Tab and Escape through, refuses a bare key', () => {
    expect(recordShortcut(press('ControlLeft', { ctrlKey: true }, 'Control'))).toEqual({
      kind: 'pending',
      held: 'Ctrl',
    });
    expect(recordShortcut(press('Tab', {}, 'Tab'))).toEqual({ kind: 'pass' });
    expect(recordShortcut(press('Tab', { shiftKey: true }, 'Tab'))).toEqual({ kind: 'pass' });
    expect(recordShortcut(press('Escape', {}, 'Escape'))).toEqual({ kind: 'cancel' });
    expect(recordShortcut(press('KeyK', {}, 'k'))).toEqual({
      kind: 'refused',
      problem:
        'K alone would take that key from every other app: hold Ctrl, Alt or Super (and Shift if you like) with it.',
    });
    expect(recordShortcut(press('KeyK', { shiftKey: true }, 'K'))).toMatchObject({ kind: 'refused' });
  });
});
