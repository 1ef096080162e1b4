import { join } from 'node:path';

// The tray icon file for each platform. macOS wants a template image (black with alpha, recoloured by
// the system for light and dark menu bars; the @2x file beside it is picked up automatically); Linux
// and Windows get a coloured PNG. The files are made by build/make-icons.mjs.

export function trayIconFile(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
}

/**
 * Where the tray icons are: resources/tray in a checkout, the app's resources folder once packaged
 * (electron-builder's extraResources copies them there, outside the asar archive, so native code
 * reads them as plain files).
 */
export function trayIconDir(options: { packaged: boolean; appPath: string; resourcesPath: string }): string {
  return options.packaged ? join(options.resourcesPath, 'tray') : join(options.appPath, 'resources', 'tray');
}
