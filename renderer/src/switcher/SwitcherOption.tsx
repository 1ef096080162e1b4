import { memo } from 'react';
import type { RoleView } from '../../../shared/profiles-view';
import type { SessionInfo } from '../../../shared/sessions';
import { roleLabel } from '../lib/role-groups';
import { formatTimeLeft, timeLeftTone } from '../lib/time-left';

interface SwitcherOptionProps {
  role: RoleView;
  /** The role's session while it is still valid at `now`. */
  session?: SessionInfo;
  now: number;
  id: string;
  index: number;
  active: boolean;
  /** Where the virtualizer puts the row, in px from the list's top. */
  start: number;
}

/** "acme-prod (123456789012)", or the id alone when no alias is known. */
const accountText = (role: RoleView) =>
  role.accountAlias ? `${role.accountAlias} (${role.accountId})` : role.accountId;

/**
 * One role in the switcher's list: its name (and profile, when a display name hides it), account,
 * role name and session state with the time left. No handlers of its own: the list reads `data-index`.
 */
export const SwitcherOption = memo(function SwitcherOption({
  role,
  session,
  now,
  id,
  index,
  active,
  start,
}: SwitcherOptionProps) {
  const label = roleLabel(role);
  const left = session ? session.expiresAt - now : 0;
  const tone = timeLeftTone(left);
  return (
    <div
      role="option"
      id={id}
      aria-selected={active}
      data-index={index}
      className={`switcher-option${active ? ' is-active' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <span className="switcher-option-main">
        <span className="switcher-option-name">
          {label}
          {role.metadata.favourite && (
            <span className="switcher-favourite">
              <span aria-hidden="true"> ★</span>
              <span className="visually-hidden"> (favourite)</span>
            </span>
          )}
        </span>
        <span className="switcher-option-meta">
          {label !== role.name && <>{role.name} · </>}
          {accountText(role)} · {role.roleName}
        </span>
      </span>
      <span className="switcher-option-state">
        {session ? (
          <span className={`switcher-tone-${tone}`}>{formatTimeLeft(left)} left</span>
        ) : (
          <span className="muted">{role.mfaSerial ? 'No session · MFA' : 'No session'}</span>
        )}
      </span>
    </div>
  );
});
