import {
  profileNamesOutside,
  withManagedProfiles,
  type ManagedProfile,
} from '../core/profiles/managed-profiles-block';
import {
  ONLY_REMOVES,
  rewriteSharedFile,
  type CredentialsFileDeps,
  type RewriteKind,
} from './credentials-file';

// Writing the roles an IAM Identity Center sign-in discovered into the user's AWS config, as
// RoleTray's managed block (electron/core/profiles/managed-profiles-block.ts), through the one
// writer for files RoleTray shares with other tools (lock, temp file, rename only if unchanged).
// The profiles are worked out from the text being rewritten, so a name the user took meanwhile
// outside the block is not taken again.

/** Profiles, no keys: the file may be created, its permissions are left as they are. */
const PROFILES_GO_IN: RewriteKind = { creates: true, secret: false };

/**
 * Writes the instance's block with the profiles `profilesFor` gives for the names taken outside
 * it (none: the block is removed). Returns the names written.
 */
export async function writeManagedProfiles(
  configFile: string,
  startUrl: string,
  profilesFor: (takenOutside: ReadonlySet<string>) => ManagedProfile[],
  deps: CredentialsFileDeps = {},
): Promise<string[]> {
  let written: string[] = [];
  await rewriteSharedFile(configFile, PROFILES_GO_IN, deps, (text) => {
    const profiles = profilesFor(profileNamesOutside(text, startUrl, configFile));
    written = profiles.map((profile) => profile.name);
    return withManagedProfiles(text, startUrl, profiles, configFile);
  });
  return written;
}

/** Removes the instance's block; the file is as it was before the first write, byte for byte. */
export async function removeManagedProfiles(
  configFile: string,
  startUrl: string,
  deps: CredentialsFileDeps = {},
): Promise<void> {
  await rewriteSharedFile(configFile, ONLY_REMOVES, deps, (text) =>
    withManagedProfiles(text, startUrl, [], configFile),
  );
}
