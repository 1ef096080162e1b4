import { useState } from 'react';
import type { IdentityCenterView } from '../../../shared/profiles-view';
import { useIdentityCenter } from '../hooks/useIdentityCenter';
import { useNow } from '../hooks/useNow';
import { signInSummary } from '../lib/sign-in-summary';
import { IdentityCenterSignIn } from './IdentityCenterSignIn';

interface IdentityCenterPanelProps {
  instances: readonly IdentityCenterView[];
}

/**
 * The IAM Identity Center sign-ins the roles need, folded to one line above the search so the roles
 * keep the window (an SSO role's Assume signs in by itself). It unfolds when a sign-in needs the
 * user: a device code to enter, a wait, an error, a token file without a token.
 */
export function IdentityCenterPanel({ instances }: IdentityCenterPanelProps) {
  const center = useIdentityCenter();
  const [open, setOpen] = useState(false);
  const attention = instances.some(
    ({ instance }) =>
      center.deviceCodes[instance] !== undefined ||
      center.errors[instance] !== undefined ||
      center.statuses.some(
        (status) => status.instance === instance && (status.signingIn || !!status.problem),
      ),
  );
  // Unfolded while a sign-in needs the user, whatever the toggle says.
  const expanded = open || attention;
  const now = useNow(1000, instances.length > 0 && expanded);
  if (instances.length === 0) return null;
  return (
    <section className="identity-center" aria-labelledby="identity-center-title">
      <h3 id="identity-center-title" className="identity-center-title">
        <button
          type="button"
          className="identity-center-toggle"
          aria-expanded={expanded}
          aria-controls="identity-center-sign-ins"
          onClick={() => setOpen(!expanded)}
        >
          <span className="account-chevron" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>{' '}
          IAM Identity Center sign-in
        </button>{' '}
        <span className="muted">
          {signInSummary(
            instances.map(({ instance }) => center.statuses.find((status) => status.instance === instance)),
          )}
        </span>
      </h3>
      {expanded && (
        <div id="identity-center-sign-ins">
          {instances.map((instance) => (
            <IdentityCenterSignIn key={instance.instance} instance={instance} center={center} now={now} />
          ))}
        </div>
      )}
    </section>
  );
}
