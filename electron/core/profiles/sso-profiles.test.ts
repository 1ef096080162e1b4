import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfiles } from './profile-loader';
import type { LoadedProfiles, Profile, RoleProfile, SsoProfile, UnusableProfile } from './profiles';

// IAM Identity Center profiles through the loader, in a temp home: sso-session sections, legacy
// profiles, botocore's refusals (worded as botocore words them, with the place), roles chained
// from SSO profiles, and the sso / sso-oidc endpoints.

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'roletray-sso-profiles-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const ini = (...lines: string[]) => `${lines.join('\n')}\n`;
const START = 'https://d-1234567890.awsapps.com/start';
const SESSION = ['[sso-session corp]', `sso_start_url = ${START}`, 'sso_region = eu-west-1'];
const SSO_ROLE = ['sso_account_id = 123456789012', 'sso_role_name = ReadOnly'];

async function load(
  config: string,
  env: Record<string, string> = {},
  credentials = '',
): Promise<LoadedProfiles> {
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(join(home, '.aws', 'config'), config);
  await writeFile(join(home, '.aws', 'credentials'), credentials);
  return loadProfiles({ env, homeDir: home });
}
function find(loaded: LoadedProfiles, name: string): Profile {
  const found = loaded.profiles.find((profile) => profile.name === name);
  if (!found) throw new Error(`no profile ${name}: ${JSON.stringify(loaded.profiles)}`);
  return found;
}
const sso = (loaded: LoadedProfiles, name: string) => {
  const found = find(loaded, name);
  expect(found.kind, JSON.stringify(found)).toBe('sso');
  return found as SsoProfile;
};
const reason = (loaded: LoadedProfiles, name: string) => {
  const found = find(loaded, name);
  expect(found.kind, JSON.stringify(found)).toBe('unusable');
  return (found as UnusableProfile).reason;
};

describe('SSO profiles', () => {
  it('reads an sso-session profile: the session, its scopes, the role, and the session name as cache key', async () => {
    const loaded = await load(
      ini(
        '[profile dev]',
        'sso_session = corp',
        ...SSO_ROLE,
        'region = us-east-2',
        '[sso-session corp]',
        `sso_start_url = ${START}`,
        'sso_region = eu-west-1',
        'sso_registration_scopes = sso:account:access, ,codewhisperer:completions ',
      ),
    );
    expect(sso(loaded, 'dev')).toEqual({
      kind: 'sso',
      name: 'dev',
      region: 'us-east-2',
      sso: {
        session: {
          name: 'corp',
          startUrl: START,
          region: 'eu-west-1',
          registrationScopes: ['sso:account:access', 'codewhisperer:completions'],
        },
        startUrl: START,
        region: 'eu-west-1',
        accountId: '123456789012',
        roleName: 'ReadOnly',
        tokenCacheKey: 'corp',
      },
    });
    expect(loaded.warnings).toEqual([]);
  });

  it('reads a legacy profile, keyed by its start URL as written (a trailing slash included)', async () => {
    const loaded = await load(
      ini('[profile old]', `sso_start_url = ${START}/`, 'sso_region = us-east-1', ...SSO_ROLE),
    );
    expect(sso(loaded, 'old').sso).toEqual({
      startUrl: `${START}/`,
      region: 'us-east-1',
      accountId: '123456789012',
      roleName: 'ReadOnly',
      tokenCacheKey: `${START}/`,
    });
  });

  it('allows the session keys on the profile when they are the same, and refuses a different one as botocore does', async () => {
    const loaded = await load(
      ini(
        '[profile same]',
        'sso_session = corp',
        `sso_start_url = ${START}`,
        'sso_region = eu-west-1',
        ...SSO_ROLE,
        '[profile other]',
        'sso_session = corp',
        'sso_region = us-east-1',
        ...SSO_ROLE,
        ...SESSION,
      ),
    );
    expect(sso(loaded, 'same').sso.session?.name).toBe('corp');
    expect(reason(loaded, 'other')).toBe(
      'The value for sso_region is inconsistent between profile (us-east-1) and sso-session (eu-west-1). (~/.aws/config line 9, and [sso-session corp] at ~/.aws/config line 12)',
    );
  });

  it('compares every key of the session, not only the SSO ones (botocore copies them all in)', async () => {
    const loaded = await load(
      ini(
        '[profile p]',
        'sso_session = corp',
        'region = us-east-1',
        ...SSO_ROLE,
        ...SESSION,
        'region = eu-west-1',
      ),
    );
    expect(reason(loaded, 'p')).toMatch(
      /^The value for region is inconsistent between profile \(us-east-1\) and sso-session \(eu-west-1\)\./,
    );
  });

  it('names the missing keys in botocore order, and a missing sso-session', async () => {
    const loaded = await load(
      ini(
        '[profile half]',
        'sso_role_name = ReadOnly',
        '[profile nosession]',
        'sso_session = nope',
        ...SSO_ROLE,
        '[profile thin]',
        'sso_session = thin',
        'sso_account_id = 123456789012',
        '[sso-session thin]',
        `sso_start_url = ${START}`,
      ),
    );
    expect(reason(loaded, 'half')).toBe(
      'The profile "half" is configured to use SSO but is missing required configuration: sso_account_id, sso_start_url, sso_region ([profile half] at ~/.aws/config line 1)',
    );
    expect(reason(loaded, 'nosession')).toBe(
      'The specified sso-session does not exist: "nope" (~/.aws/config line 4: no [sso-session nope] section in ~/.aws/config)',
    );
    expect(reason(loaded, 'thin')).toBe(
      'The profile "thin" is configured to use SSO but is missing required configuration: sso_role_name, sso_region ([profile thin] at ~/.aws/config line 7, [sso-session thin] at ~/.aws/config line 10)',
    );
  });

  it('refuses an sso-session that leaves sso_region to the profile, as the token provider does', async () => {
    const loaded = await load(
      ini(
        '[profile p]',
        'sso_session = s',
        'sso_region = eu-west-1',
        ...SSO_ROLE,
        '[sso-session s]',
        `sso_start_url = ${START}`,
      ),
    );
    expect(reason(loaded, 'p')).toBe(
      `The profile "p" is configured to use the SSO token provider but is missing the following configuration: ['sso_region']. ([sso-session s] at ~/.aws/config line 6)`,
    );
  });

  it('refuses an sso-session section without keys, which the token provider takes for none', async () => {
    const loaded = await load(
      ini(
        '[profile p]',
        'sso_session = s',
        `sso_start_url = ${START}`,
        'sso_region = eu-west-1',
        ...SSO_ROLE,
        '[sso-session s]',
      ),
    );
    // botocore 1.43 tokens.py: `if not sso_config` is true of an empty section (the botocore differential found it).
    expect(reason(loaded, 'p')).toBe(
      'The profile "p" is configured to use the SSO token provider but the "s" sso_session configuration does not exist. ([sso-session s] at ~/.aws/config line 7 is empty)',
    );
  });

  it('refuses empty values the portal would refuse, and lists a profile with a session but no role', async () => {
    const loaded = await load(
      ini(
        '[profile empty]',
        'sso_session = corp',
        'sso_account_id =',
        'sso_role_name = R',
        '[profile login-only]',
        'sso_session = corp',
        ...SESSION,
      ),
    );
    expect(reason(loaded, 'empty')).toBe(
      'sso_account_id is empty; IAM Identity Center refuses an empty value (~/.aws/config line 3)',
    );
    expect(reason(loaded, 'login-only')).toMatch(/neither sso_account_id nor sso_role_name/);
  });

  it('reads sso-session names and keys in other cases as botocore does (keys lowercased, names as written)', async () => {
    const loaded = await load(
      ini(
        '[profile p]',
        'SSO_Session = Corp',
        'SSO_ACCOUNT_ID = 123456789012',
        'Sso_Role_Name = R',
        '[sso-session Corp]',
        `SSO_START_URL = ${START}`,
        'SSO_REGION = eu-west-1',
        '[profile q]',
        'sso_session = corp',
        ...SSO_ROLE,
      ),
    );
    expect(sso(loaded, 'p').sso.tokenCacheKey).toBe('Corp');
    expect(reason(loaded, 'q')).toMatch(/^The specified sso-session does not exist: "corp"/);
  });

  it('takes SSO before keys in the same profile, as botocore orders its providers', async () => {
    const loaded = await load(
      ini('[profile both]', 'sso_session = corp', ...SSO_ROLE, ...SESSION),
      {},
      ini('[both]', 'aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key = s'),
    );
    expect(sso(loaded, 'both').sso.accountId).toBe('123456789012');
  });
});

describe('roles chained from SSO profiles', () => {
  it('roots the chain in the SSO profile, listed or carried by a source that is listed as a role', async () => {
    const loaded = await load(
      ini(
        '[profile admin]',
        'role_arn = arn:aws:iam::210987654321:role/Admin',
        'source_profile = dev',
        '[profile dev]',
        'sso_session = corp',
        ...SSO_ROLE,
        '[profile deeper]',
        'role_arn = arn:aws:iam::210987654321:role/Deeper',
        'source_profile = admin',
        '[profile hybrid]',
        'role_arn = arn:aws:iam::210987654321:role/Hybrid',
        'source_profile = hybrid',
        'sso_session = corp',
        ...SSO_ROLE,
        'aws_access_key_id = AKIAEXAMPLE',
        'aws_secret_access_key = s',
        ...SESSION,
      ),
    );
    const admin = find(loaded, 'admin') as RoleProfile;
    expect(admin).toMatchObject({
      kind: 'role',
      chain: ['admin', 'dev'],
      source: { kind: 'profile', profile: 'dev' },
    });
    expect(admin).not.toHaveProperty('sourceSso');
    expect(find(loaded, 'deeper')).toMatchObject({ kind: 'role', chain: ['deeper', 'admin', 'dev'] });
    // A source with keys and SSO settings gives SSO credentials; it is listed as a role, so the chain carries them.
    expect(find(loaded, 'hybrid')).toMatchObject({
      kind: 'role',
      chain: ['hybrid'],
      sourceSso: { profile: 'hybrid', login: { accountId: '123456789012', tokenCacheKey: 'corp' } },
    });
    expect(find(loaded, 'hybrid')).not.toHaveProperty('sourceKeys');
  });

  it('says why a misconfigured SSO source cannot start a chain', async () => {
    const loaded = await load(
      ini(
        '[profile admin]',
        'role_arn = arn:aws:iam::210987654321:role/Admin',
        'source_profile = dev',
        '[profile dev]',
        'sso_session = missing',
        ...SSO_ROLE,
      ),
    );
    expect(reason(loaded, 'admin')).toMatch(
      /^source profile dev is unusable: The specified sso-session does not exist: "missing"/,
    );
  });
});

describe('the sso and sso-oidc endpoints', () => {
  const config = (...extra: string[]) =>
    ini(
      '[profile dev]',
      'sso_session = corp',
      ...SSO_ROLE,
      ...extra,
      '[profile admin]',
      'role_arn = arn:aws:iam::210987654321:role/Admin',
      'source_profile = dev',
      'services = local',
      '[services local]',
      'sso =',
      '  endpoint_url = http://sso-section:1',
      'sso_oidc =',
      '  endpoint_url = http://oidc-section:2',
      'sso-oidc =',
      '  endpoint_url = http://hyphen-is-not-read:3',
      ...SESSION,
    );

  it('takes the profile endpoint_url for every service, and a [services] sub-section per service', async () => {
    const loaded = await load(config('endpoint_url = http://global:9'));
    expect(sso(loaded, 'dev')).toMatchObject({
      ssoEndpoint: 'http://global:9',
      ssoOidcEndpoint: 'http://global:9',
      stsEndpoint: 'http://global:9',
    });
    // The role's own endpoints, not its SSO source's: the AWS CLI sends every hop to the requested profile's.
    expect(find(loaded, 'admin')).toMatchObject({
      ssoEndpoint: 'http://sso-section:1',
      ssoOidcEndpoint: 'http://oidc-section:2',
    });
    expect(find(loaded, 'admin')).not.toHaveProperty('stsEndpoint');
  });

  it('puts AWS_ENDPOINT_URL_SSO(_OIDC) before AWS_ENDPOINT_URL before the files', async () => {
    const specific = await load(config('endpoint_url = http://global:9'), {
      AWS_ENDPOINT_URL_SSO: 'http://env-sso:4',
      AWS_ENDPOINT_URL_SSO_OIDC: 'http://env-oidc:5',
      AWS_ENDPOINT_URL: 'http://env-all:6',
    });
    expect(sso(specific, 'dev')).toMatchObject({
      ssoEndpoint: 'http://env-sso:4',
      ssoOidcEndpoint: 'http://env-oidc:5',
      stsEndpoint: 'http://env-all:6',
    });
    const global = await load(config(), { AWS_ENDPOINT_URL: 'http://env-all:6', AWS_ENDPOINT_URL_SSO: '' });
    expect(find(global, 'admin')).toMatchObject({
      ssoEndpoint: 'http://env-all:6',
      ssoOidcEndpoint: 'http://env-all:6',
    });
  });

  it('turns them all off with ignore_configured_endpoint_urls or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', async () => {
    const byProfile = await load(
      config('endpoint_url = http://global:9', 'ignore_configured_endpoint_urls = true'),
      {
        AWS_ENDPOINT_URL_SSO: 'http://env-sso:4',
      },
    );
    expect(sso(byProfile, 'dev')).not.toHaveProperty('ssoEndpoint');
    expect(sso(byProfile, 'dev')).not.toHaveProperty('ssoOidcEndpoint');
    const byEnv = await load(config(), { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'True' });
    expect(find(byEnv, 'admin')).not.toHaveProperty('ssoEndpoint');
  });

  it('keeps the profile region for STS and S3 and the sso_region for sign-in', async () => {
    const loaded = await load(config('region = us-east-2'), { AWS_DEFAULT_REGION: 'ap-south-1' });
    expect(sso(loaded, 'dev').region).toBe('ap-south-1');
    expect(sso(loaded, 'dev').sso.region).toBe('eu-west-1');
  });

  it('refuses an SSO profile whose services section is missing, as botocore refuses its clients', async () => {
    const loaded = await load(
      ini('[profile dev]', 'sso_session = corp', ...SSO_ROLE, 'services = gone', ...SESSION),
    );
    expect(reason(loaded, 'dev')).toBe('services = gone, but ~/.aws/config has no [services gone] section.');
  });
});
