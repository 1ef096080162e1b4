import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { itemForKey, type RoleActionId, type RoleMenuItem } from '../lib/role-menu';

// A row's menu (the WAI-ARIA menu button pattern): focus goes to its first item, arrows, Home and
// End move, Enter or Space chooses, each item's letter chooses it too, Escape or Tab closes it and
// focus goes back to the row. It is fixed-positioned under its button, so the list's scrolling
// box does not clip it, and closes when the list scrolls away under it.

interface RoleMenuProps {
  label: string;
  items: RoleMenuItem[];
  anchor: HTMLElement;
  onChoose: (id: RoleActionId) => void;
  /** `refocus`: give focus back to the row (Escape, Tab, a choice); not on a click elsewhere. */
  onClose: (refocus: boolean) => void;
}

export function RoleMenu({ label, items, anchor, onChoose, onClose }: RoleMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number }>();
  const enabled = items.flatMap((item, index) => (item.disabled ? [] : [index]));
  const [active, setActive] = useState(enabled[0] ?? 0);

  // Below its button, or above when there is no room; never past the window's edges.
  useLayoutEffect(() => {
    const box = anchor.getBoundingClientRect();
    const menu = menuRef.current?.getBoundingClientRect();
    const height = menu?.height ?? 0;
    const width = menu?.width ?? 0;
    const below = box.bottom + 2;
    const top =
      below + height > window.innerHeight && box.top - height - 2 > 0 ? box.top - height - 2 : below;
    setPosition({ top, left: Math.max(4, Math.min(box.right - width, window.innerWidth - width - 4)) });
  }, [anchor]);

  useEffect(() => {
    menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [active, position]);

  useEffect(() => {
    const away = (event: Event) => {
      if (!menuRef.current?.contains(event.target as Node) && !anchor.contains(event.target as Node))
        onClose(false);
    };
    const scrolled = (event: Event) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', away, true);
    document.addEventListener('scroll', scrolled, true);
    window.addEventListener('resize', scrolled);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      document.removeEventListener('scroll', scrolled, true);
      window.removeEventListener('resize', scrolled);
    };
  }, [anchor, onClose]);

  const move = (step: number) => {
    const at = enabled.indexOf(active);
    setActive(enabled[(at + step + enabled.length) % enabled.length] ?? active);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const key = event.key;
    if (key === 'ArrowDown') move(1);
    else if (key === 'ArrowUp') move(-1);
    else if (key === 'Home') setActive(enabled[0] ?? active);
    else if (key === 'End') setActive(enabled.at(-1) ?? active);
    else if (key === 'Escape' || key === 'Tab') onClose(true);
    else if (key === 'Enter' || key === ' ') {
      const item = items[active];
      if (item && !item.disabled) onChoose(item.id);
    } else {
      const item = itemForKey(items, event);
      if (!item) return;
      if (!item.disabled) onChoose(item.id);
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label={`Actions for ${label}`}
      className="role-menu"
      style={position ? { top: position.top, left: position.left } : { visibility: 'hidden' }}
      onKeyDown={onKeyDown}
    >
      {items.map((item, index) => (
        <div
          key={item.id}
          role="menuitem"
          tabIndex={index === active ? 0 : -1}
          aria-disabled={item.disabled || undefined}
          aria-keyshortcuts={item.shortcut.shown}
          className="role-menu-item"
          onClick={() => {
            if (!item.disabled) onChoose(item.id);
          }}
          onMouseEnter={() => {
            if (!item.disabled) setActive(index);
          }}
        >
          <span>{item.label}</span> <kbd>{item.shortcut.shown}</kbd>
        </div>
      ))}
    </div>
  );
}
