import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCredentialsProfile } from '../../handoff/credentials-file';
import { DEV, PROD, startTestSandbox, type TestSandbox } from '../../../test-support/sandbox';
import { isRoleTrayError, type RoleTrayError } from '../errors';
import { configPaths } from './aws-file-paths';
import { loadProfiles } from './profile-loader';
import type { KeysProfile, LoadedProfiles, Profile, RoleProfile, UnusableProfile } from './profiles';

// The loader against files in a temp home (never the real ~/.aws): env and homeDir are passed in.

let home: string;
let awsDir: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'roletray-profiles-'));
  awsDir = join(home, '.aws');
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const ini = (...lines: string[]) => `${lines.join('\n')}\n`;
const KEYS = ['aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key = secret/EXAMPLE'];

async function write(config?: string, credentials?: string): Promise<void> {
  await mkdir(awsDir, { recursive: true });
  if (config !== undefined) await writeFile(join(awsDir, 'config'), config);
  if (credentials !== undefined) await writeFile(join(awsDir, 'credentials'), credentials);
}

async function load(
  config?: string,
  credentials?: string,
  env: Record<string, string> = {},
): Promise<LoadedProfiles> {
  await write(config, credentials);
  return loadProfiles({ env, homeDir: home });
}

async function loadError(config?: string, credentials?: string): Promise<RoleTrayError> {
  const error: unknown = await load(config, credentials).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isRoleTrayError(error, 'ConfigError')) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

function profile(loaded: LoadedProfiles, name: string): Profile {
  const found = loaded.profiles.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no profile ${name} in ${loaded.profiles.map((p) => p.name).join(', ')}`);
  return found;
}
const role = (loaded: LoadedProfiles, name: string) => profile(loaded, name) as RoleProfile;
const keys = (loaded: LoadedProfiles, name: string) => profile(loaded, name) as KeysProfile;
const unusable = (loaded: LoadedProfiles, name: string) => profile(loaded, name) as UnusableProfile;
const names = (loaded: LoadedProfiles) => loaded.profiles.map((p) => p.name);
const messages = (loaded: LoadedProfiles) => loaded.warnings.map((warning) => warning.message);

describe('file locations', () => {
  it('defaults to ~/.aws/config and ~/.aws/credentials under homeDir', () => {
    expect(configPaths({ env: {}, homeDir: '/home/u' })).toEqual({
      configFile: '/home/u/.aws/config',
      credentialsFile: '/home/u/.aws/credentials',
    });
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, expanding ~/ and ignoring empty values', () => {
    expect(
      configPaths({
        env: { AWS_CONFIG_FILE: '~/work/aws-config', AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/creds' },
        homeDir: '/home/u',
      }),
    ).toEqual({ configFile: '/home/u/work/aws-config', credentialsFile: '/etc/aws/creds' });
    expect(configPaths({ env: { AWS_CONFIG_FILE: '' }, homeDir: '/home/u' }).configFile).toBe(
      '/home/u/.aws/config',
    );
  });

  it('loads the files the environment names', async () => {
    const other = join(home, 'elsewhere');
    await mkdir(other);
    await writeFile(
      join(other, 'cfg'),
      ini('[profile r]', `role_arn = arn:aws:iam::${PROD}:role/R`, 'source_profile = k'),
    );
    await writeFile(join(other, 'creds'), ini('[k]', ...KEYS));
    await write(ini('[profile ignored]', ...KEYS)); // ~/.aws/config must not be read
    const loaded = await loadProfiles({
      env: { AWS_CONFIG_FILE: '~/elsewhere/cfg', AWS_SHARED_CREDENTIALS_FILE: join(other, 'creds') },
      homeDir: home,
    });
    expect(loaded.configFile).toBe(join(other, 'cfg'));
    expect(names(loaded)).toEqual(['r', 'k']);
    expect(role(loaded, 'r').chain).toEqual(['r', 'k']);
  });
});

describe('reading the files', () => {
  it('treats missing files as empty', async () => {
    expect(await loadProfiles({ env: {}, homeDir: home })).toEqual({
      configFile: join(awsDir, 'config'),
      credentialsFile: join(awsDir, 'credentials'),
      profiles: [],
      warnings: [],
    });
    const onlyCredentials = await load(undefined, ini('[default]', ...KEYS));
    expect(onlyCredentials.profiles).toEqual([
      {
        kind: 'keys',
        name: 'default',
        file: 'credentials',
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'secret/EXAMPLE',
      },
    ]);
  });

  it('reports a file it cannot read as a ConfigError naming the file', async () => {
    await mkdir(join(awsDir, 'config'), { recursive: true });
    const error = await loadError();
    expect(error.message).toBe('RoleTray cannot read ~/.aws/config: it is a directory, not a file (EISDIR).');
    expect(error.info.file).toBe(join(awsDir, 'config'));
  });

  // root reads any file, so permissions cannot make the read fail: say so instead of passing silently.
  const runningAsRoot = process.getuid?.() === 0;
  if (runningAsRoot)
    console.warn('profile-loader.test.ts: EACCES test skipped: running as root, which can read any file.');
  it.skipIf(runningAsRoot)('reports a file without read permission (EACCES; skipped as root)', async () => {
    await write(undefined, ini('[default]', ...KEYS));
    await chmod(join(awsDir, 'credentials'), 0o000);
    const error = await loadError();
    expect(error.message).toBe('RoleTray cannot read ~/.aws/credentials: permission denied (EACCES).');
  });

  it('skips whole-line comments only, as the AWS CLI: an inline # or ; is part of the value', async () => {
    const loaded = await load(
      ini(
        '# a comment',
        '; another',
        '[profile a] # the header may carry one too',
        `role_arn = arn:aws:iam::${PROD}:role/R # inline`,
        'source_profile = k ; inline too',
        'external_id = abc#1;2',
        '   # indented comment',
      ),
      ini('[k]', ...KEYS),
    );
    // The CLI sends `arn:… # inline` as the ARN, which STS refuses: RoleTray says so instead.
    expect(unusable(loaded, 'a').reason).toBe(
      `role_arn = arn:aws:iam::${PROD}:role/R # inline is not an IAM role ARN (expected arn:aws:iam::123456789012:role/RoleName).`,
    );
    expect(loaded.warnings.map((w) => w.line)).toEqual([4, 5]);
    expect(messages(loaded)[0]).toBe(
      '~/.aws/config line 4: the AWS CLI reads the `#` or `;` comment after `role_arn = …` as part of its value, and other AWS SDKs drop it; put comments on their own line.',
    );
    const header = await load(ini('[profile b] # a comment after a header is fine', ...KEYS));
    expect(keys(header, 'b').accessKeyId).toBe('AKIAEXAMPLE');
    const glued = await load(ini('[profile c]', ...KEYS, 'external_id = abc#1;2'));
    expect(glued.warnings).toEqual([]);
  });

  it('reads CRLF and CR line endings, and refuses a UTF-8 BOM as the AWS CLI does', async () => {
    const lines = [
      '[profile a]',
      `role_arn = arn:aws:iam::${PROD}:role/R`,
      'source_profile = k',
      'region = eu-west-1',
    ];
    const loaded = await load(`${lines.join('\r\n')}\r\n`, `${['[k]', ...KEYS].join('\r')}\r`);
    expect(role(loaded, 'a')).toMatchObject({ region: 'eu-west-1', chain: ['a', 'k'] });
    expect(keys(loaded, 'k').secretAccessKey).toBe('secret/EXAMPLE');
    expect(loaded.warnings).toEqual([]);

    const error = await loadError(undefined, `\uFEFF${['[k]', ...KEYS].join('\r\n')}\r\n`);
    expect(error.message).toBe(
      '~/.aws/credentials line 1: the file starts with a byte-order mark (BOM), so the AWS CLI refuses the whole file ("Unable to parse config file"); save it as UTF-8 without BOM.',
    );
    expect(error.info).toMatchObject({ file: join(awsDir, 'credentials'), line: 1 });
    const latin1 = await (async () => {
      await mkdir(awsDir, { recursive: true });
      await writeFile(join(awsDir, 'config'), Buffer.from('[profile caf\xe9]\nregion = x\n', 'latin1'));
      return loadError();
    })();
    expect(latin1.message).toBe(
      '~/.aws/config is not valid UTF-8, so the AWS CLI refuses the whole file ("Unable to parse config file"); save it as UTF-8.',
    );
  });

  it('skips the sections RoleTray writes itself: copies of its own sessions are not profiles', async () => {
    const written = await writeCredentialsProfile(join(home, '.aws', 'credentials'), 'prod-rt', {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: Date.now() + 3_600_000,
    }).then(() => true);
    expect(written).toBe(true);
    const loaded = await load(undefined, undefined);
    expect(loaded.profiles.map((profile) => profile.name)).toEqual([]);
    const mixed = await load(
      undefined,
      `[k]\n${KEYS.join('\n')}\n[rt]\n# Managed by RoleTray: x\naws_access_key_id = A\n`,
    );
    expect(mixed.profiles.map((profile) => profile.name)).toEqual(['k']);
  });

  it('accepts indented sub-sections under `key =`', async () => {
    const loaded = await load(
      ini(
        '[profile k]',
        ...KEYS,
        's3 =',
        '  addressing_style = path',
        '  use_accelerate_endpoint = false',
        'region = us-west-2',
      ),
    );
    expect(keys(loaded, 'k').region).toBe('us-west-2');
    expect(loaded.warnings).toEqual([]);
  });
});

describe('malformed files', () => {
  it('names the file and line of a line that is neither a header nor key = value', async () => {
    const error = await loadError(ini('[profile a]', 'region = us-east-1', '', 'region eu-west-1'));
    expect(error.message).toBe(
      '~/.aws/config line 4: expected `[profile name]` or `key = value`, and this line is neither (its text is not shown: it may hold a secret); the AWS CLI refuses the whole file ("Unable to parse config file").',
    );
    expect(error.info).toMatchObject({ kind: 'ConfigError', file: join(awsDir, 'config'), line: 4 });
  });

  it('never echoes a line it cannot read, which may be a bare or wrapped secret', async () => {
    const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';
    const cases: [string | undefined, string | undefined, string][] = [
      [
        undefined,
        ini('[k]', 'aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key', secret),
        'credentials line 3',
      ],
      [undefined, ini('[k]', `${secret}`), 'credentials line 2'],
      [undefined, ini(`[${secret}`), 'credentials line 1'],
      [ini('[profile a]', `${secret}`), undefined, 'config line 2'],
      [ini('[profile a]', `aws_secret_access_key ${secret}`), undefined, 'config line 2'],
    ];
    for (const [config, credentials, where] of cases) {
      const error = await loadError(config, credentials);
      expect(error.message).toContain(`~/.aws/${where}: `);
      expect(error.message).toContain('its text is not shown: it may hold a secret');
      expect(error.message).not.toContain(secret.slice(0, 8));
      await rm(awsDir, { recursive: true, force: true });
    }
  });

  it('refuses what the AWS CLI refuses: a line before any section, an unclosed header, repeats', async () => {
    const refused = '; the AWS CLI refuses the whole file ("Unable to parse config file")';
    expect((await loadError(ini('[profile a]', 'region = x', '[profile b'))).message).toBe(
      `~/.aws/config line 3: expected \`[profile name]\` or \`key = value\`, and this line is neither (its text is not shown: it may hold a secret)${refused}.`,
    );
    expect((await loadError(ini('region = us-east-1', '[default]'))).message).toBe(
      '~/.aws/config line 1: this line comes before any `[section]` header, so the AWS CLI refuses the whole file ("Unable to parse config file") (its text is not shown: it may hold a secret).',
    );
    expect((await loadError(ini('[profile a]', 'region = x', '[profile a]'))).message).toBe(
      '~/.aws/config line 3: [profile a] appears a second time here, so the AWS CLI refuses the whole file ("Unable to parse config file"); merge the two sections.',
    );
    expect((await loadError(ini('[profile ok]'), ini('[k]', 'Region = x', 'region = y'))).message).toBe(
      '~/.aws/credentials line 3: `region` is set a second time in [k], so the AWS CLI refuses the whole file ("Unable to parse config file"); keep one.',
    );
  });

  it('reads headers as the AWS CLI does, and warns where it skips one', async () => {
    const loaded = await load(
      ini(
        '[profile a]x',
        ...KEYS,
        '[profile "with space"]',
        ...KEYS,
        '[profile two words]',
        ...KEYS,
        '[profile]',
        '[ ]',
        '[profile __proto__]',
        ...KEYS,
      ),
    );
    expect(names(loaded)).toEqual(['a', 'with space', '__proto__']);
    expect(messages(loaded)).toEqual([
      '~/.aws/config line 4: the AWS CLI reads the profile with space, but other AWS SDKs ignore it: their profile names are letters, digits and -_@+.%:/ only.',
      '~/.aws/config line 7: the AWS CLI ignores [profile two words]: a name with spaces must be quoted, as [profile "a b"].',
      '~/.aws/config line 10: the AWS CLI ignores [profile]: a name with spaces must be quoted, as [profile "a b"].',
      '~/.aws/config line 11: the AWS CLI ignores [ ] in the config file; did you mean [profile ]?',
      '~/.aws/config line 12: the AWS CLI reads the profile __proto__, but the AWS SDK for JavaScript cannot: the name is reserved there.',
    ]);
  });

  it('refuses a sub-section line without `=`, as the AWS CLI does', async () => {
    const error = await loadError(ini('[profile a]', 's3 =', '  addressing_style = path', '  virtual path'));
    expect(error.info.line).toBe(4);
    expect(error.message).toBe(
      '~/.aws/config line 4: this indented line belongs to a `key =` block but is not `key = value`, so the AWS CLI refuses the whole file ("Unable to parse config file") (its text is not shown: it may hold a secret).',
    );
  });

  it('counts the other bad lines', async () => {
    const error = await loadError(ini('[profile a]', 'bad one', 'bad two', 'bad three'));
    expect(error.message).toMatch(/^~\/\.aws\/config line 2: .* \(2 more lines have problems too\.\)$/);
  });
});

describe('sections', () => {
  it('reads [profile x] and [default] in config, warns about [x], and lists credentials-only profiles last', async () => {
    const loaded = await load(
      ini('[default]', 'region = us-east-1', ...KEYS, '[profile b]', ...KEYS, '[c]', ...KEYS),
      ini('[z]', ...KEYS, '[b]', 'aws_access_key_id = AKIAFROMCREDS', '[y]', ...KEYS),
    );
    expect(names(loaded)).toEqual(['default', 'b', 'z', 'y']);
    expect(keys(loaded, 'default').region).toBe('us-east-1');
    // botocore reads the credentials file's keys on their own: half a pair there is refused.
    expect(unusable(loaded, 'b').reason).toBe(
      'it has aws_access_key_id in the credentials file but no aws_secret_access_key there.',
    );
    const merged = await load(
      ini('[profile m]', 'region = eu-west-1', 'output = json'),
      ini('[m]', ...KEYS, 'region = us-west-2'),
    );
    // Key by key, the credentials file's value wins.
    expect(keys(merged, 'm')).toMatchObject({ accessKeyId: 'AKIAEXAMPLE', region: 'us-west-2' });
    expect(loaded.warnings).toEqual([
      {
        file: join(awsDir, 'config'),
        line: 8,
        message:
          '~/.aws/config line 8: the AWS CLI ignores [c] in the config file; did you mean [profile c]?',
      },
    ]);
  });

  it('reads [profile x] in the credentials file as the AWS CLI does: a profile named "profile x"', async () => {
    const loaded = await load(undefined, ini('[profile k]', ...KEYS));
    expect(names(loaded)).toEqual(['profile k']);
    expect(messages(loaded)).toEqual([
      '~/.aws/credentials line 1: the AWS CLI reads [profile k] in the credentials file as a profile named "profile k"; the credentials file names profiles without `profile`.',
    ]);
  });

  it('lets a later [default] replace [profile default] whole, in either order, as the AWS CLI does', async () => {
    const roleFirst = await load(
      ini(
        '[profile default]',
        `role_arn = arn:aws:iam::${PROD}:role/R`,
        'source_profile = k',
        '[profile k]',
        ...KEYS,
        '[default]',
        'region = b',
        ...KEYS,
      ),
    );
    // The CLI has no role called default here: the later section is all there is of it.
    expect(keys(roleFirst, 'default')).toMatchObject({ region: 'b', accessKeyId: 'AKIAEXAMPLE' });
    expect(names(roleFirst)).toEqual(['default', 'k']);
    expect(messages(roleFirst)).toEqual([
      '~/.aws/config line 7: this section defines default again (first at line 1): the AWS CLI uses only this one, other AWS SDKs may merge both.',
    ]);
    const keysFirst = await load(ini('[default]', 'region = a', ...KEYS, '[profile default]', 'region = b'));
    expect(names(keysFirst)).toEqual([]);
  });

  it('warns about clear typos in key names only', async () => {
    const loaded = await load(
      ini(
        '[profile a]',
        `rol_arn = arn:aws:iam::${PROD}:role/R`,
        'Source_Profile = k',
        'regoin = us-east-1',
        'granted_sso_start_url = https://example.awsapps.com/start', // another tool's key: fine
        'x_security_token_expires = 2026-01-01T00:00:00Z',
      ),
      ini('[k]', ...KEYS, 'aws_sesion_token = t'),
    );
    expect(loaded.warnings.map((w) => [w.line, w.message.replace(/^.* line \d+: /, '')])).toEqual([
      [2, 'unknown key `rol_arn` in [profile a]; did you mean `role_arn`?'],
      [
        3,
        'the AWS CLI reads `Source_Profile` as `source_profile`, but other AWS SDKs read key names as written and ignore it; write `source_profile`.',
      ],
      [4, 'unknown key `regoin` in [profile a]; did you mean `region`?'],
      [4, 'unknown key `aws_sesion_token` in [k]; did you mean `aws_session_token`?'],
    ]);
    // Not a role (role_arn is misspelt) and no keys: neither a role nor a source, so not listed.
    expect(names(loaded)).toEqual(['k']);
  });

  it('warns about an indented key outside a sub-section, which the AWS CLI reads as a continuation', async () => {
    const loaded = await load(ini('[profile k]', ...KEYS, 'region = us-east-1', '  output = json'));
    expect(messages(loaded)).toEqual([
      '~/.aws/config line 5: this line is indented, so the AWS CLI reads it as part of the value of `region` above; remove the indentation.',
    ]);
    expect(keys(loaded, 'k').region).toBe('us-east-1\noutput = json');
  });
});

describe('profile kinds', () => {
  const arn = (name: string) => `arn:aws:iam::${PROD}:role/${name}`;

  it('builds a role from role_arn, with everything the ARN and the profile say', async () => {
    const loaded = await load(
      ini(
        '[profile r]',
        `role_arn = arn:aws-cn:iam::${PROD}:role/team/ops/Deployer`,
        'source_profile = k',
        'mfa_serial = arn:aws:iam::210987654321:mfa/me',
        'duration_seconds = 3600',
        'external_id = ext',
        'role_session_name = me',
        'region = cn-north-1',
        'color = ffaa00',
        '[profile k]',
        ...KEYS,
      ),
    );
    expect(role(loaded, 'r')).toEqual({
      kind: 'role',
      name: 'r',
      roleArn: `arn:aws-cn:iam::${PROD}:role/team/ops/Deployer`,
      accountId: PROD,
      roleName: 'Deployer',
      partition: 'aws-cn',
      source: { kind: 'profile', profile: 'k' },
      mfaSerial: 'arn:aws:iam::210987654321:mfa/me',
      durationSeconds: 3600,
      externalId: 'ext',
      roleSessionName: 'me',
      region: 'cn-north-1',
      color: 'ffaa00',
      chain: ['r', 'k'],
    });
    expect(loaded.warnings).toEqual([]);
  });

  it('lists invalid role ARNs as unusable', async () => {
    for (const bad of [
      'arn:aws:iam::12345:role/R',
      'arn:aws:iam::123456789012:user/R',
      'arn:aws:sts::123456789012:role/R',
      'arn:aws:iam::123456789012:role/',
      'DevReadOnly',
    ]) {
      const loaded = await load(
        ini('[profile r]', `role_arn = ${bad}`, 'source_profile = k', '[profile k]', ...KEYS),
      );
      expect(unusable(loaded, 'r')).toEqual({
        kind: 'unusable',
        name: 'r',
        roleArn: bad,
        reason: `role_arn = ${bad} is not an IAM role ARN (expected arn:aws:iam::123456789012:role/RoleName).`,
      });
    }
  });

  it('reads duration_seconds as Python int() does, refuses what AWS refuses, ignores what the CLI ignores', async () => {
    for (const [value, outcome] of [
      ['900', 900],
      ['43200', 43200],
      ['+9_00', 900],
      [' 3600 ', 3600],
      ['\uff10\uff19\uff10\uff10', 900],
      ['899', 'refused'],
      ['43201', 'refused'],
      ['1h', 'ignored'],
      ['3600.5', 'ignored'],
    ] as const) {
      const loaded = await load(
        ini(
          '[profile r]',
          `role_arn = ${arn('R')}`,
          'source_profile = k',
          `duration_seconds = ${value}`,
          '[profile k]',
          ...KEYS,
        ),
      );
      if (typeof outcome === 'number') expect(role(loaded, 'r').durationSeconds, value).toBe(outcome);
      else if (outcome === 'refused') {
        expect(unusable(loaded, 'r').reason).toBe(
          `duration_seconds = ${value} is not from 900 to 43200 seconds, which AWS refuses.`,
        );
      } else {
        expect(role(loaded, 'r').durationSeconds).toBeUndefined();
        expect(messages(loaded)).toEqual([
          `~/.aws/config line 4: the AWS CLI ignores duration_seconds = ${value}, which is not a whole number, and asks for 1 h; so does RoleTray.`,
        ]);
      }
    }
  });

  it('supports credential_source = Environment and lists the others as unusable', async () => {
    const loaded = await load(
      ini(
        '[profile env]',
        `role_arn = ${arn('R')}`,
        'credential_source = Environment',
        '[profile ec2]',
        `role_arn = ${arn('R')}`,
        'credential_source = Ec2InstanceMetadata',
        '[profile ecs]',
        `role_arn = ${arn('R')}`,
        'credential_source = EcsContainer',
        '[profile typo]',
        `role_arn = ${arn('R')}`,
        'credential_source = environment',
        '[profile both]',
        `role_arn = ${arn('R')}`,
        'credential_source = Environment',
        'source_profile = env',
        '[profile neither]',
        `role_arn = ${arn('R')}`,
      ),
    );
    expect(role(loaded, 'env')).toMatchObject({ source: { kind: 'environment' }, chain: ['env'] });
    expect(unusable(loaded, 'ec2').reason).toBe(
      'credential_source = Ec2InstanceMetadata takes the keys of an EC2 instance, which a desktop does not have.',
    );
    expect(unusable(loaded, 'ecs').reason).toBe(
      'credential_source = EcsContainer takes the keys of an ECS task, which a desktop does not have.',
    );
    expect(unusable(loaded, 'typo').reason).toBe(
      'credential_source = environment is not valid: the AWS CLI accepts Environment, Ec2InstanceMetadata or EcsContainer (with that case).',
    );
    expect(unusable(loaded, 'both').reason).toBe(
      'it sets both source_profile and credential_source; the AWS CLI needs exactly one.',
    );
    expect(unusable(loaded, 'neither').reason).toBe(
      'it has role_arn but neither source_profile nor credential_source to assume it with.',
    );
  });

  it('reads credential_process, web identity and SSO profiles, and lists an SSO profile without a role as unusable', async () => {
    const loaded = await load(
      ini(
        '[profile sso]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Admin',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '[profile legacy-sso]',
        'sso_start_url = https://corp.awsapps.com/start',
        '[profile proc]',
        'credential_process = /usr/local/bin/get-creds',
        '[profile web]',
        `role_arn = ${arn('R')}`,
        'web_identity_token_file = /var/run/token',
        '[profile settings-only]',
        'region = eu-west-1',
        'output = json',
      ),
    );
    expect(loaded.profiles).toEqual([
      {
        kind: 'sso',
        name: 'sso',
        sso: {
          session: {
            name: 'corp',
            startUrl: 'https://corp.awsapps.com/start',
            region: 'us-east-1',
            registrationScopes: [],
          },
          startUrl: 'https://corp.awsapps.com/start',
          region: 'us-east-1',
          accountId: '123456789012',
          roleName: 'Admin',
          tokenCacheKey: 'corp',
        },
      },
      {
        kind: 'unusable',
        name: 'legacy-sso',
        reason:
          'it has sso_start_url but neither sso_account_id nor sso_role_name, so it signs in to IAM Identity Center without naming a role.',
      },
      { kind: 'process', name: 'proc', command: '/usr/local/bin/get-creds' },
      {
        kind: 'role',
        name: 'web',
        roleArn: arn('R'),
        accountId: PROD,
        roleName: 'R',
        partition: 'aws',
        source: { kind: 'web-identity', tokenFile: '/var/run/token' },
        chain: ['web'],
      },
    ]);
    expect(loaded.warnings).toEqual([]);
  });

  it('uses static keys over credential_process only when they come from the credentials file (the CLI order)', async () => {
    const loaded = await load(
      ini('[profile a]', 'credential_process = x', '[profile b]', 'credential_process = x', ...KEYS),
      ini('[a]', ...KEYS),
    );
    expect(profile(loaded, 'a').kind).toBe('keys');
    expect(profile(loaded, 'b').kind).toBe('process');
  });

  it('keeps a session token and lists half a key pair as unusable', async () => {
    const loaded = await load(
      undefined,
      ini('[t]', ...KEYS, 'aws_session_token = tok', '[half]', 'aws_access_key_id = AKIAEXAMPLE'),
    );
    expect(keys(loaded, 't').sessionToken).toBe('tok');
    expect(unusable(loaded, 'half').reason).toBe(
      'it has aws_access_key_id in the credentials file but no aws_secret_access_key there.',
    );
  });

  it('reads color with or without `#`, and warns when it is not a colour', async () => {
    const loaded = await load(
      ini(
        '[profile k]',
        ...KEYS,
        '[profile a]',
        `role_arn = ${arn('R')}`,
        'source_profile = k',
        'color = #ffaa00',
        '[profile b]',
        `role_arn = ${arn('R')}`,
        'source_profile = k',
        'color = red',
      ),
    );
    // The AWS CLI keeps `#ffaa00` whole: a `#` after `=` is no comment to it.
    expect(role(loaded, 'a').color).toBe('ffaa00');
    expect(role(loaded, 'b').color).toBeUndefined();
    expect(messages(loaded)).toEqual([
      '~/.aws/config line 11: color = red is not a hex colour such as ffaa00; it is ignored.',
    ]);
  });
});

describe('source_profile chains', () => {
  const arn = (name: string) => `arn:aws:iam::${PROD}:role/${name}`;
  const roleSection = (name: string, source: string) => [
    `[profile ${name}]`,
    `role_arn = ${arn(name)}`,
    `source_profile = ${source}`,
  ];

  it('follows two hops to the keys', async () => {
    const loaded = await load(
      ini(...roleSection('top', 'mid'), ...roleSection('mid', 'base'), '[profile base]', ...KEYS),
    );
    expect(role(loaded, 'top')).toMatchObject({
      source: { kind: 'profile', profile: 'mid' },
      chain: ['top', 'mid', 'base'],
    });
    expect(role(loaded, 'top').sourceKeys).toBeUndefined();
  });

  it('follows 50 hops', async () => {
    const sections = Array.from({ length: 50 }, (_, i) =>
      roleSection(`r${i}`, i === 49 ? 'base' : `r${i + 1}`),
    ).flat();
    const loaded = await load(ini(...sections, '[profile base]', ...KEYS));
    const top = role(loaded, 'r0');
    expect(top.chain).toHaveLength(51);
    expect(top.chain).toEqual([...Array.from({ length: 50 }, (_, i) => `r${i}`), 'base']);
    expect(role(loaded, 'r49').chain).toEqual(['r49', 'base']);
  });

  it('refuses chains longer than 100 profiles in one sentence, however deep they go', async () => {
    // A generated or mistaken config: 12,000 roles in one line, the last naming a missing source,
    // and 5,000 in another ending at keys. Neither may take the loader down or nest its reasons.
    const line = (prefix: string, length: number, last: string) =>
      Array.from({ length }, (_, i) =>
        roleSection(`${prefix}${i}`, i === length - 1 ? last : `${prefix}${i + 1}`),
      ).flat();
    const loaded = await load(
      ini(...line('a', 5000, 'base'), ...line('m', 12000, 'missing'), '[profile base]', ...KEYS),
    );
    const tooLong = 'its source_profile chain is longer than 100 profiles, the most RoleTray follows.';
    expect(role(loaded, 'a4999').chain).toEqual(['a4999', 'base']);
    expect(role(loaded, 'a4901').chain).toHaveLength(100);
    expect(unusable(loaded, 'a4900').reason).toBe(tooLong);
    expect(unusable(loaded, 'a0').reason).toBe(tooLong);
    expect(unusable(loaded, 'm0').reason).toBe(tooLong);
    expect(unusable(loaded, 'm11999').reason).toBe('source_profile missing does not exist.');
    expect(unusable(loaded, 'm11901').reason).toBe(
      'source profile m11999 (through m11902 → m11903 → … → m11998) is unusable: source_profile missing does not exist.',
    );
    const longest = Math.max(...loaded.profiles.map((p) => (p.kind === 'unusable' ? p.reason.length : 0)));
    expect(longest).toBeLessThan(200);
  });

  it('lets a role with keys name itself as source (one hop, its own keys), as the AWS CLI does', async () => {
    const loaded = await load(ini(...roleSection('self', 'self'), ...KEYS, ...roleSection('above', 'self')));
    expect(role(loaded, 'self')).toMatchObject({
      source: { kind: 'profile', profile: 'self' },
      chain: ['self'],
      sourceKeys: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret/EXAMPLE' },
    });
    // As a source, a profile's static keys come before its role_arn (botocore's rule).
    expect(role(loaded, 'above')).toMatchObject({
      chain: ['above', 'self'],
      sourceKeys: { accessKeyId: 'AKIAEXAMPLE' },
    });
  });

  it('calls a self-source without keys a cycle', async () => {
    const loaded = await load(ini(...roleSection('a', 'a')));
    expect(unusable(loaded, 'a').reason).toBe('source_profile cycle: a → a');
  });

  it('makes every profile in a cycle unusable, and those that lead into it', async () => {
    const loaded = await load(
      ini(
        ...roleSection('x', 'a'),
        ...roleSection('a', 'b'),
        ...roleSection('b', 'c'),
        ...roleSection('c', 'a'),
      ),
    );
    expect(unusable(loaded, 'a').reason).toBe('source_profile cycle: a → b → c → a');
    expect(unusable(loaded, 'b').reason).toBe('source_profile cycle: b → c → a → b');
    expect(unusable(loaded, 'c').reason).toBe('source_profile cycle: c → a → b → c');
    expect(unusable(loaded, 'x')).toEqual({
      kind: 'unusable',
      name: 'x',
      roleArn: arn('x'),
      reason: 'source_profile cycle: x → a → b → c → a',
    });
  });

  it('follows the CLI when a cycle passes through a profile with keys', async () => {
    // a's source b has keys, so a works; b, assumed as a role, would need a, which needs b: a loop.
    const loaded = await load(ini(...roleSection('a', 'b'), ...roleSection('b', 'a'), ...KEYS));
    expect(role(loaded, 'a')).toMatchObject({
      chain: ['a', 'b'],
      sourceKeys: { accessKeyId: 'AKIAEXAMPLE' },
    });
    expect(unusable(loaded, 'b').reason).toBe('source_profile cycle: b → a → b');
  });

  it('reports a missing source, and hints when it is written [x] in the config file', async () => {
    const loaded = await load(
      ini(...roleSection('a', 'nope'), ...roleSection('b', 'plain'), '[plain]', ...KEYS),
    );
    expect(unusable(loaded, 'a').reason).toBe('source_profile nope does not exist.');
    expect(unusable(loaded, 'b').reason).toBe(
      'source_profile plain does not exist ([plain] in ~/.aws/config is ignored; did you mean [profile plain]?).',
    );
  });

  it('reports an unusable source with its reason, and a source without credentials', async () => {
    const loaded = await load(
      ini(
        ...roleSection('a', 'sso'),
        '[profile sso]',
        'sso_session = corp',
        ...roleSection('b', 'settings'),
        '[profile settings]',
        'region = eu-west-1',
      ),
    );
    expect(unusable(loaded, 'a').reason).toBe(
      'source profile sso is unusable: it has sso_session but neither sso_account_id nor sso_role_name, so it signs in to IAM Identity Center without naming a role.',
    );
    expect(unusable(loaded, 'b').reason).toBe(
      'source profile settings has no credentials: no keys, role_arn or credential_source.',
    );
    expect(names(loaded)).toEqual(['a', 'sso', 'b']);
  });

  it('loads 1,000 role profiles correctly and quickly', async () => {
    const config: string[] = [];
    const credentials: string[] = [];
    for (let i = 0; i < 1000; i++) {
      config.push(
        ...roleSection(`role-${i}`, i % 10 === 0 ? `keys-${i}` : `role-${i - 1}`),
        `region = us-east-${(i % 2) + 1}`,
        '',
      );
      if (i % 10 === 0) credentials.push(`[keys-${i}]`, ...KEYS, '');
    }
    await write(ini(...config), ini(...credentials));
    const started = performance.now();
    const loaded = await loadProfiles({ env: {}, homeDir: home });
    const elapsed = performance.now() - started;
    expect(loaded.profiles).toHaveLength(1100);
    expect(loaded.profiles.filter((p) => p.kind === 'role')).toHaveLength(1000);
    expect(role(loaded, 'role-999').chain).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `role-${999 - i}`),
      'keys-990',
    ]);
    expect(role(loaded, 'role-7').region).toBe('us-east-2');
    expect(loaded.warnings).toEqual([]);
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('region and endpoints', () => {
  const arn = `arn:aws:iam::${PROD}:role/R`;
  const config = ini(
    '[profile plain]',
    ...KEYS,
    '[profile global]',
    ...KEYS,
    'endpoint_url = http://global:1',
    '[profile svc]',
    ...KEYS,
    'endpoint_url = http://global:1',
    'services = local',
    '[services local]',
    'sts =',
    '  endpoint_url = http://sts-section:2',
    'dynamodb =',
    '  endpoint_url = http://ddb:3',
  );

  it('takes the services section for its service, then the profile endpoint_url', async () => {
    const loaded = await load(config);
    expect(keys(loaded, 'plain')).not.toHaveProperty('stsEndpoint');
    expect(keys(loaded, 'global')).toMatchObject({
      stsEndpoint: 'http://global:1',
      s3Endpoint: 'http://global:1',
    });
    expect(keys(loaded, 'svc')).toMatchObject({
      stsEndpoint: 'http://sts-section:2',
      s3Endpoint: 'http://global:1',
    });
    expect(loaded.warnings).toEqual([]);
  });

  it('lets AWS_ENDPOINT_URL override the config file, and AWS_ENDPOINT_URL_<SERVICE> override both', async () => {
    const global = await load(config, undefined, { AWS_ENDPOINT_URL: 'http://env:4' });
    for (const name of ['plain', 'global', 'svc']) {
      expect(keys(global, name)).toMatchObject({ stsEndpoint: 'http://env:4', s3Endpoint: 'http://env:4' });
    }
    const specific = await load(config, undefined, {
      AWS_ENDPOINT_URL: 'http://env:4',
      AWS_ENDPOINT_URL_STS: 'http://env-sts:5',
      AWS_ENDPOINT_URL_S3: 'http://env-s3:6',
    });
    expect(keys(specific, 'svc')).toMatchObject({
      stsEndpoint: 'http://env-sts:5',
      s3Endpoint: 'http://env-s3:6',
    });
  });

  it('turns configured endpoints off with ignore_configured_endpoint_urls or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', async () => {
    const viaEnv = await load(config, undefined, {
      AWS_ENDPOINT_URL: 'http://env:4',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    });
    expect(keys(viaEnv, 'svc')).not.toHaveProperty('stsEndpoint');
    const viaProfile = await load(
      ini('[profile k]', ...KEYS, 'endpoint_url = http://x:1', 'ignore_configured_endpoint_urls = true'),
    );
    expect(keys(viaProfile, 'k')).not.toHaveProperty('stsEndpoint');
  });

  it('lists a profile naming a missing services section as unusable, as the SDKs refuse it', async () => {
    const loaded = await load(ini('[profile k]', ...KEYS, 'services = nowhere'));
    expect(unusable(loaded, 'k').reason).toBe(
      'services = nowhere, but ~/.aws/config has no [services nowhere] section.',
    );
  });

  it('takes region and endpoints from the profile itself, never from its source, as the AWS CLI does', async () => {
    const loaded = await load(
      ini(
        '[profile base]',
        ...KEYS,
        'region = eu-central-1',
        'services = local',
        '[services local]',
        'sts =',
        '  endpoint_url = http://sts:1',
        's3 =',
        '  endpoint_url = http://s3:2',
        '[profile mid]',
        `role_arn = ${arn}`,
        'source_profile = base',
        '[profile top]',
        `role_arn = ${arn}`,
        'source_profile = mid',
        'region = us-west-2',
        'endpoint_url = http://own:3',
        '[profile env]',
        `role_arn = ${arn}`,
        'credential_source = Environment',
      ),
    );
    // `aws configure get region --profile mid` prints nothing: mid has no region of its own.
    expect(role(loaded, 'mid')).not.toHaveProperty('region');
    expect(role(loaded, 'mid')).not.toHaveProperty('stsEndpoint');
    expect(keys(loaded, 'base')).toMatchObject({
      region: 'eu-central-1',
      stsEndpoint: 'http://sts:1',
      s3Endpoint: 'http://s3:2',
    });
    expect(role(loaded, 'top')).toMatchObject({
      region: 'us-west-2',
      stsEndpoint: 'http://own:3',
      s3Endpoint: 'http://own:3',
    });
    expect(role(loaded, 'env')).not.toHaveProperty('region');
    // The environment's region comes first, as botocore's AWS_DEFAULT_REGION does.
    const envRegion = await load(ini('[profile k]', ...KEYS, 'region = eu-west-1'), undefined, {
      AWS_DEFAULT_REGION: 'ap-south-1',
    });
    expect(keys(envRegion, 'k').region).toBe('ap-south-1');
  });
});

/** The profiles of the sandbox's written files, which must load without a warning. */
async function loadSandboxProfiles(t: TestSandbox): Promise<LoadedProfiles> {
  const loaded = await loadProfiles({
    env: {
      AWS_CONFIG_FILE: t.description.configFile,
      AWS_SHARED_CREDENTIALS_FILE: t.description.credentialsFile,
    },
    homeDir: t.awsDir,
  });
  expect(loaded.warnings).toEqual([]);
  return loaded;
}

describe("the sandbox's own files", () => {
  it('yields its roles, chains and endpoint', async () => {
    const t = await startTestSandbox();
    try {
      const loaded = await loadSandboxProfiles(t);
      expect(names(loaded)).toEqual(t.description.profiles);
      const endpoint = t.description.endpoint;
      expect(role(loaded, 'prod-read-only')).toMatchObject({
        accountId: PROD,
        roleName: 'DevReadOnly-CrossAccount',
        partition: 'aws',
        chain: ['prod-read-only', 'dev'],
        stsEndpoint: endpoint,
        region: t.description.region,
      });
      expect(role(loaded, 'prod-read-only-mfa')).toMatchObject({
        mfaSerial: t.mfaSerial(),
        chain: ['prod-read-only-mfa', 'dev'],
        stsEndpoint: endpoint,
      });
      expect(role(loaded, 'prod-log-reader').chain).toEqual(['prod-log-reader', 'prod-read-only', 'dev']);
      expect(keys(loaded, 'dev')).toMatchObject({
        kind: 'keys',
        ...t.userKeys('Tyler-Dev'),
        stsEndpoint: endpoint,
        s3Endpoint: endpoint,
      });
    } finally {
      await t.stop();
    }
  });
});

describe("the sandbox's IAM Identity Center files", () => {
  it('yields its SSO profiles and the role chained from one, each with the sandbox for sso and sso-oidc', async () => {
    const t = await startTestSandbox({ identityCenterProfiles: true });
    try {
      const loaded = await loadSandboxProfiles(t);
      const endpoint = t.description.endpoint;
      const endpoints = { stsEndpoint: endpoint, ssoEndpoint: endpoint, ssoOidcEndpoint: endpoint };
      const startUrl = t.description.identityCenter!.startUrl;
      const byName = (name: string) => loaded.profiles.find((profile) => profile.name === name);
      expect(byName('sso-dev')).toMatchObject({
        kind: 'sso',
        sso: {
          startUrl,
          region: 'eu-west-1',
          accountId: DEV,
          roleName: 'DeveloperAccess',
          tokenCacheKey: 'roletray-sandbox',
        },
        ...endpoints,
      });
      expect(byName('sso-legacy-dev-read-only')).toMatchObject({
        kind: 'sso',
        sso: { startUrl, accountId: DEV, roleName: 'ReadOnlyAccess', tokenCacheKey: startUrl },
        ...endpoints,
      });
      expect(byName('sso-prod-via-dev')).toMatchObject({
        kind: 'role',
        roleArn: `arn:aws:iam::${PROD}:role/ProdReadOnly-FromSso`,
        chain: ['sso-prod-via-dev', 'sso-dev'],
        ...endpoints,
      });
    } finally {
      await t.stop();
    }
  });
});

describe('what RoleTray read differently from the AWS CLI before', () => {
  const arn = `arn:aws:iam::${PROD}:role/R`;

  it('reads non-ASCII profile names, and roles sourcing them', async () => {
    const loaded = await load(
      ini('[profile café]', ...KEYS, '[profile prod-日本]', `role_arn = ${arn}`, 'source_profile = café'),
    );
    expect(role(loaded, 'prod-日本')).toMatchObject({ chain: ['prod-日本', 'café'] });
    expect(keys(loaded, 'café').accessKeyId).toBe('AKIAEXAMPLE');
  });

  it('reads key names in any case, as botocore lowercases them', async () => {
    const loaded = await load(
      ini('[profile upper]', `Role_Arn = ${arn}`, 'Source_Profile = upper'),
      ini('[upper]', 'AWS_ACCESS_KEY_ID = AKIAUPPER', 'Aws_Secret_Access_Key = s'),
    );
    // A self-sourced role holding keys, not a cycle.
    expect(role(loaded, 'upper')).toMatchObject({
      roleArn: arn,
      chain: ['upper'],
      sourceKeys: { accessKeyId: 'AKIAUPPER', secretAccessKey: 's' },
    });
  });

  it('reads `[profile x]#note` as [profile x]', async () => {
    expect(names(await load(ini('[profile x]#note', ...KEYS)))).toEqual(['x']);
  });

  it('neither offers nor flags the hand-off profile RoleTray itself suggests pasting', async () => {
    const loaded = await load(
      ini(
        '[profile roletray-prod]',
        'credential_process = node "/opt/Role Tray/cli/roletray-credentials.mjs" --handoff-dir /run/user/1000/roletray prod',
        'region = us-east-1',
        '[profile prod]',
        `role_arn = ${arn}`,
        'source_profile = k',
        '[profile via-handoff]',
        `role_arn = ${arn}`,
        'source_profile = roletray-prod',
        '[profile k]',
        ...KEYS,
      ),
    );
    expect(names(loaded)).toEqual(['prod', 'via-handoff', 'k']);
    expect(loaded.warnings).toEqual([]);
    expect(unusable(loaded, 'via-handoff').reason).toBe(
      "source profile roletray-prod runs roletray-credentials, RoleTray's own hand-off, so RoleTray would ask itself; name the profile it hands off as source_profile instead.",
    );
  });

  it('reads a profile whose credential_process asks RoleTray for itself as keys RoleTray holds, rooting roles', async () => {
    const loaded = await load(
      ini(
        '[profile dev]',
        'credential_process = node "/opt/Role Tray/cli/roletray-credentials.mjs" --handoff-dir /run/user/1000/roletray dev',
        'region = eu-west-1',
        `endpoint_url = http://127.0.0.1:4566`,
        '[profile prod]',
        `role_arn = ${arn}`,
        'source_profile = dev',
        '[profile roletray-prod]',
        'credential_process = roletray-credentials prod',
      ),
    );
    expect(names(loaded)).toEqual(['dev', 'prod']);
    expect(loaded.profiles[0]).toEqual({
      kind: 'held',
      name: 'dev',
      command: 'node "/opt/Role Tray/cli/roletray-credentials.mjs" --handoff-dir /run/user/1000/roletray dev',
      region: 'eu-west-1',
      stsEndpoint: 'http://127.0.0.1:4566',
      s3Endpoint: 'http://127.0.0.1:4566',
      iamEndpoint: 'http://127.0.0.1:4566',
    });
    expect(role(loaded, 'prod')).toMatchObject({
      chain: ['prod', 'dev'],
      source: { kind: 'profile', profile: 'dev' },
    });
    expect(role(loaded, 'prod')).not.toHaveProperty('sourceProcess');
  });
});
