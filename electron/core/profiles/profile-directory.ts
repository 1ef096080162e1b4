import { RoleTrayError } from '../errors';
import type { HeldProfile, KeysProfile, ProcessProfile, Profile, RoleProfile } from './profiles';

// Finding a profile by the name a request gave, over the watcher's last good load, with the one
// sentence every caller says when it is not there or cannot be used: the sessions core, the S3
// browser and the hand-offs alike.

export type UsableProfile = RoleProfile | KeysProfile | ProcessProfile | HeldProfile;

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

/**
 * Why an SSO profile (or, with `sourceProfile`, a role chained from one) cannot be used until
 * RoleTray signs in to IAM Identity Center: one sentence for the list, the directory and the chain.
 */
export function ssoSignInNotYet(sourceProfile?: string): string {
  const who = sourceProfile === undefined ? 'it' : `its source profile ${sourceProfile}`;
  return `${who} signs in to IAM Identity Center: not usable yet: sign-in arrives with Identity Center support.`;
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
    if (found.kind === 'sso') throw unusableProfile(name, ssoSignInNotYet());
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
        `Profile ${name} ${found.kind === 'process' ? 'runs a credential_process' : 'holds keys'}, not a role: there is nothing to assume.`,
        { profile: name },
      );
    },
  };
}

function throwing(error: Error): never {
  throw error;
}
