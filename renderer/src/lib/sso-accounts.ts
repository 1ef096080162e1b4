import type { SsoDiscoveryEvent, SsoInstanceView } from '../../../shared/sso-accounts-view';

// The Identity Center instances on screen, kept up to date by main's `sso:discovery` events: an
// instance event replaces that instance; an account event (a refresh under way) puts the account
// in place, so the list fills in as the roles arrive and the cached entries stay until replaced.

export function applyDiscoveryEvent(
  instances: readonly SsoInstanceView[],
  event: SsoDiscoveryEvent,
): SsoInstanceView[] {
  if (event.kind === 'instance') {
    const known = instances.some((instance) => instance.startUrl === event.instance.startUrl);
    return known
      ? instances.map((instance) =>
          instance.startUrl === event.instance.startUrl ? event.instance : instance,
        )
      : [...instances, event.instance];
  }
  return instances.map((instance) => {
    if (instance.startUrl !== event.startUrl) return instance;
    const at = instance.accounts.findIndex((account) => account.accountId === event.account.accountId);
    const accounts =
      at === -1
        ? [...instance.accounts, event.account]
        : instance.accounts.map((account, index) => (index === at ? event.account : account));
    return { ...instance, accounts };
  });
}
