import { expect, it } from 'vitest';
import { testRole } from '../../../test-support/handoff-fixtures';
import { isRoleTrayError } from '../errors';
import { profileDirectory } from '../profiles/profile-directory';
import type { HeldKeysReader, HeldKeysRecord } from '../held-keys-store';
import type { Profile, SsoLogin } from '../profiles/profiles';
import { rootSourceOf, type RootResolver } from './root-sources';

// Roots that RoleTray cannot sign in to yet: a chain rooted in IAM Identity Center says so in a
// sentence instead of "has no keys".

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

it('refuses a chain rooted in an SSO profile, listed or carried, naming the source', () => {
  const listed = testRole('admin');
  const sso: Profile = { kind: 'sso', name: 'dev', sso: login };
  const carried = testRole('hybrid', {
    chain: ['hybrid'],
    source: { kind: 'profile', profile: 'hybrid' },
    sourceSso: { profile: 'hybrid', login },
  });
  for (const [role, source] of [
    [listed, 'dev'],
    [carried, 'hybrid'],
  ] as const) {
    let thrown: unknown;
    try {
      rootSourceOf(role, resolver([role, sso, carried]));
    } catch (error) {
      thrown = error;
    }
    expect(isRoleTrayError(thrown, 'SourceCredentialsMissing')).toBe(true);
    expect((thrown as Error).message).toBe(
      `RoleTray cannot use profile ${role.name}: its source profile ${source} signs in to IAM Identity Center: not usable yet: sign-in arrives with Identity Center support.`,
    );
  }
});

it('refuses an SSO profile where a usable one is asked for', () => {
  const directory = profileDirectory(() => [{ kind: 'sso', name: 'dev', sso: login }]);
  expect(() => directory.usable('dev')).toThrow(
    'RoleTray cannot use profile dev: it signs in to IAM Identity Center: not usable yet: sign-in arrives with Identity Center support.',
  );
});
