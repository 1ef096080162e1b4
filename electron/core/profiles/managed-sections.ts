import { headerName, iniLines } from './ini-lines';

// Sections RoleTray itself writes into the shared credentials file (an opt-in hand-off) start with
// this comment. They hold copies of RoleTray's own sessions, so the profile loader skips them: a
// role's session must not come back as a profile of its own.

export const MANAGED_MARKER = /^#\s*Managed by RoleTray\b/;

/** Names of the `[sections]` whose first line is RoleTray's marker, headers read as the SDK reads them. */
export function managedSections(text: string): Set<string> {
  const names = new Set<string>();
  const lines = iniLines(text);
  lines.forEach((line, index) => {
    const name = headerName(line);
    if (name !== undefined && isManagedMarker(lines[index + 1]?.body)) names.add(name);
  });
  return names;
}

/** Whether a header's next line is RoleTray's marker. */
export function isManagedMarker(body: string | undefined): boolean {
  return MANAGED_MARKER.test((body ?? '').trim());
}
