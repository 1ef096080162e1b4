import type { RoleView } from '../../../shared/profiles-view';

// The roles list as the user reads it: filtered by what they type, grouped by account (alias, else
// id), accounts holding a favourite first, and within an account favourites first, then by name.

export interface AccountGroup {
  accountId: string;
  /** The alias when known, else the account id. */
  label: string;
  roles: RoleView[];
}

/** What a role is called in the UI: the user's display name, else the profile name. */
export function roleLabel(role: RoleView): string {
  return role.metadata.displayName?.trim() || role.name;
}

const isFavourite = (role: RoleView) => role.metadata.favourite === true;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function haystack(role: RoleView): string {
  return [
    role.name,
    role.metadata.displayName,
    role.roleName,
    role.roleArn,
    role.accountId,
    role.accountAlias,
    role.region,
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n')
    .toLowerCase();
}

/** Every whitespace-separated word of the query must appear somewhere in the role's names or account. */
export function matchesQuery(role: RoleView, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(role);
  return words.every((word) => text.includes(word));
}

function compareRoles(a: RoleView, b: RoleView): number {
  if (isFavourite(a) !== isFavourite(b)) return isFavourite(a) ? -1 : 1;
  return collator.compare(roleLabel(a), roleLabel(b)) || collator.compare(a.name, b.name);
}

export function groupRoles(roles: readonly RoleView[], query = ''): AccountGroup[] {
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
  for (const group of sorted) group.roles.sort(compareRoles);
  const hasFavourite = (group: AccountGroup) => group.roles.some(isFavourite);
  return sorted.sort(
    (a, b) =>
      Number(hasFavourite(b)) - Number(hasFavourite(a)) ||
      collator.compare(a.label, b.label) ||
      a.accountId.localeCompare(b.accountId),
  );
}

/** The roles in the order the list shows them, for keyboard navigation. */
export function flattenGroups(groups: readonly AccountGroup[]): RoleView[] {
  return groups.flatMap((group) => group.roles);
}
