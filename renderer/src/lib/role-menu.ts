// What can be done with one role, as its row menu lists it and as keys on the focused row do it.
// One table, so the menu shows exactly the shortcuts the row answers to.

export type RoleActionId =
  | 'assume'
  | 'renew'
  | 'end'
  | 'browse'
  | 'console'
  | 'terminal'
  | 'copy-env'
  | 'handoff'
  | 'edit'
  | 'favourite';

export interface RoleMenuItem {
  id: RoleActionId;
  label: string;
  /** The key on the focused row (and in the open menu), as shown; `key` is what KeyboardEvent.key says. */
  shortcut: { shown: string; key: string };
  disabled: boolean;
}

export interface RoleMenuState {
  /** The role has a session that has not expired. */
  active: boolean;
  /** An assume, renew or end is under way. */
  busy: boolean;
  favourite: boolean;
}

/** The row menu's items, in order; those that cannot be done now are disabled, not left out. */
export function roleMenuItems({ active, busy, favourite }: RoleMenuState): RoleMenuItem[] {
  const key = (shown: string, eventKey = shown.toLowerCase()) => ({ shown, key: eventKey });
  return [
    active
      ? { id: 'renew', label: 'Renew', shortcut: key('Enter', 'Enter'), disabled: busy }
      : { id: 'assume', label: 'Assume', shortcut: key('Enter', 'Enter'), disabled: busy },
    { id: 'end', label: 'End session', shortcut: key('X'), disabled: busy || !active },
    { id: 'browse', label: 'Browse S3', shortcut: key('B'), disabled: busy || !active },
    { id: 'console', label: 'Open console', shortcut: key('C'), disabled: busy },
    { id: 'terminal', label: 'Open a terminal', shortcut: key('T'), disabled: busy },
    { id: 'copy-env', label: 'Copy shell variables', shortcut: key('V'), disabled: busy },
    { id: 'handoff', label: 'Use elsewhere…', shortcut: key('U'), disabled: false },
    { id: 'edit', label: 'Edit name and colour…', shortcut: key('E'), disabled: false },
    {
      id: 'favourite',
      label: favourite ? 'Remove from favourites' : 'Add to favourites',
      shortcut: key('F'),
      disabled: false,
    },
  ];
}

/** The item a key press on the focused row stands for; none with Ctrl, Alt or Meta held (the browser's). */
export function itemForKey(
  items: readonly RoleMenuItem[],
  event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean },
): RoleMenuItem | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey) return undefined;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return items.find((item) => item.shortcut.key === key);
}
