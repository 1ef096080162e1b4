import { useEffect, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { SsoInstanceView } from '../../../shared/sso-accounts-view';
import { useRoleTrayEvent } from '../hooks/useRoleTrayEvent';
import { request } from '../lib/roletray-client';
import { applyDiscoveryEvent, matchingAccounts } from '../lib/sso-accounts';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { ErrorText } from './ErrorText';
import './sso-accounts.css';
import { SsoProfilesTemplate } from './SsoProfilesTemplate';

// IAM Identity Center's accounts and roles below the config's roles: one collapsible group per
// account, filled in as a refresh finds them, each role with the profile that uses it, and the
// switch that keeps them as profiles in the AWS config. The last list is shown as soon as the page
// asks (main keeps it), while the refresh a sign-in starts runs; signed out, it says so.

export function SsoAccounts({ query }: { query: string }) {
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
          {matchingAccounts(instance.accounts, query).map((account) => (
            <details key={account.accountId} className="account-group">
              <summary className="account-heading">
                <span>{account.accountName}</span> <span className="account-id">{account.accountId}</span>
              </summary>
              <ul aria-label={`Roles in ${account.accountName}`}>
                {account.roles.map((role) => (
                  <li key={role.roleName}>
                    {role.roleName} <span className="muted">{role.profile}</span>
                    {role.inConfig && <span className="muted"> (in your config)</span>}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      ))}
    </section>
  );
}

const accountCount = (count: number) =>
  count === 1 ? '1 account' : `${count.toLocaleString('en-US')} accounts`;
