import { useEffect } from 'react';

/**
 * Once the role is listed, moves focus to its row (the window was opened on it: `#role=` from the
 * tray). The list is virtual and draws its rows after it has measured itself, so this looks for
 * the row for a few frames.
 */
export function useFocusRole(role: string | undefined, listed: boolean): void {
  useEffect(() => {
    if (!role || !listed) return;
    let frames = 0;
    let handle = 0;
    const attempt = () => {
      const row = document.querySelector<HTMLElement>(`[data-role-row="${CSS.escape(role)}"]`);
      if (row) {
        row.focus({ preventScroll: true });
        row.scrollIntoView({ block: 'nearest' });
      } else if ((frames += 1) < 30) handle = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(handle);
  }, [role, listed]);
}
