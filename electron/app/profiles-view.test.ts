import { expect, it } from 'vitest';
import { memoryStore, testRole } from '../../test-support/handoff-fixtures';
import { ProfileMetadataStore } from '../core/profiles/profile-metadata';
import { toProfilesView } from './profiles-view';

// The profiles as the UI sees them: a role's region is the AWS CLI's, and where the CLI has none
// the view says which region RoleTray uses and why.

it("shows the CLI's region, and for a role without one the region RoleTray uses and why", () => {
  const view = toProfilesView(
    {
      loaded: {
        configFile: 'c',
        credentialsFile: 'k',
        profiles: [testRole('own', { region: 'eu-west-1' }), testRole('none')],
        warnings: [],
      },
    },
    new ProfileMetadataStore(memoryStore()),
  );
  const [own, none] = view.roles;
  expect(own).toMatchObject({ region: 'eu-west-1' });
  expect(own).not.toHaveProperty('defaultRegion');
  expect(none).not.toHaveProperty('region');
  expect(none!.defaultRegion).toEqual({
    region: 'us-east-1',
    why: "The profile sets no region, so the AWS CLI has none for it (it calls the global STS endpoint). RoleTray needs one for STS and S3 and uses us-east-1, the AWS SDKs' default.",
  });
});

it('lists SSO profiles and the roles chained from them as not usable yet, in file order, until sign-in lands', () => {
  const login = {
    startUrl: 'https://d-1234567890.awsapps.com/start',
    region: 'eu-west-1',
    accountId: '123456789012',
    roleName: 'ReadOnly',
    tokenCacheKey: 'https://d-1234567890.awsapps.com/start',
  };
  const view = toProfilesView(
    {
      loaded: {
        configFile: 'c',
        credentialsFile: 'k',
        profiles: [
          testRole('admin', { chain: ['admin', 'dev'] }),
          { kind: 'sso', name: 'dev', sso: login },
          { kind: 'unusable', name: 'broken', reason: 'x.' },
          testRole('hybrid', { chain: ['hybrid'], sourceSso: { profile: 'hybrid', login } }),
          testRole('plain', { chain: ['plain', 'keys'] }),
          { kind: 'keys', name: 'keys', accessKeyId: 'AKIA', secretAccessKey: 's' },
        ],
        warnings: [],
      },
    },
    new ProfileMetadataStore(memoryStore()),
  );
  expect(view.roles.map((role) => role.name)).toEqual(['plain']);
  expect(view.bases.map((base) => base.name)).toEqual(['keys']);
  expect(view.unusable).toEqual([
    {
      name: 'admin',
      reason:
        'its source profile dev signs in to IAM Identity Center: not usable yet: sign-in arrives with Identity Center support.',
      roleArn: 'arn:aws:iam::123456789012:role/admin',
    },
    {
      name: 'dev',
      reason:
        'it signs in to IAM Identity Center: not usable yet: sign-in arrives with Identity Center support.',
    },
    { name: 'broken', reason: 'x.' },
    {
      name: 'hybrid',
      reason:
        'its source profile hybrid signs in to IAM Identity Center: not usable yet: sign-in arrives with Identity Center support.',
      roleArn: 'arn:aws:iam::123456789012:role/hybrid',
    },
  ]);
});
