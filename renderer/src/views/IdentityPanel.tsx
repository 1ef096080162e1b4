import { useState } from 'react';
import type { BaseProfileView, RoleView } from '../../../shared/profiles-view';
import type { SessionInfo } from '../../../shared/sessions';
import { roleLabel } from '../lib/role-groups';
import { IdentityCard } from './IdentityCard';
import './identity.css';

interface IdentityPanelProps {
  bases: readonly BaseProfileView[];
  selected?: RoleView;
  /** The selected role's session, if it has one now. */
  session?: SessionInfo;
}

/** Who you are: the selected role's session, and the profiles whose keys roles start from. */
export function IdentityPanel({ bases, selected, session }: IdentityPanelProps) {
  const [refreshes, setRefreshes] = useState(0);
  return (
    <aside className="identity-panel" aria-labelledby="identity-title">
      <div className="panel-heading">
        <h2 id="identity-title">Identity</h2>
        <button type="button" className="button-small" onClick={() => setRefreshes((count) => count + 1)}>
          Refresh identities
        </button>
      </div>
      {session && selected ? (
        <IdentityCard
          profile={selected.name}
          title={`${roleLabel(selected)} (session)`}
          version={`${session.issuedAt}:${refreshes}`}
        />
      ) : (
        <p className="muted identity-hint">
          {selected
            ? `Assume ${roleLabel(selected)} to see the identity its session gives you.`
            : 'Select a role with an active session to see the identity it gives you.'}
        </p>
      )}
      {bases.map((base) => (
        <IdentityCard
          key={base.name}
          profile={base.name}
          title={`${base.name} (your keys)`}
          version={refreshes}
        />
      ))}
      {bases.length === 0 && (
        <p className="muted">No profile in your credentials file holds keys, so there is no base identity.</p>
      )}
    </aside>
  );
}
