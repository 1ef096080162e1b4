import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { MfaSessionInfo, SessionInfo } from '../../../shared/sessions';
import { formatClockTime } from './time-left';

// One status model for the window: a sentence belongs to what it is about and is shown only while
// it is still true ("Assumed X." while X has a session, "Ended …" while it has none), and every
// failure to reach an endpoint is one notice per endpoint, naming the roles it held up, instead of
// the same connection error on each of them.

export type StatusEvent =
  | { kind: 'assumed' | 'renewed' | 'cancelled'; profile: string }
  /** `mfaDevice`: the MFA session the ended role came from, which ending it does not end. */
  | { kind: 'ended'; profile: string; mfaDevice?: string }
  | { kind: 'signed-out-all' }
  | { kind: 'reloaded' };

const isActive = (session: SessionInfo, now: number) => session.expiresAt > now;

/** The footer's sentence for the last thing that happened, or '' once it no longer holds. */
export function statusSentence(
  event: StatusEvent | undefined,
  sessions: readonly SessionInfo[],
  now: number,
  mfaSessions: readonly MfaSessionInfo[] = [],
): string {
  if (!event) return '';
  if (event.kind === 'reloaded') return 'Reloaded your AWS config.';
  if (event.kind === 'signed-out-all') {
    return sessions.some((session) => isActive(session, now)) ? '' : 'Signed out of all sessions.';
  }
  const { profile } = event;
  const active = sessions.some((session) => session.profile === profile && isActive(session, now));
  switch (event.kind) {
    case 'assumed':
      return active ? `Assumed ${profile}.` : '';
    case 'renewed':
      return active ? `Renewed the session of ${profile}.` : '';
    case 'ended': {
      if (active) return '';
      const device = event.mfaDevice;
      const mfa = mfaSessions.find((session) => session.device === device && session.expiresAt > now);
      return mfa
        ? `Ended the session of ${profile}. The MFA session for ${mfa.device} stays until ${formatClockTime(mfa.expiresAt, now)}; forget it under MFA sessions.`
        : `Ended the session of ${profile}.`;
    }
    case 'cancelled':
      return active
        ? `Cancelled: the session of ${profile} is unchanged.`
        : `Cancelled: ${profile} was not assumed.`;
  }
}

export interface UnreachableNotice {
  service: string;
  endpoint: string;
  /** The sentence AWS's SDK failure became, for the first role held up. */
  message: string;
  profiles: string[];
}

/** The failures that are an endpoint not answering, one notice per endpoint, roles in order. */
export function unreachableNotices(errors: Readonly<Record<string, RoleTrayErrorInfo>>): UnreachableNotice[] {
  const notices = new Map<string, UnreachableNotice>();
  for (const [profile, error] of Object.entries(errors)) {
    if (error.kind !== 'Network' || !error.unreachable) continue;
    const { service, endpoint } = error.unreachable;
    const key = `${service} ${endpoint}`;
    const notice = notices.get(key) ?? { service, endpoint, message: error.message, profiles: [] };
    notice.profiles.push(profile);
    notices.set(key, notice);
  }
  return [...notices.values()];
}

/** "prod-read-only", "prod-read-only and dev's identity", "prod-read-only and 4 more". */
export function rolesHeldUp(profiles: readonly string[]): string {
  if (profiles.length <= 2) return profiles.join(' and ');
  return `${profiles[0]} and ${profiles.length - 1} more`;
}
