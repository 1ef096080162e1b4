import type { AwsCredentials } from '../core/credentials';
import { isRoleTrayError } from '../core/errors';

// A hand-off asked for an IAM Identity Center profile's credentials (a credential_process, a
// terminal's SDK) while nobody is signed in: rather than fail, it starts the app's own sign-in (the
// same single flight the window uses: the browser opens, or the device code is pushed), waits for
// it, and asks again, as aws-sso-cli and granted do for their credential_process.

export interface SignInOnDemand {
  /** How many sign-ins the profile's instance has completed; a caller notes it before asking. */
  completed(profile: string): number;
  /**
   * Starts, or joins, the sign-in `profile`'s credentials need; resolves once signed in, at once
   * when one completed since the caller saw `seen` (it raced that one's end).
   */
  signIn(profile: string, seen: number): Promise<void>;
  /** What a caller waiting for `profile` waits for, in a sentence; undefined when no sign-in runs for it. */
  waitingFor(profile: string): string | undefined;
}

export type CredentialsOf = (profile: string) => Promise<AwsCredentials>;

/** `credentials`, signing in once (through `signIn`) when the profile's Identity Center sign-in is missing. */
export function signingInWhenNeeded(
  credentials: CredentialsOf,
  signIn: SignInOnDemand | undefined,
): CredentialsOf {
  if (!signIn) return credentials;
  return async (profile) => {
    const seen = signIn.completed(profile);
    try {
      return await credentials(profile);
    } catch (error) {
      if (!isRoleTrayError(error) || error.info.kind !== 'SignInRequired') throw error;
      await signIn.signIn(profile, seen);
      return credentials(profile);
    }
  };
}
