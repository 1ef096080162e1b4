import { expect, it } from 'vitest';
import type { SsoAccountView, SsoInstanceView } from '../../../shared/sso-accounts-view';
import { applyDiscoveryEvent } from './sso-accounts';

const START = 'https://d-9067c1a2b3.awsapps.com/start';
const account = (accountId: string, accountName: string, roles: string[]): SsoAccountView => ({
  accountId,
  accountName,
  roles: roles.map((roleName) => ({
    roleName,
    profile: `${accountName}.${roleName}`.toLowerCase(),
    inConfig: false,
  })),
});
const instance = (accounts: SsoAccountView[], extra: Partial<SsoInstanceView> = {}): SsoInstanceView => ({
  startUrl: START,
  region: 'eu-west-1',
  accounts,
  refreshing: false,
  writeProfiles: { enabled: false, template: '{account}.{role}' },
  ...extra,
});
const DEV = account('210987654321', 'Dev', ['DeveloperAccess', 'ReadOnlyAccess']);
const PROD = account('123456789012', 'Prod', ['ReadOnlyAccess']);

it('fills the list in as accounts arrive, replacing a cached account in place', () => {
  let shown = applyDiscoveryEvent([], {
    kind: 'instance',
    instance: instance([DEV, PROD], { refreshing: true }),
  });
  const devNow = account('210987654321', 'Dev', ['ReadOnlyAccess']);
  shown = applyDiscoveryEvent(shown, {
    kind: 'account',
    startUrl: START,
    account: devNow,
    found: 1,
    total: 3,
  });
  const ops = account('111122223333', 'Ops', ['AdministratorAccess']);
  shown = applyDiscoveryEvent(shown, { kind: 'account', startUrl: START, account: ops, found: 2, total: 3 });
  expect(shown[0]!.accounts).toEqual([devNow, PROD, ops]);
  expect(shown[0]!.refreshing).toBe(true);
  // The finished instance replaces what was pieced together (Prod no longer assigned, say).
  shown = applyDiscoveryEvent(shown, { kind: 'instance', instance: instance([devNow, ops]) });
  expect(shown).toEqual([instance([devNow, ops])]);
});

it('leaves other instances alone', () => {
  const other = instance([PROD], { startUrl: 'https://other.awsapps.com/start' });
  const shown = applyDiscoveryEvent([other, instance([])], {
    kind: 'account',
    startUrl: START,
    account: DEV,
    found: 1,
    total: 1,
  });
  expect(shown).toEqual([other, instance([DEV])]);
});
