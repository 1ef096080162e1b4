// What the UI may know about sessions: who, until when, how they were obtained. No keys, no tokens.

export type SessionOrigin = 'keys' | 'environment' | 'mfa-direct' | 'mfa-session' | 'chain' | 'session-token';

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
