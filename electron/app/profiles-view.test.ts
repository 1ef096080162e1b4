import { expect, it } from 'vitest';
import { memoryStore, testRole } from '../../test-support/handoff-fixtures';
import { ProfileMetadataStore } from '../core/profiles/profile-metadata';
import type { HeldKeysReader } from '../core/held-keys-store';
import { toProfilesView } from './profiles-view';

const noHeldKeys: HeldKeysReader = {
  availability: { available: false, reason: 'no keychain in this test.' },
  get: () => undefined,
};

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
    noHeldKeys,
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

it('lists SSO profiles and the roles chained from them as roles, each naming its sign-in, one per instance', () => {
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
          { kind: 'sso', name: 'dev', sso: login, region: 'us-west-2' },
          { kind: 'unusable', name: 'broken', reason: 'x.' },
          testRole('hybrid', { chain: ['hybrid'], sourceSso: { profile: 'hybrid', login } }),
          testRole('plain', { chain: ['plain', 'keys'] }),
          { kind: 'keys', name: 'keys', file: 'credentials', accessKeyId: 'AKIA', secretAccessKey: 's' },
        ],
        warnings: [],
      },
    },
    new ProfileMetadataStore(memoryStore()),
    noHeldKeys,
    { '123456789012': 'prod' },
  );
  const signIn = { instance: login.tokenCacheKey, startUrl: login.startUrl };
  expect(view.roles.map((role) => [role.name, role.identityCenter])).toEqual([
    ['admin', signIn],
    ['dev', signIn],
    ['hybrid', signIn],
    ['plain', undefined],
  ]);
  expect(view.roles[1]).toMatchObject({
    roleArn: 'arn:aws:iam::123456789012:role/ReadOnly',
    accountId: '123456789012',
    accountAlias: 'prod',
    roleName: 'ReadOnly',
    region: 'us-west-2',
    chain: ['dev'],
  });
  expect(view.identityCenters).toEqual([
    { ...signIn, region: 'eu-west-1', profile: 'admin', refreshable: false },
  ]);
  expect(view.bases.map((base) => base.name)).toEqual(['keys']);
  expect(view.unusable).toEqual([{ name: 'broken', reason: 'x.' }]);
});

it('says where each base profile keeps its keys, and of held keys only a short id and the user', () => {
  const record = {
    profile: 'held',
    keys: { accessKeyId: 'AKIAHELDKEYEXAMPLE01', secretAccessKey: 'held-secret-never-shown' },
    userArn: 'arn:aws:iam::210987654321:user/Tyler-Dev',
    heldSince: 5,
    createdConfigSection: false,
    retired: { accessKeyId: 'AKIAOLD', secretAccessKey: 'old-secret' },
  };
  const view = toProfilesView(
    {
      loaded: {
        configFile: 'c',
        credentialsFile: 'k',
        profiles: [
          { kind: 'keys', name: 'file', file: 'credentials', accessKeyId: 'AKIAF', secretAccessKey: 'f' },
          { kind: 'keys', name: 'config', file: 'config', accessKeyId: 'AKIAC', secretAccessKey: 'c' },
          { kind: 'held', name: 'held', command: 'roletray-credentials held', region: 'eu-west-1' },
          { kind: 'process', name: 'vault', command: 'aws-vault export vault' },
        ],
        warnings: [],
      },
    },
    new ProfileMetadataStore(memoryStore()),
    {
      availability: { available: true, backend: 'test' },
      get: (name) => (name === 'held' ? record : undefined),
    },
  );
  expect(view.heldKeys).toEqual({ available: true });
  expect(view.bases).toEqual([
    { name: 'file', keys: 'credentials-file' },
    { name: 'config', keys: 'config-file' },
    {
      name: 'held',
      region: 'eu-west-1',
      keys: 'held',
      held: { keyId: 'AKIA…LE01', userArn: record.userArn, heldSince: 5, rotationUnfinished: true },
    },
    { name: 'vault', keys: 'process' },
  ]);
  expect(JSON.stringify(view)).not.toMatch(/secret|AKIAHELDKEYEXAMPLE01/);
});

it("carries a role's external id, so two roles of one name from different sources can be told apart", () => {
  const view = toProfilesView(
    {
      loaded: {
        configFile: 'c',
        credentialsFile: 'k',
        profiles: [testRole('with-id', { externalId: 'acme-audit-2026' }), testRole('without')],
        warnings: [],
      },
    },
    new ProfileMetadataStore(memoryStore()),
    noHeldKeys,
  );
  expect(view.roles[0]).toMatchObject({ externalId: 'acme-audit-2026' });
  expect(view.roles[1]).not.toHaveProperty('externalId');
});
