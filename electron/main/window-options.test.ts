import { describe, expect, it } from 'vitest';
import { secureWebPreferences, windowOptions, WINDOW_SIZES } from './window-options';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node and no webview', () => {
    const preferences = secureWebPreferences('/app/out/preload/index.cjs');
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences).not.toHaveProperty('additionalArguments');
  });
});

describe('windowOptions', () => {
  it('gives both windows the secure preferences and keeps them hidden until painted', () => {
    for (const kind of ['main', 'mfa'] as const) {
      const options = windowOptions(kind, '/p.cjs', { width: 500, height: 400 });
      expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
      expect(options.show).toBe(false);
      expect(options).toMatchObject({ width: 500, height: 400 });
      expect(options.minWidth).toBe(WINDOW_SIZES[kind].minWidth);
    }
  });

  it('places the window where window-state put it', () => {
    expect(windowOptions('main', '/p.cjs', { x: 10, y: 20, width: 900, height: 600 })).toMatchObject({
      x: 10,
      y: 20,
      width: 900,
      height: 600,
      title: 'RoleTray',
    });
  });

  it('makes the MFA window a small fixed prompt in front', () => {
    expect(windowOptions('mfa', '/p.cjs', { width: 420, height: 340 })).toMatchObject({
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      alwaysOnTop: true,
    });
  });
});
