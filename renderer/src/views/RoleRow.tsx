import { memo, useId, type KeyboardEvent, type MouseEvent } from 'react';
import type { RoleView } from '../../../shared/profiles-view';
import type { RoleCommandResult } from '../hooks/useRoleCommands';
import { useNow } from '../hooks/useNow';
import { roleColor } from '../lib/role-color';
import { roleLabel, sourceProfile } from '../lib/role-groups';
import { itemForKey, roleMenuItems, type RoleActionId, type RoleMenuItem } from '../lib/role-menu';
import { formatLastUsed, formatTimeLeftShort, timeLeftTone } from '../lib/time-left';
import { useRoleTray } from '../state/RoleTrayContext';
import { ErrorText } from './ErrorText';

// One role as one compact row of the virtual list: who (name, account, role and where it is
// assumed from), its state with a live countdown, and two buttons (Assume or Renew, and the menu
// holding everything else). The row itself takes Enter and the menu's letter keys.

export interface RoleRowProps {
  role: RoleView;
  /** The one row reachable with Tab (arrow keys move between rows). */
  tabbable: boolean;
  result: RoleCommandResult | undefined;
  /** The menu is open on this row. */
  menuOpen: boolean;
  onCommand: (role: RoleView, id: RoleActionId) => void;
  onOpenMenu: (role: RoleView, items: RoleMenuItem[], anchor: HTMLElement) => void;
  onDismissResult: (profile: string) => void;
}

// Memoised: while the list scrolls only the rows coming into view render (the props are stable).
export const RoleRow = memo(function RoleRow(props: RoleRowProps) {
  const { role, tabbable, result, menuOpen, onCommand, onOpenMenu, onDismissResult } = props;
  const { data, actions, mfa, selection } = useRoleTray();
  const session = data.sessions.find((candidate) => candidate.profile === role.name);
  const pending = actions.pending[role.name];
  const error = actions.errors[role.name];
  const notice = data.notices[role.name];
  const titleId = useId();
  const stateId = useId();
  const whereId = useId();
  // Only rows with a session tick every second.
  const now = useNow(session ? 1000 : 60_000);
  const active = session && session.expiresAt > now ? session : undefined;
  const label = roleLabel(role);
  const colour = roleColor(role);
  const favourite = role.metadata.favourite === true;
  const selected = selection.selected === role.name;
  const items = roleMenuItems({ active: !!active, busy: pending !== undefined, favourite });
  const primary = items[0]!;
  const source = sourceProfile(role);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      const button = event.currentTarget.querySelector<HTMLElement>('[data-menu-button]');
      if (button) onOpenMenu(role, items, button);
      return;
    }
    const item = itemForKey(items, event);
    if (!item) return;
    event.preventDefault();
    if (!item.disabled) onCommand(role, item.id);
  };

  const openMenu = (event: MouseEvent<HTMLButtonElement>) => {
    event.stopPropagation();
    onOpenMenu(role, items, event.currentTarget);
  };

  let state: React.ReactNode;
  let tone = 'none';
  if (pending) {
    tone = 'pending';
    state = mfa.profiles.has(role.name)
      ? 'Waiting for the MFA code…'
      : pending === 'end'
        ? 'Ending…'
        : pending === 'renew'
          ? 'Renewing…'
          : 'Assuming…';
  } else if (active) {
    const left = active.expiresAt - now;
    tone = timeLeftTone(left);
    state = (
      <>
        Active ·{' '}
        <span className="countdown" role="timer" aria-live="off">
          {formatTimeLeftShort(left)} left
        </span>
      </>
    );
  } else if (notice?.type === 'expired') {
    tone = 'expired';
    state = 'Expired';
  } else {
    state = 'No session';
  }
  const lastUsed = role.metadata.lastUsed;

  return (
    <div
      role="listitem"
      className={`role-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      data-role-row={role.name}
      tabIndex={tabbable ? 0 : -1}
      aria-labelledby={titleId}
      aria-describedby={`${whereId} ${stateId}`}
      aria-current={selected ? 'true' : undefined}
      onFocus={(event) => {
        if (event.target === event.currentTarget) selection.select(role.name);
      }}
      onClick={() => selection.select(role.name)}
      onKeyDown={onKeyDown}
    >
      <span
        className={`role-swatch${colour ? '' : ' no-colour'}`}
        style={colour ? { backgroundColor: colour } : undefined}
        aria-hidden="true"
      />
      <span className="cell cell-name" data-cell>
        <span id={titleId} className="role-name">
          {label}
        </span>
        {label !== role.name && <span className="role-profile"> {role.name}</span>}
        {favourite && (
          <span className="favourite-mark" title="Favourite">
            {' '}
            ★
          </span>
        )}
      </span>
      <span id={whereId} className="cell-where">
        <span
          className="cell cell-account"
          data-cell
          title={role.accountAlias ? `${role.accountAlias} (${role.accountId})` : role.accountId}
        >
          {role.accountAlias && <span className="account-alias">{role.accountAlias} </span>}
          <span className="account-number">{role.accountId}</span>
        </span>
        <span
          className="cell cell-role"
          data-cell
          title={`${role.roleName}${source ? ` from ${source}` : ''}${role.externalId ? `, external id ${role.externalId}` : ''}`}
        >
          {role.roleName}
          {source && <span className="role-source"> from {source}</span>}
          {role.externalId && <span className="role-source"> · ext {role.externalId}</span>}
        </span>
      </span>
      <span
        id={stateId}
        className={`cell cell-state state-${tone}`}
        data-cell
        title={lastUsed ? `Last used ${formatLastUsed(lastUsed, now)}` : 'Never used'}
      >
        {state}
      </span>
      <span className="row-actions">
        <button
          type="button"
          className="button-small button-primary"
          aria-label={`${primary.label} ${label}`}
          disabled={primary.disabled}
          onClick={(event) => {
            event.stopPropagation();
            onCommand(role, primary.id);
          }}
        >
          {primary.label}
        </button>
        <button
          type="button"
          className="button-small button-quiet menu-button"
          data-menu-button
          aria-label={`More actions for ${label}`}
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          onClick={openMenu}
        >
          <span aria-hidden="true">⋯</span>
        </button>
      </span>
      {(error || result?.error || result?.said) && (
        <div className="row-extra">
          {error && (
            <ErrorText
              error={error}
              dismissLabel={`Dismiss the error about ${label}`}
              onDismiss={() => actions.dismissError(role.name)}
            />
          )}
          {result?.error && (
            <ErrorText
              error={result.error}
              dismissLabel={`Dismiss the hand-off error about ${label}`}
              onDismiss={() => onDismissResult(role.name)}
            />
          )}
          {result?.said && (
            <p className="row-said" role="status">
              {result.said}
            </p>
          )}
        </div>
      )}
    </div>
  );
});
