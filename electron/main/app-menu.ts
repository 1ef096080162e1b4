import type { MenuItemConstructorOptions } from 'electron';

// The application menu. Electron's default one has View › Toggle Developer Tools and its shortcut;
// a packaged RoleTray has none of that. On Windows and Linux there is no menu at all (the windows
// have no menu bar to show); macOS always shows one, so it gets the app menu and an Edit menu,
// whose roles are what make copy and paste work in the MFA code field. A checkout keeps a Develop
// menu with reload and DevTools.

export interface AppMenuInputs {
  platform: NodeJS.Platform;
  packaged: boolean;
  appName: string;
}

const DEVELOP: MenuItemConstructorOptions = {
  label: 'Develop',
  submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
};

/** The template for Menu.buildFromTemplate, or null for Menu.setApplicationMenu(null). */
export function applicationMenuTemplate({
  platform,
  packaged,
  appName,
}: AppMenuInputs): MenuItemConstructorOptions[] | null {
  const develop = packaged ? [] : [DEVELOP];
  if (platform !== 'darwin') return develop.length > 0 ? develop : null;
  return [
    {
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    ...develop,
  ];
}
