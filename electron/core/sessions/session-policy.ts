// The rules that decide which STS calls an assume makes and how long the sessions last. Pure, so
// the policy is stated once and tested on its own.
//
// - A role without MFA is assumed directly with its source's credentials.
// - A role with `mfa_serial` and a duration of at most 1 h ('session' strategy): one code buys an
//   MFA-backed GetSessionToken session for the source keys (12 h by default), and every role using
//   the same keys and device is assumed from it without another prompt until it expires. AWS treats
//   AssumeRole with GetSessionToken credentials as chaining, so those role sessions last 1 h at most.
// - A role with `mfa_serial` and `duration_seconds` above 1 h ('direct' strategy): the code goes
//   with that AssumeRole, which may last up to the role's maximum (12 h); each such assume needs a code.
// - Chains (a source_profile that is itself a role): each hop is assumed with the previous hop's
//   session and lasts 1 h at most. The MFA serial nearest the requested role applies at the root.

import { MINIMUM_VALIDITY_MS } from './session-validity';

export type MfaStrategy = 'session' | 'direct';

export interface SessionPolicy {
  /** 'auto' picks per the rules above; 'session' or 'direct' forces one. */
  mfaStrategy: 'auto' | MfaStrategy;
  /** Lifetime asked for MFA-backed GetSessionToken sessions (AWS allows 900..129600). */
  mfaSessionSeconds: number;
  /** Renew (or warn about) a session this long before it expires. */
  refreshMarginSeconds: number;
  /** A cached session is reused only with at least this long left. */
  minimumValiditySeconds: number;
}

export const DEFAULT_POLICY: SessionPolicy = {
  mfaStrategy: 'auto',
  mfaSessionSeconds: 12 * 3600,
  refreshMarginSeconds: 5 * 60,
  minimumValiditySeconds: MINIMUM_VALIDITY_MS / 1000,
};

/** AWS's defaults and limits for AssumeRole. */
export const DEFAULT_ROLE_SECONDS = 3600;
export const CHAINED_MAX_SECONDS = 3600;

export function mfaStrategy(
  policy: SessionPolicy,
  requestedSeconds: number,
  rootHasSessionToken: boolean,
): MfaStrategy {
  // GetSessionToken refuses temporary keys, so those can only carry the code themselves.
  if (rootHasSessionToken) return 'direct';
  if (policy.mfaStrategy !== 'auto') return policy.mfaStrategy;
  return requestedSeconds > CHAINED_MAX_SECONDS ? 'direct' : 'session';
}

const hours = (seconds: number) => `${Math.round((seconds / 3600) * 10) / 10} h`;

/** Who asked for the duration: the profile's duration_seconds, or RoleTray's default session duration. */
export type DurationSource = 'profile' | 'setting';
const asker = (source: DurationSource) =>
  source === 'profile' ? 'duration_seconds asks for' : "RoleTray's default session duration is";

/** The duration to ask for, and why it is less than the profile asked, if it is. */
export function hopDuration(
  requestedSeconds: number | undefined,
  chained: boolean,
  source: DurationSource = 'profile',
): { seconds: number; note?: string } {
  const requested = requestedSeconds ?? DEFAULT_ROLE_SECONDS;
  if (chained && requested > CHAINED_MAX_SECONDS) {
    return {
      seconds: CHAINED_MAX_SECONDS,
      note: `AWS limits sessions assumed with temporary credentials (role chaining, MFA sessions) to 1 h; ${asker(source)} ${hours(requested)}.`,
    };
  }
  return { seconds: requested };
}

export function maxDurationNote(requestedSeconds: number, source: DurationSource = 'profile'): string {
  const what = source === 'profile' ? 'duration_seconds asks for' : "RoleTray's default session duration";
  return `The role's maximum session duration is lower than the ${hours(requestedSeconds)} ${what}; RoleTray got a 1 h session.`;
}

/** A RoleSessionName AWS accepts ([\w+=,.@-], 2..64) that says who and which tool: `tyler@roletray`. */
export function defaultSessionName(userName: string): string {
  const user = userName.replace(/[^\w+=,.@-]/g, '-').slice(0, 54) || 'user';
  return `${user}@roletray`;
}
