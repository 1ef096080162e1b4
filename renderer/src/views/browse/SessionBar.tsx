import { useId } from 'react';
import type { RoleTrayErrorInfo } from '../../../../shared/errors';
import type { RoleView } from '../../../../shared/profiles-view';
import { useNow } from '../../hooks/useNow';
import { roleLabel } from '../../lib/role-groups';
import { formatTimeLeft } from '../../lib/time-left';
import { useRoleTray } from '../../state/RoleTrayContext';
import { ErrorText } from '../ErrorText';

interface SessionBarProps {
  profile: string;
  renewing: boolean;
  renewError?: RoleTrayErrorInfo;
  onPick: (profile: string) => void;
  onRenew: () => void;
}

function optionLabel(profile: string, roles: readonly RoleView[]): string {
  const role = roles.find((candidate) => candidate.name === profile);
  if (!role) return profile;
  const label = roleLabel(role);
  return `${label} (${role.accountAlias ?? role.accountId})`;
}

/**
 * Which session the browser reads with: any active one can be picked. Says how long it has left,
 * and when it has ended (here or elsewhere) offers renewal in place; the browser stays where it is.
 */
export function SessionBar({ profile, renewing, renewError, onPick, onRenew }: SessionBarProps) {
  const { data } = useRoleTray();
  const { sessions } = data;
  const roles = data.profiles?.roles ?? [];
  const pickId = useId();
  const now = useNow(1000);
  const active = sessions.filter((session) => session.expiresAt > now);
  const current = active.find((session) => session.profile === profile);
  const profiles = active.map((session) => session.profile);
  if (!profiles.includes(profile)) profiles.unshift(profile);

  return (
    <div className="session-bar">
      <div className="session-pick">
        <label htmlFor={pickId}>Session</label>
        <select id={pickId} value={profile} onChange={(event) => onPick(event.target.value)}>
          {profiles.map((name) => (
            <option key={name} value={name}>
              {optionLabel(name, roles)}
              {active.some((session) => session.profile === name) ? '' : ' (no session)'}
            </option>
          ))}
        </select>
      </div>
      {current ? (
        <p className="muted session-left">
          <span className="countdown">{formatTimeLeft(current.expiresAt - now)}</span> left
        </p>
      ) : (
        <div className="session-ended" role="alert">
          <p className="notice-text">{profile} has no active session: renew it to keep browsing from here.</p>
          <button
            type="button"
            className="button-primary"
            disabled={renewing}
            aria-label={`Renew the session of ${profile}`}
            onClick={onRenew}
          >
            {renewing ? 'Renewing…' : 'Renew session'}
          </button>
        </div>
      )}
      {renewError && <ErrorText error={renewError} />}
    </div>
  );
}
