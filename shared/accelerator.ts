// Electron's accelerator grammar for global shortcuts, shared: main checks a stored or requested
// shortcut before Electron sees it (a bad one throws there), and the settings schema refuses one
// with no modifier, which would steal a plain key from every other app.

export const DEFAULT_SHORTCUT = 'CommandOrControl+Alt+R';

const MODIFIERS = new Set(
  [
    'Command',
    'Cmd',
    'Control',
    'Ctrl',
    'CommandOrControl',
    'CmdOrCtrl',
    'Alt',
    'Option',
    'AltGr',
    'Shift',
    'Super',
    'Meta',
  ].map((name) => name.toLowerCase()),
);

const NAMED_KEYS = new Set(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'VolumeUp',
    'VolumeDown',
    'VolumeMute',
    'MediaNextTrack',
    'MediaPreviousTrack',
    'MediaStop',
    'MediaPlayPause',
    'PrintScreen',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((name) => name.toLowerCase()),
);

function isKey(token: string): boolean {
  const key = token.toLowerCase();
  return (
    /^[a-z0-9]$/.test(key) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    /^[)!@#$%^&*(:;=<,_\->.?/~`{\]}[|\\"']$/.test(token) ||
    NAMED_KEYS.has(key)
  );
}

/** Whether Electron would accept `accelerator` as a global shortcut with at least one modifier. */
export function isGlobalAccelerator(accelerator: string): boolean {
  const tokens = accelerator.split('+');
  const key = tokens.pop();
  if (!key || tokens.length === 0) return false;
  const modifiers = tokens.map((token) => token.toLowerCase());
  return (
    modifiers.every((token) => MODIFIERS.has(token)) &&
    new Set(modifiers).size === modifiers.length &&
    isKey(key)
  );
}
