// What a key pressed in the quick switcher's search box does. Enter alone assumes; with the
// platform's command key (⌘ on macOS, Ctrl elsewhere) it opens the console, with Shift it copies the
// environment variables; arrows and Page keys move the highlight; Escape closes. Anything else types.

export type SwitcherKeyAction =
  | { kind: 'move'; by: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'assume' }
  | { kind: 'console' }
  | { kind: 'copy-env' }
  | { kind: 'close' };

export interface SwitcherKey {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** An IME is composing: Enter confirms the composition, not the role. */
  isComposing?: boolean;
}

/** `pageSize`: how many rows Page Up/Down moves (the rows in view). */
export function switcherKeyAction(
  event: SwitcherKey,
  mac: boolean,
  pageSize: number,
): SwitcherKeyAction | undefined {
  if (event.isComposing) return undefined;
  const command = mac ? event.metaKey : event.ctrlKey;
  const otherCommand = mac ? event.ctrlKey : event.metaKey;
  switch (event.key) {
    case 'ArrowDown':
      return event.altKey ? undefined : { kind: 'move', by: 1 };
    case 'ArrowUp':
      return event.altKey ? undefined : { kind: 'move', by: -1 };
    case 'PageDown':
      return { kind: 'move', by: pageSize };
    case 'PageUp':
      return { kind: 'move', by: -pageSize };
    case 'Escape':
      return { kind: 'close' };
    case 'Enter':
      if (event.altKey || otherCommand || (command && event.shiftKey)) return undefined;
      if (command) return { kind: 'console' };
      return event.shiftKey ? { kind: 'copy-env' } : { kind: 'assume' };
    default:
      // Ctrl/⌘+Home and End jump, as in a list; plain Home and End stay the text box's.
      if (command && event.key === 'Home') return { kind: 'first' };
      if (command && event.key === 'End') return { kind: 'last' };
      return undefined;
  }
}

/** The command key's name in the hint line. */
export const commandKeyName = (mac: boolean) => (mac ? '⌘' : 'Ctrl');
