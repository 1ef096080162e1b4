import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAwsFiles, type SandboxDescription } from '../src/aws-files';
import { DEV, PROD, startTestSandbox, type TestSandbox } from '../../test-support/sandbox';

// The Identity Center part of what the sandbox writes: the [sso-session] and SSO profiles (only
// when asked, so the preview's config stays the one its specs know), the chained config role, and
// sandbox.json's endpoints and instance, read back with the SDK's own INI loader.

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ identityCenterProfiles: true });
});
afterAll(() => t.stop());

describe('the config with identityCenterProfiles', () => {
  it('has the sso-session and the SSO profiles, each with the sandbox endpoint', async () => {
    const { configFile } = await loadSharedConfigFiles({
      filepath: t.description.credentialsFile,
      configFilepath: t.description.configFile,
    });
    const endpoint = t.sandbox.endpoint;
    expect(configFile['sso-dev']).toEqual({
      sso_session: 'roletray-sandbox',
      sso_account_id: DEV,
      sso_role_name: 'DeveloperAccess',
      region: 'us-east-1',
      endpoint_url: endpoint,
    });
    expect(configFile['sso-prod-read-only']).toMatchObject({
      sso_session: 'roletray-sandbox',
      sso_account_id: PROD,
      sso_role_name: 'ReadOnlyAccess',
    });
    expect(configFile['sso-legacy-dev-read-only']).toEqual({
      sso_start_url: 'https://d-9067c1a2b3.awsapps.com/start',
      sso_region: 'eu-west-1',
      sso_account_id: DEV,
      sso_role_name: 'ReadOnlyAccess',
      region: 'us-east-1',
      endpoint_url: endpoint,
    });
    expect(configFile['sso-prod-via-dev']).toEqual({
      role_arn: `arn:aws:iam::${PROD}:role/ProdReadOnly-FromSso`,
      source_profile: 'sso-dev',
      region: 'us-east-1',
      endpoint_url: endpoint,
    });
    const sessions = await loadSsoSessionData({ configFilepath: t.description.configFile });
    expect(sessions['roletray-sandbox']).toEqual({
      sso_start_url: 'https://d-9067c1a2b3.awsapps.com/start',
      sso_region: 'eu-west-1',
      sso_registration_scopes: 'sso:account:access',
    });
  });

  it('leaves them out unless asked, as the preview does', () => {
    const plain = renderAwsFiles(t.sandbox, t.awsDir, { webIdentityProfiles: true }).config;
    expect(plain).not.toContain('sso');
    expect(plain).toContain('[profile prod-read-only]');
  });
});

describe('sandbox.json', () => {
  it('lists every endpoint by service and the Identity Center instance', async () => {
    const written = JSON.parse(await readFile(join(t.awsDir, 'sandbox.json'), 'utf8')) as SandboxDescription;
    const endpoint = t.sandbox.endpoint;
    expect(written.endpoints).toEqual({
      sts: endpoint,
      s3: endpoint,
      iam: endpoint,
      ssoOidc: endpoint,
      sso: endpoint,
      federation: `${endpoint}/federation`,
    });
    expect(written.identityCenter).toEqual({
      startUrl: 'https://d-9067c1a2b3.awsapps.com/start',
      region: 'eu-west-1',
      ssoSession: 'roletray-sandbox',
      users: [
        {
          userName: 'tyler.dev@acme.example',
          password: t.sandbox.scenario.identityCenter!.users[0]!.password,
        },
      ],
      accountCount: 302,
    });
    expect(written.profiles).toEqual(
      expect.arrayContaining([
        'sso-dev',
        'sso-prod-read-only',
        'sso-legacy-dev-read-only',
        'sso-prod-via-dev',
      ]),
    );
  });
});
