import type { IdentityCenterView } from '../../../shared/profiles-view';
import type { IdentityCenter } from '../hooks/useIdentityCenter';
import { formatTimeLeft } from '../lib/time-left';
import { CopyButton } from './CopyButton';
import { ErrorText } from './ErrorText';

interface IdentityCenterSignInProps {
  instance: IdentityCenterView;
  center: IdentityCenter;
  now: number;
}

/** The short name a legacy sign-in goes by: its start URL's directory id (d-…), the URL in the title. */
export function signInName(instance: IdentityCenterView): string {
  if (instance.session) return instance.session;
  try {
    return new URL(instance.startUrl).hostname.split('.')[0] || instance.startUrl;
  } catch {
    return instance.startUrl;
  }
}

/**
 * One IAM Identity Center sign-in on one line: its name, then sign in (browser or code), the wait,
 * or signed in with sign out; the device code below it while one waits. A group rather than a list
 * item: the page's list items are the roles.
 */
export function IdentityCenterSignIn({ instance, center, now }: IdentityCenterSignInProps) {
  const status = center.statuses.find((candidate) => candidate.instance === instance.instance);
  const code = center.deviceCodes[instance.instance];
  const error = center.errors[instance.instance];
  const { profile } = instance;
  const nameId = `sign-in-${instance.instance}`;
  return (
    <div className="identity-center-instance" role="group" aria-labelledby={nameId}>
      <p className="identity-center-line">
        <strong id={nameId} title={instance.startUrl}>
          {signInName(instance)}
        </strong>
        {status?.signedIn ? (
          <>
            <span role="status">
              Signed in
              {status.expiresAt !== undefined &&
                (status.refreshable
                  ? `; renewed by RoleTray (token for ${formatTimeLeft(status.expiresAt - now)})`
                  : `; ends in ${formatTimeLeft(status.expiresAt - now)}`)}
              .
            </span>
            <button
              type="button"
              className="button-small"
              onClick={() => void center.signOut(instance.instance, profile)}
            >
              Sign out
            </button>
          </>
        ) : status?.signingIn ? (
          <>
            <span role="status">Waiting for the sign-in to finish…</span>
            <button type="button" className="button-small" onClick={() => void center.cancel(profile)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button-primary button-small"
              onClick={() => void center.signIn(instance.instance, profile, 'browser')}
            >
              Sign in
            </button>
            <button
              type="button"
              className="button-quiet button-small"
              onClick={() => void center.signIn(instance.instance, profile, 'device')}
            >
              Sign in with a code
            </button>
          </>
        )}
      </p>
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
}
