import { useState } from 'react';
import { roleLabel } from '../lib/role-groups';
import { useRoleTray } from '../state/RoleTrayContext';
import { AddKeysForm } from './AddKeysForm';
import { HeldKeysActions } from './HeldKeysActions';
import { IdentityCard } from './IdentityCard';
import './identity.css';

/** Who you are: the selected role's session, and the profiles whose keys roles start from. */
export function IdentityPanel() {
  const { data, selection } = useRoleTray();
  const bases = data.profiles?.bases ?? [];
  const selected = data.profiles?.roles.find((role) => role.name === selection.selected);
  // The selected role's session, if it has one now.
  const session = data.sessions.find((candidate) => candidate.profile === selection.selected);
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
        <section key={base.name} className="base-profile">
          <IdentityCard profile={base.name} title={`${base.name} (your keys)`} version={refreshes} />
          <HeldKeysActions base={base} />
        </section>
      ))}
      {bases.length === 0 && (
        <p className="muted">No profile in your credentials file holds keys, so there is no base identity.</p>
      )}
      <AddKeysForm />
    </aside>
  );
}
