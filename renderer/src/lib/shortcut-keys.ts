// A key press as a global shortcut in Electron's accelerator syntax ("Ctrl+Shift+R"), for the
// settings' recording field. Keys are read from `code` (where the key is), so Shift+1 is "Shift+1"
// and not "!", as Electron registers it.

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export type Recorded =
  /** Only modifiers so far: what is held, for the field to show. */
  | { kind: 'pending'; held: string }
  | { kind: 'shortcut'; accelerator: string }
  | { kind: 'refused'; problem: string }
  /** Escape with nothing held: recording stops, the shortcut stays as it was. */
  | { kind: 'cancel' }
  /** Tab without modifiers: focus moves on, nothing is recorded. */
  | { kind: 'pass' };

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS']);

const NAMED: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  Tab: 'Tab',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
};

function keyName(code: string): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1];
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return digit[1];
  const numpad = /^Numpad([0-9])$/.exec(code);
  if (numpad) return `num${numpad[1]}`;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  return NAMED[code];
}

/** The modifiers in Electron's names; Meta is Command on macOS and Super elsewhere. */
function modifiers(press: KeyPress, mac: boolean): string[] {
  return [
    ...(press.ctrlKey ? ['Ctrl'] : []),
    ...(press.altKey ? [mac ? 'Option' : 'Alt'] : []),
    ...(press.shiftKey ? ['Shift'] : []),
    ...(press.metaKey ? [mac ? 'Command' : 'Super'] : []),
  ];
}

export function recordShortcut(press: KeyPress, mac = false): Recorded {
  const held = modifiers(press, mac);
  if (MODIFIER_KEYS.has(press.key)) return { kind: 'pending', held: held.join('+') };
  if (press.code === 'Tab' && (held.length === 0 || (held.length === 1 && press.shiftKey)))
    return { kind: 'pass' };
  if (press.code === 'Escape' && held.length === 0) return { kind: 'cancel' };
  const key = keyName(press.code);
  if (!key) return { kind: 'refused', problem: `RoleTray cannot use the key ${press.key} in a shortcut.` };
  if (held.length === 0) {
    return {
      kind: 'refused',
      problem: `${key} alone would take that key from every other app: hold Ctrl, Alt or ${mac ? 'Command' : 'Super'} (and Shift if you like) with it.`,
    };
  }
  if (held.length === 1 && press.shiftKey) {
    return {
      kind: 'refused',
      problem: `Shift+${key} is typing: add Ctrl, Alt or ${mac ? 'Command' : 'Super'}.`,
    };
  }
  return { kind: 'shortcut', accelerator: [...held, key].join('+') };
}
