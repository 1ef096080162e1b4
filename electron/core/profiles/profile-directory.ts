import { RoleTrayError } from '../errors';
import type { KeysProfile, ProcessProfile, Profile, RoleProfile } from './profiles';

// Finding a profile by the name a request gave, over the watcher's last good load, with the one
// sentence every caller says when it is not there or cannot be used: the sessions core, the S3
// browser and the hand-offs alike.

export type UsableProfile = RoleProfile | KeysProfile | ProcessProfile;

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
        `Profile ${name} ${found.kind === 'keys' ? 'holds keys' : 'runs a credential_process'}, not a role: there is nothing to assume.`,
        { profile: name },
      );
    },
  };
}

function throwing(error: Error): never {
  throw error;
}
