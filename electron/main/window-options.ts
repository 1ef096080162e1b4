import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { WindowPlacement } from './window-state';

// Options for every window RoleTray creates. The renderer gets no Node, runs sandboxed and isolated
// from the preload, and reaches main only through the preload's `window.roletray`.

export type WindowKind = 'main' | 'mfa' | 'switcher';

export const WINDOW_SIZES: Record<
  WindowKind,
  { width: number; height: number; minWidth: number; minHeight: number }
> = {
  main: { width: 960, height: 640, minWidth: 640, minHeight: 420 },
  mfa: { width: 420, height: 340, minWidth: 420, minHeight: 340 },
  switcher: { width: 640, height: 420, minWidth: 640, minHeight: 420 },
};

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Dropping a file onto the window must not navigate away from the app.
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function windowOptions(
  kind: WindowKind,
  preloadPath: string,
  placement: WindowPlacement,
): BrowserWindowConstructorOptions {
  const { minWidth, minHeight } = WINDOW_SIZES[kind];
  const common: BrowserWindowConstructorOptions = {
    ...placement,
    minWidth,
    minHeight,
    // Shown once the page has painted, so no blank frame flashes.
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
  if (kind === 'main') return { ...common, title: 'RoleTray' };
  // The quick switcher appears over whatever the user was doing, like Spotlight: no frame, no
  // taskbar entry, in front; it hides itself when done or when it loses the focus.
  if (kind === 'switcher') {
    return {
      ...common,
      title: 'RoleTray: switch role',
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
    };
  }
  // The MFA prompt comes from a tray action with no other window around: keep it small and in front.
  return {
    ...common,
    title: 'RoleTray: MFA code',
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
  };
}
