import type { RoleView } from '../../../shared/profiles-view';

// A role's colour, as the AWS console's switch-role history and aws-extend-switch-roles show it: the
// user's choice in RoleTray, else the config's `color` key. Colours travel as hex without '#'.

/** "#rrggbb" from "rgb", "rrggbb" or either with '#'; undefined for anything else. */
export function toCssHex(color: string | undefined): string | undefined {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color?.trim() ?? '');
  if (!match) return undefined;
  const hex = match[1]!.toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex}`;
}

/** The colour the user chose, else the config's; undefined when neither is a colour. */
export function roleColor(role: RoleView): string | undefined {
  return toCssHex(role.metadata.color) ?? toCssHex(role.configColor);
}

/** What `profiles:update-metadata` takes: six hex digits, no '#'. */
export function toMetadataColor(cssHex: string): string | undefined {
  return toCssHex(cssHex)?.slice(1);
}
