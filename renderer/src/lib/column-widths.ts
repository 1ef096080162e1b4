import type { RoleView } from '../../../shared/profiles-view';
import { roleLabel } from './role-groups';

// The roles list's column widths from its text, measured in the row font on one canvas: the name
// column as wide as its longest name, the account column never narrower than its widest word.

let canvas: CanvasRenderingContext2D | null | undefined;

/** The widest of `texts` in `font`, in whole pixels with a little room; 0 without a canvas. */
function widest(texts: Iterable<string>, font: string): number {
  canvas ??= document.createElement('canvas').getContext('2d');
  if (!canvas) return 0;
  canvas.font = font;
  let width = 0;
  for (const text of texts) width = Math.max(width, canvas.measureText(text).width);
  return Math.ceil(width) + 2;
}

/** How wide the longest name cell's text is (the label, the profile when it differs, the star). */
export function longestNameWidth(roles: readonly RoleView[], font: string): number {
  return widest(
    roles.map((role) => {
      const label = roleLabel(role);
      return `${label}${label === role.name ? '' : ` ${role.name}`}${role.metadata.favourite ? ' ★' : ''}`;
    }),
    font,
  );
}

/** The widest single word of an account cell (alias or id). */
export function accountWordWidth(roles: readonly RoleView[], font: string): number {
  return widest(
    new Set(roles.flatMap((role) => [role.accountId, ...(role.accountAlias ? [role.accountAlias] : [])])),
    font,
  );
}
