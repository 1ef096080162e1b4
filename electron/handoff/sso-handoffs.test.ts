import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_CLI,
  boto3Missing,
  CLI_V1,
  cliMissing,
  cliV1Missing,
  PYTHON,
  TEST_TIMEOUT_MS,
} from '../../sandbox/test/real-client-runs';
import { runProcess, type ProcessRun } from '../../test-support/client-process';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { DEV, PROD } from '../../test-support/sandbox';
import { finishBrowserSignIn, SSO_USER } from '../../test-support/sso';
import { dispatch } from '../app/dispatch';
import { cliCacheDir, cliCacheKey, ssoCliCacheKey } from './cli-cache';

// Every hand-off that copies a session, with the sandbox's IAM Identity Center profile (sso-dev)
// and the role chained from it (sso-prod-via-dev), read by real clients over HTTP: shell variables
// run in /bin/sh, the credentials file read by the AWS CLI v1 and boto3, and the AWS CLI's cache
// read by the CLI v2 (SSO and assume-role cache) and v1 (assume-role cache) without a single
// GetRoleCredentials or AssumeRole of their own: the sandbox counts what they ask.

const PROFILES = ['sso-dev', 'sso-prod-via-dev'] as const;
/** The identity each profile's session must show. */
const IDENTITY: Record<(typeof PROFILES)[number], RegExp> = {
  'sso-dev': new RegExp(
    `^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}/${SSO_USER.replace(/\./g, '\\.')}$`,
  ),
  'sso-prod-via-dev': new RegExp(`^arn:aws:sts::${PROD}:assumed-role/ProdReadOnly-FromSso/`),
};

let h: CoreHarness;
const clipboard: string[] = [];

beforeAll(async () => {
  h = await startCoreHarness({
    identityCenterProfiles: true,
    identityCenter: { portalThrottle: { ratePerSecond: 1000 } },
    handoff: (t) => ({
      writeClipboard: async (text) => void clipboard.push(text),
      clipboardClearMs: () => 0,
      openExternal: async (url) =>
        void (await finishBrowserSignIn(url, t.sandbox.scenario.identityCenter!.users[0]!.password)),
      federationEndpoint: `${t.sandbox.endpoint}/federation`,
    }),
  });
  expect(
    await dispatch(h.services.handlers, 'sso:sign-in', { profile: 'sso-dev', method: 'browser' }),
  ).toMatchObject({ ok: true });
  for (const profile of PROFILES) await h.manager.assume(profile);
}, TEST_TIMEOUT_MS);
afterAll(async () => {
  await h?.stop();
});

/** Counts what the sandbox serves from now on: GetRoleCredentials calls and STS actions. */
function mark() {
  const sso = h.ssoRequests.length;
  const sts = h.stsCalls.length;
  return () => ({
    getRoleCredentials: h.ssoRequests.slice(sso).filter((line) => line.endsWith(' GetRoleCredentials'))
      .length,
    sts: h.stsCalls.slice(sts),
  });
}

/** A client run with nothing of this process's environment but what is given. */
function client(file: string, args: string[], env: Record<string, string>): Promise<ProcessRun> {
  return runProcess(file, args, {
    env: {
      PATH: `${dirname(file)}:/usr/bin:/bin`,
      HOME: h.t.awsDir,
      LANG: 'C.UTF-8',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      ...env,
    },
    timeoutMs: 60_000,
  });
}

const files = () => ({
  AWS_CONFIG_FILE: h.t.description.configFile,
  AWS_SHARED_CREDENTIALS_FILE: h.t.description.credentialsFile,
});

function identityOf(run: ProcessRun): string {
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { Arn: string }).Arn;
}

const BOTO3_IDENTITY = [
  'import boto3, json, os, sys',
  'session = boto3.Session(profile_name=sys.argv[1]) if len(sys.argv) > 1 else boto3.Session()',
  "sts = session.client('sts', endpoint_url=os.environ['SANDBOX'], region_name='eu-west-1')",
  "print(json.dumps({'Arn': sts.get_caller_identity()['Arn']}))",
].join('\n');

describe.each(PROFILES)('%s', (profile) => {
  const session = () => h.manager.activeSession(profile)!;

  it.skipIf(cliV1Missing !== undefined)(
    'shell variables: /bin/sh runs the copied lines and the AWS CLI v1 and boto3 use the session',
    async () => {
      expect(await dispatch(h.services.handlers, 'handoff:copy-env', { profile, shell: 'sh' })).toEqual({
        ok: true,
        value: { clearedAfterSeconds: null },
      });
      const lines = clipboard.at(-1)!;
      expect(lines).toContain(`export AWS_ACCESS_KEY_ID='${session().credentials.accessKeyId}'`);
      expect(lines).toContain(`export AWS_ENDPOINT_URL='${h.t.sandbox.endpoint}'`);
      const calls = mark();
      // No config file at all: only what the lines set.
      const none = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
      const cli = await client(
        '/bin/sh',
        ['-c', `${lines}\n"$0" --output json sts get-caller-identity`, CLI_V1!],
        none,
      );
      expect(identityOf(cli)).toMatch(IDENTITY[profile]);
      if (boto3Missing === undefined) {
        const python = await client(
          '/bin/sh',
          ['-c', `${lines}\nexec "$0" -c "$1"`, PYTHON, BOTO3_IDENTITY],
          { ...none, SANDBOX: h.t.sandbox.endpoint },
        );
        expect(identityOf(python)).toMatch(IDENTITY[profile]);
      }
      const clients = boto3Missing === undefined ? 2 : 1;
      expect(calls()).toEqual({
        getRoleCredentials: 0,
        sts: Array<string>(clients).fill('GetCallerIdentity'),
      });
    },
    TEST_TIMEOUT_MS,
  );

  it.skipIf(cliV1Missing !== undefined)(
    'credentials file: a marked section the AWS CLI v1 and boto3 read as a profile of its own',
    async () => {
      const section = `roletray-${profile}`;
      expect(
        await dispatch(h.services.handlers, 'handoff:credentials-file', { profile, profileName: section }),
      ).toMatchObject({ ok: true, value: { credentialsFile: { profileName: section } } });
      const text = await readFile(h.t.description.credentialsFile, 'utf8');
      expect(text).toContain(`[${section}]`);
      expect(text).toContain(`aws_access_key_id = ${session().credentials.accessKeyId}`);
      const calls = mark();
      const cli = await client(
        CLI_V1!,
        ['--output', 'json', 'sts', 'get-caller-identity', '--profile', section],
        // The credentials file holds no region: the user's config or environment gives it.
        { ...files(), AWS_ENDPOINT_URL_STS: h.t.sandbox.endpoint, AWS_DEFAULT_REGION: 'eu-west-1' },
      );
      expect(identityOf(cli)).toMatch(IDENTITY[profile]);
      if (boto3Missing === undefined) {
        const python = await client(PYTHON, ['-c', BOTO3_IDENTITY, section], {
          ...files(),
          SANDBOX: h.t.sandbox.endpoint,
        });
        expect(identityOf(python)).toMatch(IDENTITY[profile]);
      }
      expect(calls().getRoleCredentials).toBe(0);
      expect(calls().sts.filter((call) => call !== 'GetCallerIdentity')).toEqual([]);
      // Off again: the section leaves the file.
      await dispatch(h.services.handlers, 'handoff:credentials-file', { profile, profileName: null });
      expect(await readFile(h.t.description.credentialsFile, 'utf8')).not.toContain(`[${section}]`);
    },
    TEST_TIMEOUT_MS,
  );

  it.skipIf(cliMissing !== undefined)(
    'AWS CLI cache: the CLI v2 runs `--profile` with RoleTray’s session and asks IAM Identity Center and STS for nothing else',
    async () => {
      expect(
        await dispatch(h.services.handlers, 'handoff:cli-cache', { profile, enabled: true }),
      ).toMatchObject({ ok: true, value: { cliCache: { enabled: true, available: true } } });
      const calls = mark();
      // Debian's CLI v2 (2.9) ignores endpoint_url in the config, so STS is named on the command line.
      const cli = await client(
        AWS_CLI,
        [
          '--output',
          'json',
          'sts',
          'get-caller-identity',
          '--profile',
          profile,
          '--endpoint-url',
          h.t.sandbox.endpoint,
        ],
        files(),
      );
      expect(identityOf(cli)).toMatch(IDENTITY[profile]);
      expect(calls()).toEqual({ getRoleCredentials: 0, sts: ['GetCallerIdentity'] });
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the AWS CLI cache files for SSO profiles', () => {
  it.skipIf(cliMissing !== undefined)(
    'serve a legacy profile (sso_start_url in it, keyed by the start URL) to the CLI v2 as well',
    async () => {
      const profile = 'sso-legacy-dev-read-only';
      // Its own sign-in: a legacy profile's token file is named after its start URL.
      expect(
        await dispatch(h.services.handlers, 'sso:sign-in', { profile, method: 'browser' }),
      ).toMatchObject({ ok: true });
      await h.manager.assume(profile);
      await dispatch(h.services.handlers, 'handoff:cli-cache', { profile, enabled: true });
      const calls = mark();
      const cli = await client(
        AWS_CLI,
        [
          '--output',
          'json',
          'sts',
          'get-caller-identity',
          '--profile',
          profile,
          '--endpoint-url',
          h.t.sandbox.endpoint,
        ],
        files(),
      );
      expect(identityOf(cli)).toMatch(
        new RegExp(`^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}/`),
      );
      expect(calls()).toEqual({ getRoleCredentials: 0, sts: ['GetCallerIdentity'] });
    },
    TEST_TIMEOUT_MS,
  );

  it('are named as botocore’s SSOCredentialFetcher and AssumeRoleProvider look them up, and hold the sessions', async () => {
    for (const profile of PROFILES)
      await dispatch(h.services.handlers, 'handoff:cli-cache', { profile, enabled: true });
    const dir = cliCacheDir(h.t.awsDir);
    const dev = JSON.parse(
      await readFile(
        join(
          dir,
          `${ssoCliCacheKey({ accountId: DEV, roleName: 'DeveloperAccess', sessionName: 'roletray-sandbox', startUrl: '' })}.json`,
        ),
        'utf8',
      ),
    ) as { ProviderType: string; Credentials: { AccessKeyId: string; Expiration: string } };
    expect(dev.ProviderType).toBe('sso');
    expect(dev.Credentials.AccessKeyId).toBe(h.manager.activeSession('sso-dev')!.credentials.accessKeyId);
    expect(dev.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const via = JSON.parse(
      await readFile(
        join(dir, `${cliCacheKey({ roleArn: `arn:aws:iam::${PROD}:role/ProdReadOnly-FromSso` })}.json`),
        'utf8',
      ),
    ) as { Credentials: { AccessKeyId: string } };
    expect(via.Credentials.AccessKeyId).toBe(
      h.manager.activeSession('sso-prod-via-dev')!.credentials.accessKeyId,
    );
  });

  it.skipIf(cliV1Missing !== undefined)(
    'the AWS CLI v1 reads the chained role’s file; it keeps no SSO credential cache, so sso-dev asks GetRoleCredentials',
    async () => {
      for (const profile of PROFILES)
        await dispatch(h.services.handlers, 'handoff:cli-cache', { profile, enabled: true });
      const via = mark();
      const chained = await client(
        CLI_V1!,
        ['--output', 'json', 'sts', 'get-caller-identity', '--profile', 'sso-prod-via-dev'],
        files(),
      );
      expect(identityOf(chained)).toMatch(IDENTITY['sso-prod-via-dev']);
      expect(via()).toEqual({ getRoleCredentials: 0, sts: ['GetCallerIdentity'] });
      // awscli 1.x's assumerole.py gives the file cache to assume-role and web identity only.
      const direct = mark();
      const dev = await client(
        CLI_V1!,
        ['--output', 'json', 'sts', 'get-caller-identity', '--profile', 'sso-dev'],
        files(),
      );
      expect(identityOf(dev)).toMatch(IDENTITY['sso-dev']);
      expect(direct().getRoleCredentials).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );
});
