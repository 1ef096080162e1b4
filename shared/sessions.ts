// What the UI may know about sessions: who, until when, how they were obtained. No keys, no tokens.

/** How a session was obtained, which decides whether it can be renewed without a code. */
export type SessionOrigin =
  | 'keys' // AssumeRole with long-term keys, no MFA
  | 'environment' // AssumeRole with keys from the environment
  | 'mfa-direct' // AssumeRole carrying an MFA code
  | 'mfa-session' // AssumeRole with an MFA-backed GetSessionToken session
  | 'chain' // AssumeRole with another role's session
  | 'web-identity' // AssumeRoleWithWebIdentity with a token file's token
  | 'sso' // IAM Identity Center's GetRoleCredentials (or AssumeRole with its credentials)
  | 'session-token'; // the GetSessionToken session itself

export interface SessionInfo {
  profile: string;
  roleArn: string;
  accountId: string;
  roleName: string;
  /** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION */
  assumedRoleArn: string;
  issuedAt: number;
  expiresAt: number;
  /** Whether an MFA code stands behind this session. */
  mfa: boolean;
  obtainedBy: SessionOrigin;
  /** Why the session is shorter than duration_seconds asks, in words. */
  durationNote?: string;
  /** The MFA device whose GetSessionToken session this role was assumed from (it outlives the role's). */
  mfaSession?: string;
}

/** An MFA-backed GetSessionToken session: no keys, only what it is, whose and until when. */
export interface MfaSessionInfo {
  /** The device's ARN (mfa_serial). */
  device: string;
  /** The profiles whose keys it came from. */
  sourceProfiles: string[];
  issuedAt: number;
  expiresAt: number;
  /** The roles with an active session assumed from it. */
  roles: string[];
}

export type SessionEvent =
  | { type: 'changed' }
  | { type: 'renewed'; profile: string; expiresAt: number }
  /** Close to expiry and not renewable without the user (an MFA code is needed), or renewal failed. */
  | { type: 'expiring'; profile: string; expiresAt: number; needsMfa: boolean; error?: string }
  | { type: 'expired'; profile: string };

export interface Identity {
  account: string;
  arn: string;
  userId: string;
}

/** What the user sets in RoleTray about a profile; kept in the app's store, never in ~/.aws. */
export interface ProfileMetadata {
  displayName?: string;
  /** Hex colour without '#'; overrides the config's `color` key. */
  color?: string;
  favourite?: boolean;
  /** Epoch milliseconds of the last successful assume. */
  lastUsed?: number;
}
