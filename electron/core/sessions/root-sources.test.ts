import { expect, it } from 'vitest';
import { testRole } from '../../../test-support/handoff-fixtures';
import { profileDirectory } from '../profiles/profile-directory';
import type { HeldKeysReader, HeldKeysRecord } from '../held-keys-store';
import type { Profile, SsoLogin } from '../profiles/profiles';
import { rootSourceOf, type RootResolver } from './root-sources';

// Roots of role chains: keys RoleTray holds, and IAM Identity Center (a listed SSO profile or a
// source's SSO settings).

const login: SsoLogin = {
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'eu-west-1',
  accountId: '123456789012',
  roleName: 'ReadOnly',
  tokenCacheKey: 'corp',
};
const resolver = (profiles: Profile[], held: HeldKeysReader = heldStore([])): RootResolver => ({
  profiles: profileDirectory(() => profiles),
  env: {},
  process: () => {
    throw new Error('no process here');
  },
  held,
  sso: () => {
    throw new Error('no IAM Identity Center here');
  },
});

function heldStore(records: HeldKeysRecord[], reason?: string): HeldKeysReader {
  return {
    availability: reason ? { available: false, reason } : { available: true, backend: 'test' },
    get: (profile) => records.find((record) => record.profile === profile),
  };
}

it('roots a chain in keys RoleTray holds, read at each call, and says why when it holds none', async () => {
  const role = testRole('admin', { chain: ['admin', 'dev'], source: { kind: 'profile', profile: 'dev' } });
  const dev: Profile = { kind: 'held', name: 'dev', command: 'roletray-credentials dev' };
  const record: HeldKeysRecord = {
    profile: 'dev',
    keys: { accessKeyId: 'AKIAHELD', secretAccessKey: 'held-secret' },
    userArn: 'arn:aws:iam::210987654321:user/Tyler-Dev',
    heldSince: 0,
    createdConfigSection: false,
  };
  const records = [record];
  const root = rootSourceOf(role, resolver([role, dev], heldStore(records)));
  expect(root).toMatchObject({ name: 'dev', origin: 'keys', temporary: false });
  expect(await root.credentials()).toEqual({ accessKeyId: 'AKIAHELD', secretAccessKey: 'held-secret' });
  // A rotation replaces the record: the next call gets the new pair.
  records[0] = { ...record, keys: { accessKeyId: 'AKIANEW', secretAccessKey: 'new-secret' } };
  expect((await root.credentials()).accessKeyId).toBe('AKIANEW');
  records.length = 0;
  await expect(root.credentials()).rejects.toThrow(
    /Profile dev asks RoleTray for its keys .* but RoleTray holds none for it/,
  );
  const locked = rootSourceOf(role, resolver([role, dev], heldStore([], 'the keychain is locked.')));
  await expect(locked.credentials()).rejects.toThrow(
    'Profile dev asks RoleTray for its keys, which it cannot read here: the keychain is locked.',
  );
});

it("roots a chain in IAM Identity Center, listed or carried, with the requested profile's endpoints first", () => {
  const listed = testRole('admin', { ssoEndpoint: 'http://portal.requested' });
  const sso: Profile = {
    kind: 'sso',
    name: 'dev',
    sso: login,
    ssoEndpoint: 'http://portal.own',
    ssoOidcEndpoint: 'http://oidc.own',
  };
  const carried = testRole('hybrid', {
    chain: ['hybrid'],
    source: { kind: 'profile', profile: 'hybrid' },
    sourceSso: { profile: 'hybrid', login: { ...login, roleName: 'Carried' } },
  });
  const asked: unknown[] = [];
  const withSso: RootResolver = {
    ...resolver([listed, sso, carried]),
    sso: (profile, ssoLogin, endpoints) => {
      asked.push({ profile, roleName: ssoLogin.roleName, endpoints });
      return {
        name: profile,
        origin: 'sso',
        temporary: true,
        credentials: () => Promise.reject(new Error('unused')),
      };
    },
  };
  expect(rootSourceOf(listed, withSso)).toMatchObject({ name: 'dev', origin: 'sso', temporary: true });
  expect(rootSourceOf(carried, withSso)).toMatchObject({ name: 'hybrid', origin: 'sso' });
  expect(asked).toEqual([
    {
      profile: 'dev',
      roleName: 'ReadOnly',
      endpoints: { ssoEndpoint: 'http://portal.requested', ssoOidcEndpoint: 'http://oidc.own' },
    },
    { profile: 'hybrid', roleName: 'Carried', endpoints: {} },
  ]);
});

it('hands out an SSO profile where a usable one is asked for, and refuses to take it for a config role', () => {
  const directory = profileDirectory(() => [{ kind: 'sso', name: 'dev', sso: login }]);
  expect(directory.usable('dev').kind).toBe('sso');
  expect(() => directory.role('dev')).toThrow(
    'Profile dev is an IAM Identity Center role, not a role: there is nothing to assume.',
  );
});
