import type { SessionInfo } from '../../../shared/sessions';
import type { SessionNotice } from '../hooks/useRoleTrayData';
import { describeOrigin } from '../lib/session-text';
import { formatLastUsed, formatTimeLeft, timeLeftTone } from '../lib/time-left';

interface SessionStateProps {
  /** The role's session while it is still valid at `now`. */
  session?: SessionInfo;
  now: number;
  lastUsed?: number;
  notice?: SessionNotice;
  id: string;
}

/** One line about a role's session: time left (live), how it was obtained, or when it was last used. */
export function SessionState({ session, now, lastUsed, notice, id }: SessionStateProps) {
  if (!session) {
    return (
      <div className="session-state" id={id}>
        <p>
          <span className="session-inactive">No session</span>
          <span className="muted">
            {' · '}
            {lastUsed ? `Last used ${formatLastUsed(lastUsed, now)}` : 'Never used'}
          </span>
        </p>
        {notice?.type === 'expired' && (
          <p className="notice-text">The session expired; assume the role again.</p>
        )}
      </div>
    );
  }
  const left = session.expiresAt - now;
  const tone = timeLeftTone(left);
  return (
    <div className="session-state" id={id}>
      <p>
        <span className={`session-active tone-${tone}`}>Session active</span>
        {' · '}
        <span className={`countdown tone-${tone}`} role="timer" aria-live="off">
          {formatTimeLeft(left)} left
        </span>
        <span className="muted">
          {' · '}
          {describeOrigin(session)}
          {session.mfa && session.obtainedBy !== 'mfa-direct' && session.obtainedBy !== 'mfa-session'
            ? ', MFA-backed'
            : ''}
        </span>
      </p>
      {session.durationNote && <p className="duration-note">{session.durationNote}</p>}
      {notice?.type === 'expiring' && (
        <p className="notice-text">
          {notice.needsMfa
            ? 'This session ends soon and renewing it needs an MFA code: choose Renew.'
            : `RoleTray could not renew this session by itself: ${notice.error ?? 'renewal failed'}`}
        </p>
      )}
    </div>
  );
}
