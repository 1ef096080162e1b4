import { useEffect } from 'react';

/** Once the role is listed, moves focus to its row (the window was opened on it: `#role=` from the tray). */
export function useFocusRole(role: string | undefined, listed: boolean): void {
  useEffect(() => {
    if (!role || !listed) return;
    const row = document.querySelector<HTMLElement>(`[data-role-row="${CSS.escape(role)}"]`);
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  }, [role, listed]);
}
