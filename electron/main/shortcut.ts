import { globalShortcut } from 'electron';

// The global shortcut is registered through the settings (settings-glue.ts); quitting lets it go.

export function unregisterShortcuts(): void {
  globalShortcut.unregisterAll();
}
