// How the profiles of discovered IAM Identity Center roles are named, for main (the names it
// writes) and the window (the live example and the checks as the user types): a template with the
// fields {account} (the account's name as a slug), {accountId} and {role}, lowercased, anything
// but letters, digits, `.`, `_` and `-` run together as one `-`.

export const DEFAULT_NAME_TEMPLATE = '{account}.{role}';

export const TEMPLATE_FIELDS = ['account', 'accountId', 'role'] as const;

/** The longest template main takes (shared/ipc-schemas.ts). */
export const TEMPLATE_MAX_LENGTH = 64;

export interface NamedRole {
  accountId: string;
  accountName: string;
  roleName: string;
}

/** Lowercase letters, digits, `.`, `_` and `-`; anything else runs together as one `-`. */
export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The profile name for one role, before it is made unique. */
export function profileName(template: string, role: NamedRole): string {
  const named = template
    .replaceAll('{account}', slug(role.accountName) || role.accountId)
    .replaceAll('{accountId}', role.accountId)
    .replaceAll('{role}', role.roleName);
  return slug(named) || slug(`${role.accountId}.${role.roleName}`);
}

/** Why main would refuse the template, as a sentence; undefined when it is one. */
export function templateProblem(template: string): string | undefined {
  if (template.trim() === '') return 'Type a template, such as {account}.{role}.';
  if (template.length > TEMPLATE_MAX_LENGTH)
    return `A template is at most ${TEMPLATE_MAX_LENGTH} characters; this one has ${template.length}.`;
  const field = /\{([^{}]*)\}/g;
  for (const [whole, name] of template.matchAll(field)) {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name!))
      return `${whole} is not a field: use {account}, {accountId} or {role}.`;
  }
  const rest = template.replace(field, '');
  const bad = /[^A-Za-z0-9._-]/.exec(rest)?.[0];
  if (bad === '{' || bad === '}')
    return 'A { or } is not closed: fields are {account}, {accountId} and {role}.';
  if (bad !== undefined)
    return `“${bad}” cannot be in a profile name: use letters, digits, ., _ and - between the fields.`;
  return undefined;
}

/**
 * Roles the template names alike (main would tell them apart only by -2, -3…): the first such
 * name and the roles it would be given to; undefined when every role gets its own.
 */
export function collidingNames(
  template: string,
  roles: readonly NamedRole[],
): { name: string; roles: NamedRole[] } | undefined {
  const byName = new Map<string, NamedRole[]>();
  for (const role of roles) {
    const name = profileName(template, role);
    const same = byName.get(name);
    if (same) same.push(role);
    else byName.set(name, [role]);
  }
  for (const [name, same] of byName) if (same.length > 1) return { name, roles: same };
  return undefined;
}
