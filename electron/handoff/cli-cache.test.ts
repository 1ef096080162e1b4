import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../../test-support/client-process';
import { MFA_ROLE, PROD, startTestSandbox, type TestSandbox } from '../../test-support/sandbox';
import { loadProfiles } from '../core/profiles/profile-loader';
import type { RoleProfile } from '../core/profiles/profiles';
import {
  CLI_CACHE_EXPIRY_WINDOW_MS,
  cliCacheDir,
  cliCacheEntry,
  cliCacheKey,
  removeCliCache,
  writeCliCache,
  type CliCacheRole,
} from './cli-cache';
import { nodeCacheFileFs, type CacheFileFs } from '../core/cache-file';

// The CLI's cache key is checked against Debian's botocore itself (the AWS CLI's vendored copy and
// python3-botocore), and the cache file against the real AWS CLI v2 (/usr/bin/aws) talking to the
// sandbox. The /usr/bin paths are used on purpose: `aws`/`python3` on PATH may be pyenv shims.

const AWS_CLI = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3';
const INSTALL = 'apt-get install -y awscli python3-botocore';
const CLI_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 120_000;

/** Which botocore copies /usr/bin/python3 can import: the AWS CLI's own (`import awscli` aliases it), the system one. */
const BOTOCORES = (['awscli', 'botocore'] as const).filter((module) =>
  runs(PYTHON, ['-c', `import ${module}; import botocore.credentials`]),
);
const botocoreMissing =
  BOTOCORES.length > 0 ? undefined : `${PYTHON} cannot import botocore; install it with: ${INSTALL}`;
const cliMissing = runs(AWS_CLI, ['--version'])
  ? undefined
  : `${AWS_CLI} is missing or does not run; install it with: ${INSTALL}`;
for (const missing of [botocoreMissing, cliMissing]) {
  if (missing) console.warn(`cli-cache.test.ts: skipping tests: ${missing}`);
}

// Builds botocore's AssumeRoleProvider for each profile (values as strings, as in a config file) and
// records the cache key its fetcher looks up; the cache answers with a fresh entry so nothing is called.
const BOTOCORE_KEYS = String.raw`
import json, sys
if sys.argv[1] == 'awscli':
    import awscli  # aliases botocore to the CLI's vendored copy
import botocore.credentials as credentials

class Recorder:
    def __init__(self):
        self.keys = []
    def __contains__(self, key):
        self.keys.append(key)
        return True
    def __getitem__(self, key):
        return {'Credentials': {'AccessKeyId': 'ASIAEXAMPLE', 'SecretAccessKey': 's', 'SessionToken': 't',
                                'Expiration': '2999-01-01T00:00:00UTC'}}

keys = []
for profile in json.loads(sys.stdin.read()):
    config = {'profiles': {'role': dict(profile, source_profile='source'),
                           'source': {'aws_access_key_id': 'AKIDEXAMPLE', 'aws_secret_access_key': 'x'}}}
    cache = Recorder()
    provider = credentials.AssumeRoleProvider(
        load_config=lambda: config, client_creator=None, cache=cache, profile_name='role')
    provider.load().get_frozen_credentials()
    assert len(cache.keys) == 1, cache.keys
    keys.append(cache.keys[0])
print(json.dumps({'module': credentials.__file__, 'keys': keys}))
`;

const ARN = `arn:aws:iam::${PROD}:role/DevReadOnlyAccesswithMFA`;
const SERIAL = 'arn:aws:iam::210987654321:mfa/Tyler-Dev';
/** A profile as the config file has it, and the same as RoleTray's RoleProfile fields. */
const CASES: { name: string; profile: Record<string, string>; role: CliCacheRole }[] = [
  { name: 'role_arn only', profile: { role_arn: ARN }, role: { roleArn: ARN } },
  {
    name: 'with role_session_name',
    profile: { role_arn: ARN, role_session_name: 'tyler' },
    role: { roleArn: ARN, roleSessionName: 'tyler' },
  },
  {
    name: 'external_id + mfa_serial + duration_seconds',
    profile: { role_arn: ARN, external_id: 'acme-audit-2026', mfa_serial: SERIAL, duration_seconds: '43200' },
    role: { roleArn: ARN, externalId: 'acme-audit-2026', mfaSerial: SERIAL, durationSeconds: 43200 },
  },
  {
    name: 'everything',
    profile: {
      role_arn: ARN,
      role_session_name: 'tyler@acme.example',
      external_id: 'x',
      mfa_serial: SERIAL,
      duration_seconds: '0900',
    },
    role: {
      roleArn: ARN,
      roleSessionName: 'tyler@acme.example',
      externalId: 'x',
      mfaSerial: SERIAL,
      durationSeconds: 900,
    },
  },
  // STS would refuse this name (its pattern is [\w+=,.@-]*), but the CLI derives the key before any call:
  // json.dumps escapes it as \u00e9 and a surrogate pair.
  {
    name: 'non-ASCII role_session_name',
    profile: { role_arn: ARN, role_session_name: 'café-🍕' },
    role: { roleArn: ARN, roleSessionName: 'café-🍕' },
  },
  {
    name: 'external_id with characters json.dumps escapes',
    profile: { role_arn: ARN, external_id: 'a"b\\c/d:e\u007f' },
    role: { roleArn: ARN, externalId: 'a"b\\c/d:e\u007f' },
  },
  {
    name: 'an empty role_session_name counts as none',
    profile: { role_arn: ARN, role_session_name: '' },
    role: { roleArn: ARN, roleSessionName: '' },
  },
];

describe('cliCacheKey', () => {
  it('is the sha1 of json.dumps({"RoleArn": ...}, sort_keys=True) for a bare role', () => {
    // python3 -c 'import json,hashlib; print(hashlib.sha1(json.dumps({"RoleArn": "arn:aws:iam::1:role/x"}, sort_keys=True).encode()).hexdigest())'
    expect(cliCacheKey({ roleArn: 'arn:aws:iam::1:role/x' })).toBe(
      '4822f6991251fc6fb078b9e88b03e52c9e3ff12d',
    );
  });

  it('differs for each setting and ignores a non-integer duration (botocore drops it)', () => {
    const keys = CASES.slice(0, -1).map((entry) => cliCacheKey(entry.role));
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect(cliCacheKey({ roleArn: ARN, durationSeconds: 3600.5 })).toBe(cliCacheKey({ roleArn: ARN }));
  });

  describe.skipIf(botocoreMissing !== undefined)(
    botocoreMissing ? `against botocore (skipped: ${botocoreMissing})` : 'against botocore',
    () => {
      for (const module of BOTOCORES) {
        it(`matches the key ${module === 'awscli' ? "the AWS CLI's vendored" : 'python3-botocore'}'s AssumeRoleProvider looks up`, () => {
          const out = execFileSync(PYTHON, ['-c', BOTOCORE_KEYS, module], {
            input: JSON.stringify(CASES.map((entry) => entry.profile)),
            encoding: 'utf8',
            timeout: 30_000,
            env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
          });
          const result = JSON.parse(out) as { module: string; keys: string[] };
          expect(result.module).toMatch(
            module === 'awscli'
              ? /\/awscli\/botocore\/credentials\.py$/
              : /^\/usr\/lib\/python3\/.*\/botocore\//,
          );
          const named = (keys: string[]) =>
            Object.fromEntries(CASES.map((entry, i) => [entry.name, keys[i]]));
          expect(named(CASES.map((entry) => cliCacheKey(entry.role)))).toEqual(named(result.keys));
        });
      }
    },
  );
});

describe('cliCacheDir and cliCacheEntry', () => {
  it('is ~/.aws/cli/cache', () => {
    expect(cliCacheDir('/home/tyler')).toBe('/home/tyler/.aws/cli/cache');
  });

  it("has the AssumeRole response's shape with Expiration as botocore writes it", () => {
    const credentials = {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: Date.UTC(2026, 0, 2, 3, 4, 5, 999),
    };
    expect(cliCacheEntry(credentials)).toStrictEqual({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: '2026-01-02T03:04:05UTC',
      },
    });
    expect(cliCacheEntry(credentials, { arn: 'arn:x', assumedRoleId: 'AROAX:s' }).AssumedRoleUser).toEqual({
      AssumedRoleId: 'AROAX:s',
      Arn: 'arn:x',
    });
    expect(() => cliCacheEntry({ ...credentials, expiration: NaN })).toThrow();
  });

  it('has a 15-minute expiry window', () => {
    expect(CLI_CACHE_EXPIRY_WINDOW_MS).toBe(15 * 60 * 1000);
  });
});

describe('writeCliCache and removeCliCache', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'roletray-cli-cache-'));
  });
  afterAll(async () => {
    if (home) await rm(home, { recursive: true, force: true });
  });

  const role: CliCacheRole = { roleArn: ARN, mfaSerial: SERIAL };
  const entry = (accessKeyId: string) =>
    cliCacheEntry({
      accessKeyId,
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: Date.now() + 3_600_000,
    });
  const mode = async (path: string) => (await stat(path)).mode & 0o777;

  it('creates the folders 0700 and the file 0600, atomically, with nothing else left behind', async () => {
    const dir = cliCacheDir(home);
    const path = await writeCliCache(dir, role, entry('ASIAFIRST'));
    expect(path).toBe(join(dir, `${cliCacheKey(role)}.json`));
    expect(await mode(path)).toBe(0o600);
    for (const folder of [join(home, '.aws'), join(home, '.aws', 'cli'), dir])
      expect(await mode(folder)).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(entry('ASIAFIRST'));

    await writeCliCache(dir, role, entry('ASIASECOND'));
    expect(await readdir(dir)).toEqual([`${cliCacheKey(role)}.json`]);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      Credentials: { AccessKeyId: 'ASIASECOND' },
    });
    expect(await mode(path)).toBe(0o600);
  });

  it('removes its temp file and keeps the old file when the rename fails', async () => {
    const dir = join(home, 'rename-fails');
    const path = await writeCliCache(dir, role, entry('ASIAOLD'));
    const failing: CacheFileFs = {
      ...nodeCacheFileFs,
      rename: async () => {
        throw new Error('EXDEV');
      },
    };
    await expect(writeCliCache(dir, role, entry('ASIANEW'), failing)).rejects.toThrow('EXDEV');
    expect(await readdir(dir)).toEqual([`${cliCacheKey(role)}.json`]);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      Credentials: { AccessKeyId: 'ASIAOLD' },
    });
  });

  it('removes only the file whose AccessKeyId is the one RoleTray wrote', async () => {
    const dir = join(home, 'remove');
    const path = await writeCliCache(dir, role, entry('ASIAROLETRAY'));
    expect(await removeCliCache(dir, cliCacheKey(role), 'ASIAOTHER')).toBe(false);
    expect(existsSync(path)).toBe(true);
    expect(await removeCliCache(dir, cliCacheKey({ roleArn: ARN }), 'ASIAROLETRAY')).toBe(false); // another profile's key
    expect(existsSync(path)).toBe(true);

    // The CLI rewrote it with its own session: left alone.
    await writeCliCache(dir, role, entry('ASIACLIREWROTE'));
    expect(await removeCliCache(dir, cliCacheKey(role), 'ASIAROLETRAY')).toBe(false);
    expect(existsSync(path)).toBe(true);

    expect(await removeCliCache(dir, cliCacheKey(role), 'ASIACLIREWROTE')).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(await removeCliCache(dir, cliCacheKey(role), 'ASIACLIREWROTE')).toBe(false);

    await writeFile(path, 'not json');
    expect(await removeCliCache(dir, cliCacheKey(role), 'ASIAROLETRAY')).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('not json');
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(cliMissing !== undefined)(
  cliMissing
    ? `the AWS CLI reads the cache (skipped: ${cliMissing})`
    : `the AWS CLI (${AWS_CLI}) reads the cache`,
  () => {
    let t: TestSandbox;
    let profile: RoleProfile;
    let session: { credentials: Parameters<typeof cliCacheEntry>[0]; arn: string; assumedRoleId: string };
    const requestLog: string[] = [];
    const homes: string[] = [];
    const sessionName = `roletray-${randomBytes(4).toString('hex')}`;
    const assumedArn = `arn:aws:sts::${PROD}:assumed-role/DevReadOnlyAccesswithMFA/${sessionName}`;

    beforeAll(async () => {
      t = await startTestSandbox({ onRequest: (line) => requestLog.push(line) });
      const loaded = await loadProfiles({
        env: {
          AWS_CONFIG_FILE: t.description.configFile,
          AWS_SHARED_CREDENTIALS_FILE: t.description.credentialsFile,
        },
        homeDir: tmpdir(),
      });
      const found = loaded.profiles.find((candidate) => candidate.name === 'prod-read-only-mfa');
      if (found?.kind !== 'role')
        throw new Error('the sandbox config has no prod-read-only-mfa role profile');
      profile = found;
      const assumed = await t.sts(t.userKeys('Tyler-Dev')).send(
        new AssumeRoleCommand({
          RoleArn: MFA_ROLE,
          RoleSessionName: sessionName,
          SerialNumber: t.mfaSerial(),
          TokenCode: t.mfaCode(),
        }),
      );
      const { Credentials: c, AssumedRoleUser: user } = assumed;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !user?.Arn)
        throw new Error('AssumeRole returned no credentials');
      session = {
        credentials: {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          expiration: c.Expiration.getTime(),
        },
        arn: user.Arn,
        assumedRoleId: user.AssumedRoleId ?? '',
      };
    }, TEST_TIMEOUT_MS);
    afterAll(async () => {
      await t?.stop();
      await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
    });

    async function newHome(): Promise<string> {
      const home = await mkdtemp(join(tmpdir(), 'roletray-cli-cache-home-'));
      homes.push(home);
      return home;
    }

    /** A cache with the MFA role's session in a fresh HOME, its Expiration `expiresInMs` from now (real clock). */
    async function homeWithCache(expiresInMs?: number): Promise<{ home: string; path: string }> {
      const home = await newHome();
      const credentials =
        expiresInMs === undefined
          ? session.credentials
          : { ...session.credentials, expiration: Date.now() + expiresInMs };
      const path = await writeCliCache(
        cliCacheDir(home),
        profile,
        cliCacheEntry(credentials, { arn: session.arn, assumedRoleId: session.assumedRoleId }),
      );
      return { home, path };
    }

    /**
     * Runs the CLI with a clean environment, stdin closed and in its own session (no controlling
     * terminal), so an MFA prompt cannot be answered. Resolves with its exit status and the sandbox
     * requests it made.
     */
    function aws(
      home: string,
      args: string[],
      env: Record<string, string> = {},
    ): Promise<Run & { requests: string[] }> {
      const before = requestLog.length;
      return new Promise((resolve, reject) => {
        const child = spawn(
          AWS_CLI,
          [
            '--profile',
            'prod-read-only-mfa',
            ...args,
            '--endpoint-url',
            t.sandbox.endpoint,
            '--output',
            'json',
          ],
          {
            env: {
              HOME: home,
              PATH: '/usr/bin:/bin',
              LANG: 'C.UTF-8',
              AWS_CONFIG_FILE: t.description.configFile,
              AWS_SHARED_CREDENTIALS_FILE: t.description.credentialsFile,
              AWS_EC2_METADATA_DISABLED: 'true',
              AWS_PAGER: '',
              ...env,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true,
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
        child.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr, requests: requestLog.slice(before) });
        });
      });
    }

    const expectNoPromptFailure = (run: Run & { requests: string[] }) => {
      expect(run.code, run.stdout).not.toBe(0);
      expect(run.stderr).toContain(`Enter MFA code for ${SERIAL}`);
      expect(run.requests.filter((line) => line.startsWith('sts '))).toEqual([]);
    };

    it('uses the sandbox with its clock unmoved (the CLI signs with the real clock) and the config role', () => {
      expect(t.clock.offsetMs).toBe(0);
      expect(profile).toMatchObject({ roleArn: MFA_ROLE, mfaSerial: t.mfaSerial() });
      expect(session.arn).toBe(assumedArn);
    });

    it(
      'sts get-caller-identity reuses the cached session: no MFA prompt, no AssumeRole, the file untouched',
      async () => {
        const { home, path } = await homeWithCache();
        const written = await readFile(path, 'utf8');
        const run = await aws(home, ['sts', 'get-caller-identity']);
        expect(run.code, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ Arn: assumedArn, Account: PROD });
        expect(run.requests).toEqual(['sts 200 GetCallerIdentity']);
        expect(await readFile(path, 'utf8')).toBe(written);
        expect(
          await removeCliCache(cliCacheDir(home), cliCacheKey(profile), session.credentials.accessKeyId),
        ).toBe(true);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      's3 ls with the cached session lists the Prod buckets',
      async () => {
        const { home } = await homeWithCache();
        const run = await aws(home, ['s3', 'ls']);
        expect(run.code, run.stderr).toBe(0);
        const buckets = run.stdout
          .trim()
          .split('\n')
          .map((line) => line.split(' ').at(-1));
        expect(buckets).toEqual(['acme-prod-app-data', 'acme-prod-eu-archive', 'acme-prod-event-logs']);
        expect(run.requests.filter((line) => !line.startsWith('s3 200 '))).toEqual([]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'without the cache file the same command fails: it needs an MFA code and cannot prompt',
      async () => {
        const home = await newHome();
        expectNoPromptFailure(await aws(home, ['sts', 'get-caller-identity']));
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'a file under another key is not used',
      async () => {
        const home = await newHome();
        await writeCliCache(cliCacheDir(home), { roleArn: MFA_ROLE }, cliCacheEntry(session.credentials));
        expectNoPromptFailure(await aws(home, ['sts', 'get-caller-identity']));
      },
      TEST_TIMEOUT_MS,
    );

    // A misread Expiration time zone would shift the boundary by hours: try zones either side of UTC.
    const zones = ['UTC', 'America/New_York', 'Asia/Kolkata'].filter(
      (zone) => zone === 'UTC' || existsSync(join('/usr/share/zoneinfo', zone)),
    );
    for (const zone of zones) {
      it(
        `TZ=${zone}: an entry with less than the expiry window left is not used, one with more is`,
        async () => {
          const stale = await homeWithCache(CLI_CACHE_EXPIRY_WINDOW_MS - 60_000);
          expectNoPromptFailure(await aws(stale.home, ['sts', 'get-caller-identity'], { TZ: zone }));

          const fresh = await homeWithCache(CLI_CACHE_EXPIRY_WINDOW_MS + 5 * 60_000);
          const run = await aws(fresh.home, ['sts', 'get-caller-identity'], { TZ: zone });
          expect(run.code, run.stderr).toBe(0);
          expect(JSON.parse(run.stdout)).toMatchObject({ Arn: assumedArn });
          expect(run.requests).toEqual(['sts 200 GetCallerIdentity']);
        },
        TEST_TIMEOUT_MS,
      );
    }
  },
);
