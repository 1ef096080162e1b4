import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { RoleView } from '../../../shared/profiles-view';
import type { PendingAction } from '../hooks/useRoleActions';
import { useNow } from '../hooks/useNow';
import { mfaDeviceName } from '../lib/mfa-code';
import { roleColor } from '../lib/role-color';
import { roleLabel } from '../lib/role-groups';
import { useRoleTray } from '../state/RoleTrayContext';
import { ErrorText } from './ErrorText';
import { HandoffPanel } from './HandoffPanel';
import { RoleEditor } from './RoleEditor';
import { SessionState } from './SessionState';

export interface RoleItemProps {
  role: RoleView;
  /** The one row in the list reachable with Tab (arrow keys move between rows). */
  tabbable: boolean;
}

const PENDING_TEXT: Record<PendingAction, string> = {
  assume: 'Assuming…',
  renew: 'Renewing…',
  end: 'Ending the session…',
};

/** One role: who and where, its session with a live countdown, and what can be done with it. */
export function RoleItem({ role, tabbable }: RoleItemProps) {
  const { data, actions, mfa, selection } = useRoleTray();
  const session = data.sessions.find((candidate) => candidate.profile === role.name);
  const pending = actions.pending[role.name];
  const error = actions.errors[role.name];
  const notice = data.notices[role.name];
  const waitingForMfa = mfa.profiles.has(role.name);
  const selected = selection.selected === role.name;
  const titleId = useId();
  const stateId = useId();
  const [editing, setEditing] = useState(false);
  const [handingOff, setHandingOff] = useState(false);
  const [metadataError, setMetadataError] = useState<RoleTrayErrorInfo>();
  const editButton = useRef<HTMLButtonElement>(null);
  // Only rows with a session tick every second; the others refresh "last used" each minute.
  const now = useNow(session ? 1000 : 60_000);
  const active = session && session.expiresAt > now ? session : undefined;
  const label = roleLabel(role);
  const colour = roleColor(role);
  const favourite = role.metadata.favourite === true;
  const busy = pending !== undefined;
  const via = role.chain.length > 2 ? role.chain[1] : undefined;

  const toggleFavourite = async () => {
    const result = await actions.updateMetadata(role.name, { favourite: favourite ? null : true });
    setMetadataError(result.ok ? undefined : result.error);
  };

  const closeEditor = () => {
    setEditing(false);
    editButton.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
    event.preventDefault();
    if (!active && !busy) selection.assume(role.name);
  };

  const buttons = active ? (
    <>
      <button
        type="button"
        className="button-primary"
        aria-label={`Renew ${label}`}
        disabled={busy}
        onClick={() => selection.renew(role.name)}
      >
        Renew
      </button>
      <button
        type="button"
        aria-label={`End session of ${label}`}
        disabled={busy}
        onClick={() => void actions.end(role.name)}
      >
        End session
      </button>
      <button
        type="button"
        aria-label={`Browse S3 as ${label}`}
        disabled={busy}
        onClick={() => selection.browse(role.name)}
      >
        Browse S3
      </button>
    </>
  ) : (
    <button
      type="button"
      className="button-primary"
      aria-label={`Assume ${label}`}
      disabled={busy}
      onClick={() => selection.assume(role.name)}
    >
      Assume
    </button>
  );

  return (
    <li
      className={`role-item${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      data-role-row={role.name}
      tabIndex={tabbable ? 0 : -1}
      aria-labelledby={titleId}
      aria-describedby={stateId}
      aria-current={selected ? 'true' : undefined}
      onFocus={() => selection.select(role.name)}
      onClick={() => selection.select(role.name)}
      onKeyDown={onKeyDown}
    >
      <span
        className={`role-swatch${colour ? '' : ' no-colour'}`}
        style={colour ? { backgroundColor: colour } : undefined}
        aria-hidden="true"
      />
      <div className="role-info">
        <div className="role-title">
          <span id={titleId} className="role-name">
            {label}
          </span>
          {label !== role.name && <span className="role-profile">{role.name}</span>}
          {favourite && (
            <span className="favourite-mark" aria-hidden="true">
              ★
            </span>
          )}
        </div>
        <p className="role-meta">
          <span>{role.roleName}</span>
          {role.region && <span>{role.region}</span>}
          {role.defaultRegion && (
            <span className="muted" title={role.defaultRegion.why}>
              {role.defaultRegion.region} (no region set)
            </span>
          )}
          {via && <span>via {via}</span>}
          {role.mfaSerial ? (
            <span className="badge badge-mfa" title={role.mfaSerial}>
              Needs MFA ({mfaDeviceName(role.mfaSerial)})
            </span>
          ) : (
            <span className="badge badge-quiet">No MFA</span>
          )}
        </p>
        <SessionState
          id={stateId}
          now={now}
          {...(active ? { session: active } : {})}
          {...(role.metadata.lastUsed ? { lastUsed: role.metadata.lastUsed } : {})}
          {...(notice ? { notice } : {})}
        />
        {pending && (
          <p className="pending-text" role="status">
            {waitingForMfa ? 'Waiting for the MFA code…' : PENDING_TEXT[pending]}
          </p>
        )}
      </div>
      <div className="role-actions">
        {buttons}
        <button
          type="button"
          className="button-quiet"
          aria-label={`Favourite ${label}`}
          aria-pressed={favourite}
          title={favourite ? 'Remove from favourites' : 'Add to favourites'}
          onClick={() => void toggleFavourite()}
        >
          {favourite ? '★' : '☆'}
        </button>
        <button
          type="button"
          className="button-quiet"
          aria-label={`Use ${label} elsewhere`}
          aria-expanded={handingOff}
          title="The terminal, the AWS CLI, the credentials file, the console"
          onClick={() => setHandingOff((open) => !open)}
        >
          Use elsewhere
        </button>
        <button
          type="button"
          className="button-quiet"
          aria-label={`Edit ${label}`}
          aria-expanded={editing}
          ref={editButton}
          onClick={() => setEditing((open) => !open)}
        >
          Edit
        </button>
      </div>
      {(error || metadataError || editing || handingOff) && (
        <div className="role-extra">
          {error && (
            <ErrorText
              error={error}
              dismissLabel={`Dismiss the error about ${label}`}
              onDismiss={() => actions.dismissError(role.name)}
            />
          )}
          {metadataError && (
            <ErrorText
              error={metadataError}
              dismissLabel={`Dismiss the error about ${label}'s settings`}
              onDismiss={() => setMetadataError(undefined)}
            />
          )}
          {handingOff && (
            <HandoffPanel
              profile={role.name}
              label={label}
              sessionKey={active ? `${active.issuedAt}` : 'no session'}
            />
          )}
          {editing && (
            <RoleEditor
              role={role}
              onSave={(patch) => actions.updateMetadata(role.name, patch)}
              onClose={closeEditor}
            />
          )}
        </div>
      )}
    </li>
  );
}
