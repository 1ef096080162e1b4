import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runs } from '../../test-support/client-process';
import { ssoCliCacheEntry, ssoCliCacheKey, type CliCacheSsoRole } from './cli-cache';

// The name of the AWS CLI v2's cache file for an IAM Identity Center profile, checked against
// botocore's own SSOCredentialFetcher._create_cache_key: the AWS CLI v2's vendored copy (Debian
// 2.9, `import awscli` aliases it) and botocore 1.43 (the CLI v1's, under pyenv) when present.

const PYTHONS = [
  { name: 'the AWS CLI v2’s vendored botocore', python: '/usr/bin/python3', module: 'awscli' },
  { name: 'python3-botocore', python: '/usr/bin/python3', module: 'botocore' },
  {
    name: 'botocore 1.43 (AWS CLI v1)',
    python: `${process.env['HOME'] ?? '/root'}/.pyenv/versions/3.11.7/bin/python3`,
    module: 'botocore',
  },
].filter(({ python, module }) => runs(python, ['-c', `import ${module}; import botocore.credentials`]));

if (PYTHONS.length === 0)
  console.warn('cli-cache-sso-key.test.ts: no python3 with botocore; install python3-botocore');

const KEYS = String.raw`
import json, sys
if sys.argv[1] == 'awscli':
    import awscli
import botocore.credentials as credentials
out = []
for case in json.load(sys.stdin):
    fetcher = credentials.SSOCredentialFetcher(
        case['startUrl'], 'eu-west-1', case['roleName'], case['accountId'], client_creator=None,
        sso_session_name=case.get('sessionName'))
    out.append(fetcher._create_cache_key())
print(json.dumps({'module': credentials.__file__, 'keys': out}))
`;

const CASES: CliCacheSsoRole[] = [
  {
    startUrl: 'https://d-9067c1a2b3.awsapps.com/start',
    accountId: '210987654321',
    roleName: 'DeveloperAccess',
  },
  {
    startUrl: 'https://d-9067c1a2b3.awsapps.com/start',
    accountId: '210987654321',
    roleName: 'DeveloperAccess',
    sessionName: 'roletray-sandbox',
  },
  // As written: a trailing slash is another key, as it is another token cache file.
  {
    startUrl: 'https://d-9067c1a2b3.awsapps.com/start/',
    accountId: '123456789012',
    roleName: 'ReadOnlyAccess',
  },
  {
    startUrl: 'https://x.example/start',
    accountId: '123456789012',
    roleName: 'Ops',
    sessionName: 'équipe "ops" 🚀',
  },
];

describe('ssoCliCacheKey', () => {
  it('uses the session name when there is one and the start URL only for a legacy profile', () => {
    const [legacy, session] = CASES;
    expect(ssoCliCacheKey(session!)).toBe(ssoCliCacheKey({ ...session!, startUrl: 'https://other/start' }));
    expect(ssoCliCacheKey(legacy!)).not.toBe(ssoCliCacheKey({ ...legacy!, startUrl: 'https://other/start' }));
    expect(new Set(CASES.map(ssoCliCacheKey)).size).toBe(CASES.length);
  });

  it('caches Expiration as botocore’s SSO fetcher writes it (…Z, whole seconds)', () => {
    const entry = ssoCliCacheEntry({
      accessKeyId: 'ASIA1',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: Date.UTC(2026, 11, 3, 9, 30, 15, 999),
    });
    expect(entry).toEqual({
      ProviderType: 'sso',
      Credentials: {
        AccessKeyId: 'ASIA1',
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: '2026-12-03T09:30:15Z',
      },
    });
  });

  for (const { name, python, module } of PYTHONS) {
    it(`is the key ${name} looks up`, () => {
      const out = execFileSync(python, ['-c', KEYS, module], {
        input: JSON.stringify(CASES),
        encoding: 'utf8',
        timeout: 30_000,
        env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
      });
      const result = JSON.parse(out) as { module: string; keys: string[] };
      expect(result.keys).toEqual(CASES.map(ssoCliCacheKey));
    });
  }
});
