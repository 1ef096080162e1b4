import type { SessionInfo, SessionOrigin } from '../../../shared/sessions';

// How a session was obtained, in the words a row shows under the role.

const ORIGIN: Record<SessionOrigin, string> = {
  keys: 'from your access keys',
  environment: 'from keys in the environment',
  'mfa-direct': 'with an MFA code',
  'mfa-session': 'through an MFA session',
  chain: 'chained from another role',
  'web-identity': 'with a web identity token',
  'session-token': 'from a session token',
  sso: 'signed in with IAM Identity Center',
};

export function describeOrigin(session: Pick<SessionInfo, 'obtainedBy'>): string {
  return ORIGIN[session.obtainedBy];
}

/** "session-name" from arn:aws:sts::ACCOUNT:assumed-role/ROLE/session-name. */
export function sessionName(assumedRoleArn: string): string | undefined {
  const parts = assumedRoleArn.split('/');
  return parts.length >= 3 ? parts.slice(2).join('/') : undefined;
}
