import { describe, expect, it } from 'vitest';
import { switcherKeyAction, type SwitcherKey } from './switcher-keys';

const press = (key: string, modifiers: Partial<SwitcherKey> = {}): SwitcherKey => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe('switcherKeyAction', () => {
  it('Enter assumes, Ctrl+Enter opens the console, Shift+Enter copies the variables (Linux, Windows)', () => {
    expect(switcherKeyAction(press('Enter'), false, 6)).toEqual({ kind: 'assume' });
    expect(switcherKeyAction(press('Enter', { ctrlKey: true }), false, 6)).toEqual({ kind: 'console' });
    expect(switcherKeyAction(press('Enter', { shiftKey: true }), false, 6)).toEqual({ kind: 'copy-env' });
    // ⌘ is not the command key here, and two at once is no known action.
    expect(switcherKeyAction(press('Enter', { metaKey: true }), false, 6)).toBeUndefined();
    expect(switcherKeyAction(press('Enter', { ctrlKey: true, shiftKey: true }), false, 6)).toBeUndefined();
    expect(switcherKeyAction(press('Enter', { altKey: true }), false, 6)).toBeUndefined();
  });

  it('on macOS the command key is ⌘, and Ctrl+Enter does nothing', () => {
    expect(switcherKeyAction(press('Enter', { metaKey: true }), true, 6)).toEqual({ kind: 'console' });
    expect(switcherKeyAction(press('Enter', { ctrlKey: true }), true, 6)).toBeUndefined();
    expect(switcherKeyAction(press('End', { metaKey: true }), true, 6)).toEqual({ kind: 'last' });
  });

  it('arrows move by one, Page keys by a page, Ctrl+Home/End to the ends; plain Home/End edit the text', () => {
    expect(switcherKeyAction(press('ArrowDown'), false, 6)).toEqual({ kind: 'move', by: 1 });
    expect(switcherKeyAction(press('ArrowUp'), false, 6)).toEqual({ kind: 'move', by: -1 });
    expect(switcherKeyAction(press('PageDown'), false, 6)).toEqual({ kind: 'move', by: 6 });
    expect(switcherKeyAction(press('PageUp'), false, 4)).toEqual({ kind: 'move', by: -4 });
    expect(switcherKeyAction(press('Home', { ctrlKey: true }), false, 6)).toEqual({ kind: 'first' });
    expect(switcherKeyAction(press('End', { ctrlKey: true }), false, 6)).toEqual({ kind: 'last' });
    expect(switcherKeyAction(press('Home'), false, 6)).toBeUndefined();
    expect(switcherKeyAction(press('ArrowDown', { altKey: true }), false, 6)).toBeUndefined();
  });

  it('Escape closes; letters type; Enter while an IME composes is the IME’s', () => {
    expect(switcherKeyAction(press('Escape'), false, 6)).toEqual({ kind: 'close' });
    expect(switcherKeyAction(press('a'), false, 6)).toBeUndefined();
    expect(switcherKeyAction(press('Enter', { isComposing: true }), false, 6)).toBeUndefined();
  });
});
