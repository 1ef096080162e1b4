import type { Rect, WindowPlacement } from './window-state';

// The quick switcher's pure parts: where it appears and what the global shortcut does to it.

/**
 * Centred across the work area of the display the pointer is on, a fifth of the way down (where the
 * eye is, as Spotlight and launchers place theirs), shrunk to fit a small display.
 */
export function switcherPlacement(workArea: Rect, size: { width: number; height: number }): WindowPlacement {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  const x = Math.round(workArea.x + (workArea.width - width) / 2);
  const y = Math.round(workArea.y + Math.min((workArea.height - height) / 2, workArea.height / 5));
  return { x, y, width, height };
}

export type ShortcutEffect = 'show-switcher' | 'hide-switcher';

/**
 * The shortcut toggles: pressed while the switcher is in front, it hides it; otherwise (never
 * opened, hidden, or shown but behind another window) it brings it up with the focus.
 */
export function shortcutEffect(switcher: { visible: boolean; focused: boolean } | undefined): ShortcutEffect {
  return switcher?.visible && switcher.focused ? 'hide-switcher' : 'show-switcher';
}
