import { expect, it } from 'vitest';
import { testRole } from '../../../test-support/handoff-fixtures';
import { isRoleTrayError } from '../errors';
import { profileDirectory } from '../profiles/profile-directory';
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
const resolver = (profiles: Profile[]): RootResolver => ({
  profiles: profileDirectory(() => profiles),
  env: {},
  process: () => {
    throw new Error('no process here');
  },
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
