import { useEffect, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { SsoInstanceView } from '../../../shared/sso-accounts-view';
import { useRoleTrayEvent } from '../hooks/useRoleTrayEvent';
import { request } from '../lib/roletray-client';
import { applyDiscoveryEvent } from '../lib/sso-accounts';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { ErrorText } from './ErrorText';
import './sso-accounts.css';
import { SsoProfilesTemplate } from './SsoProfilesTemplate';

// IAM Identity Center's accounts below the roles: how many a refresh found (counted as they
// arrive), Refresh, and the switch that keeps them as profiles in the AWS config. Their roles are
// in the roles list itself (main lists the discovered ones after the config's, headed by account
// name), so they scroll, filter and assume like any other. The last list shows as soon as the
// page asks (main keeps it) while the refresh a sign-in starts runs; signed out, it says so.

export function SsoAccounts() {
  const api = useRoleTrayApi();
  const [instances, setInstances] = useState<SsoInstanceView[]>([]);
  const [failure, setFailure] = useState<RoleTrayErrorInfo | undefined>();
  useEffect(() => {
    if (!api) return;
    void request(api, 'sso:instances').then((result) => {
      if (result.ok) setInstances(result.value);
      else setFailure(result.error);
    });
  }, [api]);
  useRoleTrayEvent('sso:discovery', (event) => setInstances((shown) => applyDiscoveryEvent(shown, event)));
  if (!api || (instances.length === 0 && !failure)) return null;

  const answered = (result: { ok: boolean; error?: RoleTrayErrorInfo }) =>
    setFailure(result.ok ? undefined : result.error);
  return (
    <section className="sso-accounts" aria-labelledby="sso-accounts-title">
      <h3 id="sso-accounts-title">IAM Identity Center</h3>
      {failure && <ErrorText error={failure} onDismiss={() => setFailure(undefined)} />}
      {instances.map((instance) => (
        <section
          key={instance.startUrl}
          className="sso-instance"
          aria-label={`Accounts of ${instance.startUrl}`}
        >
          <p className="muted" role="status">
            {instance.startUrl}: {accountCount(instance.accounts.length)}
            {instance.refreshing ? ', refreshing…' : ''}
          </p>
          {instance.accounts.length > 0 && (
            <p className="muted">
              {roleCount(instance.accounts.reduce((sum, account) => sum + account.roles.length, 0))} in the
              list above, under each account&apos;s name.
            </p>
          )}
          {instance.signedIn === false && (
            <p className="sso-signed-out">
              Signed out of {instance.startUrl}: sign in again above to refresh these accounts.
            </p>
          )}
          {instance.error && <ErrorText error={instance.error} />}
          <button
            type="button"
            disabled={instance.refreshing}
            onClick={() => void request(api, 'sso:discover', { startUrl: instance.startUrl }).then(answered)}
          >
            Refresh accounts
          </button>
          <SsoProfilesTemplate
            instance={instance}
            save={(template, enabled) =>
              request(api, 'sso:write-profiles', { startUrl: instance.startUrl, template, enabled }).then(
                answered,
              )
            }
          />
        </section>
      ))}
    </section>
  );
}

const accountCount = (count: number) =>
  count === 1 ? '1 account' : `${count.toLocaleString('en-US')} accounts`;

const roleCount = (count: number) => (count === 1 ? '1 role' : `${count.toLocaleString('en-US')} roles`);
