// Sections RoleTray itself writes into the shared credentials file (an opt-in hand-off) start with
// this comment. They hold copies of RoleTray's own sessions, so the profile loader skips them: a
// role's session must not come back as a profile of its own.

export const MANAGED_MARKER = /^#\s*Managed by RoleTray\b/;

/** Names of the `[sections]` whose first line is RoleTray's marker. */
export function managedSections(text: string): Set<string> {
  const names = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const header = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(line);
    if (header && MANAGED_MARKER.test((lines[index + 1] ?? '').trim())) names.add(header[1]!.trim());
  });
  return names;
}
