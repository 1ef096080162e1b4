import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSignedInSandbox, type SignedInSandbox } from '../../../test-support/sso-signed-in';
import { loadProfiles } from '../profiles/profile-loader';
import type { Profile } from '../profiles/profiles';
import type { Discovery } from './discovery-cache';
import { discoveredProfiles, profileName, DEFAULT_NAME_TEMPLATE } from './discovered-profiles';

// The sandbox's accounts and roles as profiles after its own config's (sso-dev, sso-prod-read-only
// and the legacy sso-legacy-dev-read-only name three of them): each role once, named by the
// template, unique, none taking a config name, each signing in as the config's sso-session does.

let s: SignedInSandbox;
let config: Profile[];
let discovery: Discovery;
beforeAll(async () => {
  s = await startSignedInSandbox({ identityCenterProfiles: true });
  const env = {
    AWS_CONFIG_FILE: join(s.t.awsDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(s.t.awsDir, 'credentials'),
  };
  config = (await loadProfiles({ env, homeDir: s.t.awsDir })).profiles;
  discovery = { startUrl: s.startUrl, discoveredAt: 0, accounts: s.expectedAccounts() };
});
afterAll(() => s.t.stop());

const key = (accountId: string, roleName: string) => `${accountId}/${roleName}`;

it('lists every role the config does not already name, once, after the config’s profiles', () => {
  const configured = new Set(
    config.flatMap((profile) =>
      profile.kind === 'sso' ? [key(profile.sso.accountId, profile.sso.roleName)] : [],
    ),
  );
  expect(configured.size).toBeGreaterThan(0);
  const all = discovery.accounts.flatMap((account) =>
    account.roles.map((role) => key(account.accountId, role)),
  );
  const listed = discoveredProfiles(config, [discovery]);
  expect(listed.map((profile) => key(profile.sso.accountId, profile.sso.roleName)).sort()).toEqual(
    all.filter((role) => !configured.has(role)).sort(),
  );
  const names = listed.map((profile) => profile.name);
  expect(new Set(names).size).toBe(names.length);
  for (const profile of config) expect(names).not.toContain(profile.name);
});

it('names each by the template and signs in as the instance’s sso-session profile', () => {
  const base = config.find((profile) => profile.kind === 'sso' && profile.sso.session)!;
  expect(base.kind).toBe('sso');
  for (const profile of discoveredProfiles(config, [discovery])) {
    const account = discovery.accounts.find((candidate) => candidate.accountId === profile.sso.accountId)!;
    expect(profile.name).toMatch(
      new RegExp(
        `^${profileName(DEFAULT_NAME_TEMPLATE, { ...account, roleName: profile.sso.roleName })}(-\\d+)?$`,
      ),
    );
    expect(profile.name).toBe(profile.name.toLowerCase());
    if (base.kind !== 'sso') continue;
    expect(profile.sso.session).toEqual(base.sso.session);
    expect(profile.sso.tokenCacheKey).toBe(base.sso.tokenCacheKey);
    expect(profile.ssoEndpoint).toBe(base.ssoEndpoint);
  }
});

it('takes another template, and lists nothing for an instance the config has no SSO profile of', () => {
  const byId = discoveredProfiles(config, [discovery], '{accountId}-{role}');
  for (const profile of byId)
    expect(profile.name.startsWith(`${profile.sso.accountId}-${profile.sso.roleName.toLowerCase()}`)).toBe(
      true,
    );
  expect(discoveredProfiles(config, [{ ...discovery, startUrl: 'https://other.awsapps.com/start' }])).toEqual(
    [],
  );
});

it('gives the name a config profile holds a suffix, not the config’s profile', () => {
  const [first] = discoveredProfiles(config, [discovery]);
  const clash: Profile = { kind: 'unusable', name: first!.name, reason: 'the user’s own' };
  const again = discoveredProfiles([...config, clash], [discovery]);
  expect(again.find((profile) => profile.name === first!.name)).toBeUndefined();
  expect(again.find((profile) => profile.name === `${first!.name}-2`)?.sso.roleName).toBe(
    first!.sso.roleName,
  );
});
