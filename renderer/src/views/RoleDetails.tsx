import { useEffect, useId, useRef } from 'react';
import type { RolePanel } from '../hooks/useRoleCommands';
import { useNow } from '../hooks/useNow';
import { mfaDeviceName } from '../lib/mfa-code';
import { roleLabel } from '../lib/role-groups';
import { useRoleTray } from '../state/RoleTrayContext';
import { HandoffPanel } from './HandoffPanel';
import { RoleEditor } from './RoleEditor';
import { SessionState } from './SessionState';

// The selected role in full, beside the dense list: everything its row shortens (ARN, chain,
// region, MFA, how its session was obtained, last use), and the panels its menu opens (the
// hand-offs, the editor), each also a button here.

interface RoleDetailsProps {
  /** The panel open for the selected role, if any. */
  panel?: RolePanel;
  onPanel: (panel: RolePanel | undefined) => void;
}

export function RoleDetails({ panel, onPanel }: RoleDetailsProps) {
  const { data, actions, selection } = useRoleTray();
  const role = data.profiles?.roles.find((candidate) => candidate.name === selection.selected);
  const session = data.sessions.find((candidate) => candidate.profile === role?.name);
  const now = useNow(session ? 1000 : 60_000);
  const headingId = useId();
  const stateId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  // A panel opened from the row menu is brought into view (below the list in a narrow window).
  useEffect(() => {
    if (panel) sectionRef.current?.scrollIntoView({ block: 'nearest' });
  }, [panel, role?.name]);

  if (!role) return null;
  const label = roleLabel(role);
  const active = session && session.expiresAt > now ? session : undefined;
  const notice = data.notices[role.name];
  const via = role.chain.slice(1);

  return (
    <section className="role-details" aria-labelledby={headingId} ref={sectionRef}>
      <h2 id={headingId}>{label}</h2>
      <dl className="role-facts">
        {label !== role.name && (
          <>
            <dt>Profile</dt>
            <dd>{role.name}</dd>
          </>
        )}
        <dt>Role</dt>
        <dd className="role-arn">{role.roleArn}</dd>
        <dt>Account</dt>
        <dd>{role.accountAlias ? `${role.accountAlias} (${role.accountId})` : role.accountId}</dd>
        {via.length > 0 && (
          <>
            <dt>Assumed from</dt>
            <dd>{via.join(' → ')}</dd>
          </>
        )}
        {role.externalId && (
          <>
            <dt>External id</dt>
            <dd>{role.externalId}</dd>
          </>
        )}
        <dt>Region</dt>
        <dd title={role.defaultRegion?.why}>
          {role.region ?? `${role.defaultRegion?.region ?? ''} (no region set)`}
        </dd>
        <dt>MFA</dt>
        <dd title={role.mfaSerial}>
          {role.mfaSerial ? `Needs MFA (${mfaDeviceName(role.mfaSerial)})` : 'No MFA'}
        </dd>
      </dl>
      <SessionState
        id={stateId}
        now={now}
        {...(active ? { session: active } : {})}
        {...(role.metadata.lastUsed ? { lastUsed: role.metadata.lastUsed } : {})}
        {...(notice ? { notice } : {})}
      />
      <div className="role-details-actions">
        <button
          type="button"
          className="button-small"
          aria-label={`Use elsewhere: ${label}`}
          aria-expanded={panel === 'handoff'}
          onClick={() => onPanel(panel === 'handoff' ? undefined : 'handoff')}
        >
          Use elsewhere
        </button>
        <button
          type="button"
          className="button-small"
          aria-label={`Edit ${label}`}
          aria-expanded={panel === 'edit'}
          ref={editButton}
          onClick={() => onPanel(panel === 'edit' ? undefined : 'edit')}
        >
          Edit
        </button>
      </div>
      {panel === 'handoff' && (
        <HandoffPanel
          profile={role.name}
          label={label}
          sessionKey={active ? `${active.issuedAt}` : 'no session'}
        />
      )}
      {panel === 'edit' && (
        <RoleEditor
          role={role}
          onSave={(patch) => actions.updateMetadata(role.name, patch)}
          onClose={() => {
            onPanel(undefined);
            editButton.current?.focus();
          }}
        />
      )}
    </section>
  );
}
