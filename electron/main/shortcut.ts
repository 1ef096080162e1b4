import { globalShortcut } from 'electron';
import { rolePickerShortcut } from './shortcut-setting';

// One global shortcut: it brings up the role picker (the main window, focused). Taken by another app,
// it is left out and the log says so; the tray still works.

export function registerRolePickerShortcut(
  stored: unknown,
  openRolePicker: () => void,
  log: (message: string) => void,
): string | undefined {
  const { accelerator, problem } = rolePickerShortcut(stored);
  if (problem) log(problem);
  try {
    if (globalShortcut.register(accelerator, openRolePicker)) return accelerator;
    log(`The shortcut ${accelerator} is taken by another app; the role picker has no shortcut.`);
  } catch (error) {
    log(
      `The shortcut ${accelerator} could not be registered: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return undefined;
}

export function unregisterShortcuts(): void {
  globalShortcut.unregisterAll();
}
