import type { IdentityCenterView } from '../../../shared/profiles-view';
import { useIdentityCenter } from '../hooks/useIdentityCenter';
import { useNow } from '../hooks/useNow';
import { formatTimeLeft } from '../lib/time-left';
import { CopyButton } from './CopyButton';
import { ErrorText } from './ErrorText';

interface IdentityCenterPanelProps {
  instances: readonly IdentityCenterView[];
}

/**
 * One group per IAM Identity Center sign-in the roles need: sign in (browser or code), the code
 * while it waits, sign out. Groups rather than list items: the page's list items are the roles.
 */
export function IdentityCenterPanel({ instances }: IdentityCenterPanelProps) {
  const center = useIdentityCenter();
  const now = useNow(1000, instances.length > 0);
  if (instances.length === 0) return null;
  return (
    <section className="identity-center" aria-labelledby="identity-center-title">
      <h3 id="identity-center-title">IAM Identity Center</h3>
      {instances.map((instance) => {
        const status = center.statuses.find((candidate) => candidate.instance === instance.instance);
        const code = center.deviceCodes[instance.instance];
        const error = center.errors[instance.instance];
        const { profile } = instance;
        return (
          <div
            key={instance.instance}
            className="identity-center-instance"
            role="group"
            aria-labelledby={`sign-in-${instance.instance}`}
          >
            <p>
              <strong id={`sign-in-${instance.instance}`}>{instance.session ?? instance.startUrl}</strong>{' '}
              <span className="muted">{instance.startUrl}</span>
            </p>
            {status?.signedIn ? (
              <p role="status">
                Signed in
                {status.expiresAt !== undefined &&
                  (status.refreshable
                    ? `; renewed by RoleTray (token for ${formatTimeLeft(status.expiresAt - now)})`
                    : `; ends in ${formatTimeLeft(status.expiresAt - now)}`)}
                .{' '}
                <button
                  type="button"
                  className="button-small"
                  onClick={() => void center.signOut(instance.instance, profile)}
                >
                  Sign out
                </button>
              </p>
            ) : status?.signingIn ? (
              <p role="status">
                Waiting for the sign-in to finish…{' '}
                <button type="button" className="button-small" onClick={() => void center.cancel(profile)}>
                  Cancel
                </button>
              </p>
            ) : (
              <p>
                <button
                  type="button"
                  className="button-primary"
                  onClick={() => void center.signIn(instance.instance, profile, 'browser')}
                >
                  Sign in
                </button>{' '}
                <button
                  type="button"
                  className="button-quiet"
                  onClick={() => void center.signIn(instance.instance, profile, 'device')}
                >
                  Sign in with a code
                </button>
              </p>
            )}
            {code && (
              <div className="device-code" aria-live="polite">
                <p>
                  Enter this code at <code>{code.verificationUri}</code>:
                </p>
                <p className="device-code-value" aria-label="Sign-in code">
                  <code>{code.userCode}</code>
                </p>
                <p>
                  <CopyButton what="code" value={code.userCode} />{' '}
                  <button
                    type="button"
                    className="button-small"
                    onClick={() => void center.openDevicePage(profile)}
                  >
                    Open the page
                  </button>{' '}
                  <span className="muted">expires in {formatTimeLeft(code.expiresAt - now)}</span>
                </p>
              </div>
            )}
            {status?.problem && <p className="muted">{status.problem}</p>}
            {error && <ErrorText error={error} />}
          </div>
        );
      })}
    </section>
  );
}
