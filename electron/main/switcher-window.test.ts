import { describe, expect, it } from 'vitest';
import { shortcutEffect, switcherPlacement } from './switcher-window';
import { windowOptions, WINDOW_SIZES } from './window-options';
import { secureWebPreferences } from './window-options';

describe('the quick switcher window', () => {
  it('is small, frameless, in front, off the taskbar, fixed, and as locked down as the others', () => {
    const options = windowOptions('switcher', '/p.cjs', { x: 1, y: 2, width: 640, height: 420 });
    expect(options).toMatchObject({
      x: 1,
      y: 2,
      width: 640,
      height: 420,
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      show: false,
    });
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(WINDOW_SIZES.switcher).toMatchObject({ width: 640, height: 420 });
  });

  it('appears centred a fifth of the way down the pointer’s display', () => {
    expect(
      switcherPlacement({ x: 0, y: 25, width: 1920, height: 1055 }, { width: 640, height: 420 }),
    ).toEqual({
      x: 640,
      y: 25 + 211,
      width: 640,
      height: 420,
    });
    // A second display to the left, at negative coordinates.
    expect(
      switcherPlacement({ x: -1280, y: 0, width: 1280, height: 1000 }, { width: 640, height: 420 }),
    ).toEqual({
      x: -960,
      y: 200,
      width: 640,
      height: 420,
    });
  });

  it('fits a display smaller than itself', () => {
    expect(switcherPlacement({ x: 0, y: 0, width: 600, height: 400 }, { width: 640, height: 420 })).toEqual({
      x: 0,
      y: 0,
      width: 600,
      height: 400,
    });
  });

  it('the shortcut toggles it: hides it when it is in front, brings it up otherwise', () => {
    expect(shortcutEffect(undefined)).toBe('show-switcher');
    expect(shortcutEffect({ visible: false, focused: false })).toBe('show-switcher');
    expect(shortcutEffect({ visible: true, focused: false })).toBe('show-switcher');
    expect(shortcutEffect({ visible: true, focused: true })).toBe('hide-switcher');
  });
});
