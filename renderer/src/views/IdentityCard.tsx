import { useEffect, useId } from 'react';
import { useRequest } from '../hooks/useRequest';
import { useRoleTray } from '../state/RoleTrayContext';
import { CopyButton } from './CopyButton';
import { ErrorText } from './ErrorText';

interface IdentityCardProps {
  profile: string;
  /** Shown as the card's heading, e.g. "dev (your keys)". */
  title: string;
  /** Changes when the identity should be asked for again. */
  version: string | number;
}

/** Who a profile makes you, as GetCallerIdentity says: account, ARN and user id, each copyable. */
export function IdentityCard({ profile, title, version }: IdentityCardProps) {
  const headingId = useId();
  // GetCallerIdentity for the profile: its keys, or its role's current session.
  const { actions } = useRoleTray();
  const { reportUnreachable, retries } = actions;
  const {
    loading,
    value: identity,
    error,
  } = useRequest('identity:get', { profile }, `${version}:${retries}`);
  // An endpoint that did not answer is the window's one notice, not a copy of it on every card.
  const what = `${profile}'s identity`;
  useEffect(() => reportUnreachable(what, error), [reportUnreachable, what, error]);
  useEffect(() => () => reportUnreachable(what), [reportUnreachable, what]);
  return (
    <section className="identity-card" aria-labelledby={headingId} aria-busy={loading}>
      <h3 id={headingId}>{title}</h3>
      {loading && <p className="muted">Asking AWS who {profile} is…</p>}
      {error && !error.unreachable && <ErrorText error={error} />}
      {error?.unreachable && <p className="muted">Not reached: see the notice above.</p>}
      {identity && (
        <dl className="identity-fields">
          <div>
            <dt>Account</dt>
            <dd>
              <code>{identity.account}</code>
              <CopyButton what="account ID" value={identity.account} />
            </dd>
          </div>
          <div>
            <dt>ARN</dt>
            <dd>
              <code className="wrap">{identity.arn}</code>
              <CopyButton what="ARN" value={identity.arn} />
            </dd>
          </div>
          <div>
            <dt>User ID</dt>
            <dd>
              <code className="wrap">{identity.userId}</code>
              <CopyButton what="user ID" value={identity.userId} />
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
