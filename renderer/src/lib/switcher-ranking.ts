import type { RoleView } from '../../../shared/profiles-view';
import { isFavourite, matchesQuery, recentUse, roleLabel } from './role-groups';

// The quick switcher's order: which roles match is the roles list's rule (matchesQuery, so both
// find the same roles); the order is the switcher's own. A role whose whole name (or display name)
// was typed first, then favourites, then roles used in the last week, then the rest; within each, the better match first (an exact name before a prefix
// before a word inside a name before any substring), then the more recently used, then by name.

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** What a query word can match, and how much a match there weighs: names the user chose first. */
function fields(role: RoleView): [text: string, weight: number][] {
  const candidates: [string | undefined, number][] = [
    [role.metadata.displayName, 1],
    [role.name, 1],
    [role.accountAlias, 0.9],
    [role.roleName, 0.9],
    [role.accountId, 0.8],
    [role.roleArn, 0.5],
    [role.region, 0.4],
  ];
  return candidates.flatMap(([text, weight]) =>
    text?.trim() ? [[text.toLowerCase(), weight] as [string, number]] : [],
  );
}

const WORD_START = /[-_./:\s]/;

/** How well one word matches one field: 4 the whole field, 3 its start, 2 a word's start, 1 inside. */
function wordScore(field: string, word: string): number {
  if (field === word) return 4;
  if (field.startsWith(word)) return 3;
  for (let at = field.indexOf(word); at !== -1; at = field.indexOf(word, at + 1)) {
    if (WORD_START.test(field[at - 1] ?? '')) return 2;
  }
  return field.includes(word) ? 1 : 0;
}

/** The match quality of a role for the query's words: the best field per word, summed. */
export function matchScore(role: RoleView, query: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = fields(role);
  let total = 0;
  for (const word of words) {
    let best = 0;
    for (const [text, weight] of haystack) best = Math.max(best, wordScore(text, word) * weight);
    total += best;
  }
  return total;
}

/** 0 favourite, 1 used recently (the roles list's rule), 2 the rest. */
function tier(role: RoleView, now: number): number {
  if (isFavourite(role)) return 0;
  return recentUse(role, now) > 0 ? 1 : 2;
}

/** Whether the query is the role's whole name or display name, as typed (case and spaces aside). */
function namedExactly(role: RoleView, query: string): boolean {
  const typed = query.trim().replace(/\s+/g, ' ').toLowerCase();
  return (
    typed !== '' &&
    [role.name, role.metadata.displayName].some((name) => name?.trim().toLowerCase() === typed)
  );
}

/** The roles matching `query`, in the switcher's order. Pure: `now` decides what is recent. */
export function rankRoles(roles: readonly RoleView[], query: string, now: number): RoleView[] {
  const ranked = roles
    .filter((role) => matchesQuery(role, query))
    .map((role) => ({
      role,
      tier: namedExactly(role, query) ? -1 : tier(role, now),
      score: matchScore(role, query),
    }));
  ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      b.score - a.score ||
      (b.role.metadata.lastUsed ?? 0) - (a.role.metadata.lastUsed ?? 0) ||
      collator.compare(roleLabel(a.role), roleLabel(b.role)) ||
      collator.compare(a.role.name, b.role.name),
  );
  return ranked.map(({ role }) => role);
}
