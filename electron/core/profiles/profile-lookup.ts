import { RoleTrayError } from '../errors';
import type { Profile } from './profiles';

// Finding a profile by the name a request gave, with the one sentence every caller says when it
// is not there or cannot be used: the sessions core, the S3 browser and the hand-offs alike.

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

/** The profile named `name`; a ConfigError when there is none. */
export function profileNamed(profiles: readonly Profile[], name: string): Profile {
  const found = profiles.find((profile) => profile.name === name);
  if (!found) throw noSuchProfile(name);
  return found;
}
