import { join } from 'node:path';

// Launch at login, decided in plain code so it is tested in Node: macOS and Windows take Electron's
// login item settings (`--hidden` in its args where the OS passes them on); Linux has no login item
// API in Electron, so an XDG autostart entry is written (or removed) as desktops read it.

export interface LoginItemChoice {
  openAtLogin: boolean;
  startHidden: boolean;
}

export type LoginItemPlan =
  | {
      kind: 'electron';
      settings: { openAtLogin: boolean; openAsHidden: boolean; args: string[] };
    }
  /** `text` null: remove the file. */
  | { kind: 'autostart-file'; path: string; text: string | null };

/** Quotes an Exec argument as the Desktop Entry specification asks. */
const execArgument = (value: string) =>
  /[\s"'\\$`]/.test(value) ? `"${value.replace(/(["`$\\])/g, '\\$1')}"` : value;

export function loginItemPlan(
  platform: NodeJS.Platform,
  choice: LoginItemChoice,
  paths: { execPath: string; configHome: string },
): LoginItemPlan {
  const args = choice.startHidden ? ['--hidden'] : [];
  if (platform === 'darwin' || platform === 'win32') {
    return {
      kind: 'electron',
      settings: { openAtLogin: choice.openAtLogin, openAsHidden: choice.startHidden, args },
    };
  }
  const path = join(paths.configHome, 'autostart', 'roletray.desktop');
  if (!choice.openAtLogin) return { kind: 'autostart-file', path, text: null };
  const exec = [paths.execPath, ...args].map(execArgument).join(' ');
  const text = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=RoleTray',
    'Comment=AWS roles in the tray',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  return { kind: 'autostart-file', path, text };
}
