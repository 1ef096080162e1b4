import type { RoleView } from '../../../shared/profiles-view';

// The roles list as the user reads it: filtered by what they type, grouped by account (alias, else
// id). Within an account favourites come first, then the roles used recently (newest first), then
// the rest by name; accounts holding a favourite come first, then those used recently, then by label.

export interface AccountGroup {
  accountId: string;
  /** The alias when known, else the account id. */
  label: string;
  roles: RoleView[];
}

/** A role counts as recently used for this long after its last assume. */
export const RECENT_MS = 7 * 24 * 60 * 60 * 1000;

/** What a role is called in the UI: the user's display name, else the profile name. */
export function roleLabel(role: RoleView): string {
  return role.metadata.displayName?.trim() || role.name;
}

/** The profile a role is assumed from: the next link of its chain (keys, SSO or another role). */
export function sourceProfile(role: RoleView): string | undefined {
  return role.chain[1];
}

export const isFavourite = (role: RoleView) => role.metadata.favourite === true;

/** When the role was last used if that is recent at `now`, else 0. */
export const recentUse = (role: RoleView, now: number) => {
  const at = role.metadata.lastUsed ?? 0;
  return at > 0 && now - at <= RECENT_MS ? at : 0;
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

// The text a role is searched in, lower-cased once per role list (a WeakMap keyed by the view:
// filtering 1,000 roles on every keystroke then compares strings only).
const haystacks = new WeakMap<RoleView, string>();

function haystack(role: RoleView): string {
  let text = haystacks.get(role);
  if (text === undefined) {
    text = [
      role.name,
      role.metadata.displayName,
      role.roleName,
      role.roleArn,
      role.accountId,
      role.accountAlias,
      role.region,
      ...role.chain.slice(1),
      role.externalId,
    ]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join('\n')
      .toLowerCase();
    haystacks.set(role, text);
  }
  return text;
}

/**
 * Every whitespace-separated word of the query must appear somewhere in the role's names, account
 * (alias or id), region, source profiles or external id.
 */
export function matchesQuery(role: RoleView, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(role);
  return words.every((word) => text.includes(word));
}

function compareRoles(now: number) {
  return (a: RoleView, b: RoleView): number => {
    if (isFavourite(a) !== isFavourite(b)) return isFavourite(a) ? -1 : 1;
    return (
      recentUse(b, now) - recentUse(a, now) ||
      collator.compare(roleLabel(a), roleLabel(b)) ||
      collator.compare(a.name, b.name)
    );
  };
}

export function groupRoles(roles: readonly RoleView[], query = '', now = Date.now()): AccountGroup[] {
  const groups = new Map<string, AccountGroup>();
  for (const role of roles) {
    if (!matchesQuery(role, query)) continue;
    let group = groups.get(role.accountId);
    if (!group) {
      group = { accountId: role.accountId, label: role.accountAlias ?? role.accountId, roles: [] };
      groups.set(role.accountId, group);
    } else if (role.accountAlias && group.label === group.accountId) {
      group.label = role.accountAlias;
    }
    group.roles.push(role);
  }
  const sorted = [...groups.values()];
  const byRole = compareRoles(now);
  for (const group of sorted) group.roles.sort(byRole);
  const hasFavourite = (group: AccountGroup) => group.roles.some(isFavourite);
  const lastUse = (group: AccountGroup) => Math.max(0, ...group.roles.map((role) => recentUse(role, now)));
  return sorted.sort(
    (a, b) =>
      Number(hasFavourite(b)) - Number(hasFavourite(a)) ||
      lastUse(b) - lastUse(a) ||
      collator.compare(a.label, b.label) ||
      a.accountId.localeCompare(b.accountId),
  );
}

/** The roles in the order the list shows them, for keyboard navigation. */
export function flattenGroups(groups: readonly AccountGroup[]): RoleView[] {
  return groups.flatMap((group) => group.roles);
}

/** One row of the virtual list: an account's header, or a role under it. */
export type RoleListRow =
  | { kind: 'account'; group: AccountGroup; expanded: boolean }
  | { kind: 'role'; role: RoleView; accountId: string };

/** The list's rows: each account's header, then its roles unless the account is collapsed. */
export function listRows(groups: readonly AccountGroup[], collapsed: ReadonlySet<string>): RoleListRow[] {
  const rows: RoleListRow[] = [];
  for (const group of groups) {
    const expanded = !collapsed.has(group.accountId);
    rows.push({ kind: 'account', group, expanded });
    if (expanded)
      for (const role of group.roles) rows.push({ kind: 'role', role, accountId: group.accountId });
  }
  return rows;
}
