import type { ManagedProfile } from '../profiles/managed-profiles-block';
import type { Profile, SsoProfile } from '../profiles/profiles';
import { DEFAULT_NAME_TEMPLATE, profileName } from '../../../shared/profile-name-template';
import type { Discovery } from './discovery-cache';

// The roles a discovery found, as profiles: each account and role gets a name from a template
// (shared/profile-name-template.ts, which the window's live example uses too; made unique with
// -2, -3…) and the sign-in of the instance's own SSO profile in the config, with that account and
// role. The config's profiles come first and win: a role the config already
// names as an SSO profile is not listed again, and a name the config uses is not taken.

export { DEFAULT_NAME_TEMPLATE, profileName, slug } from '../../../shared/profile-name-template';

export interface DiscoveredRole {
  /** The profile name the template gives (unique among the config's and the other roles'). */
  name: string;
  accountId: string;
  accountName: string;
  roleName: string;
}

const roleKey = (startUrl: string, accountId: string, roleName: string) =>
  `${startUrl}\n${accountId}\n${roleName}`;

/**
 * The discovery's roles not configured already (`configured` holds the config's SSO profiles),
 * named by `template` without taking any of `taken`.
 */
export function namedRoles(
  discovery: Discovery,
  template: string,
  taken: ReadonlySet<string>,
  configured: readonly Profile[],
): DiscoveredRole[] {
  const known = new Set(
    configured.flatMap((profile) =>
      profile.kind === 'sso'
        ? [roleKey(profile.sso.startUrl, profile.sso.accountId, profile.sso.roleName)]
        : [],
    ),
  );
  const used = new Set(taken);
  const roles: DiscoveredRole[] = [];
  for (const account of discovery.accounts) {
    for (const roleName of account.roles) {
      if (known.has(roleKey(discovery.startUrl, account.accountId, roleName))) continue;
      const role = { accountId: account.accountId, accountName: account.accountName, roleName };
      const base = profileName(template, role);
      let name = base;
      for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
      used.add(name);
      roles.push({ name, ...role });
    }
  }
  return roles;
}

/** The config's SSO profile a discovery's roles sign in like: one naming an sso-session first. */
export function instanceProfile(profiles: readonly Profile[], startUrl: string): SsoProfile | undefined {
  const matching = profiles.filter(
    (profile): profile is SsoProfile => profile.kind === 'sso' && profile.sso.startUrl === startUrl,
  );
  return matching.find((profile) => profile.sso.session) ?? matching[0];
}

/** The discoveries' roles as SSO profiles, after and distinct from the config's `profiles`. */
export function discoveredProfiles(
  profiles: readonly Profile[],
  discoveries: readonly Discovery[],
  template = DEFAULT_NAME_TEMPLATE,
): SsoProfile[] {
  const taken = new Set(profiles.map((profile) => profile.name));
  return discoveries.flatMap((discovery) => {
    const base = instanceProfile(profiles, discovery.startUrl);
    if (!base) return [];
    return namedRoles(discovery, template, taken, profiles).map((role) => {
      taken.add(role.name);
      return {
        ...base,
        name: role.name,
        sso: { ...base.sso, accountId: role.accountId, roleName: role.roleName },
      };
    });
  });
}

/** The block of profiles to write for a discovery: its roles not configured outside the block. */
export function managedProfilesFor(
  discovery: Discovery,
  base: SsoProfile,
  template: string,
  takenOutside: ReadonlySet<string>,
  configuredOutside: readonly Profile[],
): ManagedProfile[] {
  // One endpoint for every service (the profile's endpoint_url, e.g. a local stand-in for AWS) goes
  // with the roles, so they reach what their instance's profile reaches.
  const { ssoEndpoint, stsEndpoint, s3Endpoint } = base;
  const endpointUrl =
    ssoEndpoint && ssoEndpoint === stsEndpoint && stsEndpoint === s3Endpoint ? ssoEndpoint : undefined;
  const login = base.sso.session
    ? { ssoSession: base.sso.session.name }
    : { startUrl: base.sso.startUrl, region: base.sso.region };
  return namedRoles(discovery, template, takenOutside, configuredOutside).map((role) => ({
    name: role.name,
    login,
    accountId: role.accountId,
    roleName: role.roleName,
    ...(base.region ? { region: base.region } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
  }));
}
