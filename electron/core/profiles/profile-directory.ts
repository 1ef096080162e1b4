import { RoleTrayError } from '../errors';
import type {
  HeldProfile,
  KeysProfile,
  ProcessProfile,
  Profile,
  RoleProfile,
  SsoEndpoints,
  SsoLogin,
  SsoProfile,
} from './profiles';

// Finding a profile by the name a request gave, over the watcher's last good load, with the one
// sentence every caller says when it is not there or cannot be used: the sessions core, the S3
// browser and the hand-offs alike.

export type UsableProfile = RoleProfile | KeysProfile | ProcessProfile | HeldProfile | SsoProfile;

/** Whether the profile's credentials are a session RoleTray obtains (a role, or an IAM Identity Center role). */
export const hasSession = (profile: Profile | undefined): profile is RoleProfile | SsoProfile =>
  profile?.kind === 'role' || profile?.kind === 'sso';

export interface ProfileDirectory {
  /** Every profile of the last good load, in file order. */
  all(): readonly Profile[];
  /** The profile named `name`, or undefined. */
  find(name: string): Profile | undefined;
  /** The profile named `name`; a ConfigError when there is none. */
  get(name: string): Profile;
  /** A role or keys profile; a ConfigError or SourceCredentialsMissing (with the reason) otherwise. */
  usable(name: string): UsableProfile;
  /** The role profile named `name`; keys and unusable profiles are refused with a sentence. */
  role(name: string): RoleProfile;
}

/** The SSO profile a role's chain starts from, if it does: its own SsoProfile, or the source that carries one. */
export function ssoRootOf(
  role: RoleProfile,
  find: (name: string) => Profile | undefined,
): string | undefined {
  if (role.sourceSso) return role.sourceSso.profile;
  const root = role.chain.at(-1);
  return root !== undefined && root !== role.name && find(root)?.kind === 'sso' ? root : undefined;
}

/** A chain's Identity Center endpoints: the requested profile's where it names them, else the source's. */
export function ssoEndpointsFor(requested: SsoEndpoints, source: SsoEndpoints): SsoEndpoints {
  const portal = requested.ssoEndpoint ?? source.ssoEndpoint;
  const oidc = requested.ssoOidcEndpoint ?? source.ssoOidcEndpoint;
  return { ...(portal ? { ssoEndpoint: portal } : {}), ...(oidc ? { ssoOidcEndpoint: oidc } : {}) };
}

/**
 * The IAM Identity Center sign-in a profile needs, with the endpoints its calls go to: an SSO
 * profile's own, or the root of a role chained from one. Undefined for every other profile.
 */
export function ssoLoginOf(
  profile: Profile,
  find: (name: string) => Profile | undefined,
): { login: SsoLogin; endpoints: SsoEndpoints } | undefined {
  if (profile.kind === 'sso') return { login: profile.sso, endpoints: profile };
  if (profile.kind !== 'role') return undefined;
  if (profile.sourceSso) return { login: profile.sourceSso.login, endpoints: profile };
  const rootName = ssoRootOf(profile, find);
  const root = rootName === undefined ? undefined : find(rootName);
  if (root?.kind !== 'sso') return undefined;
  return { login: root.sso, endpoints: ssoEndpointsFor(profile, root) };
}

export function noSuchProfile(name: string): RoleTrayError {
  return new RoleTrayError('ConfigError', `There is no profile named ${name} in your AWS config.`, {
    profile: name,
  });
}

export function unusableProfile(name: string, reason: string): RoleTrayError {
  return new RoleTrayError('SourceCredentialsMissing', `RoleTray cannot use profile ${name}: ${reason}`, {
    profile: name,
  });
}

export function profileDirectory(profiles: () => readonly Profile[]): ProfileDirectory {
  const find = (name: string) => profiles().find((profile) => profile.name === name);
  const get = (name: string) => find(name) ?? throwing(noSuchProfile(name));
  const usable = (name: string): UsableProfile => {
    const found = get(name);
    if (found.kind === 'unusable') throw unusableProfile(name, found.reason);
    return found;
  };
  return {
    all: profiles,
    find,
    get,
    usable,
    role: (name) => {
      const found = usable(name);
      if (found.kind === 'role') return found;
      throw new RoleTrayError(
        'ConfigError',
        `Profile ${name} ${found.kind === 'process' ? 'runs a credential_process' : found.kind === 'sso' ? 'is an IAM Identity Center role' : 'holds keys'}, not a role: there is nothing to assume.`,
        { profile: name },
      );
    },
  };
}

function throwing(error: Error): never {
  throw error;
}
