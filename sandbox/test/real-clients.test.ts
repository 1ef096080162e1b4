import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt, totpCounter } from '../src/totp';
import {
  DEV,
  MFA_ROLE,
  PROD,
  READ_ONLY_ROLE,
  startTestSandbox,
  type TestSandbox,
} from '../../test-support/sandbox';
import {
  assumedRoleArn,
  AWS_CLI,
  boto3 as runBoto3,
  boto3Missing,
  cliMissing,
  expectTemporary as expectTemporaryOf,
  failed,
  PYTHON,
  runClient,
  succeeded,
  TEST_TIMEOUT_MS,
  type StsCredentials,
} from './real-client-runs';

// The sandbox against real, non-JS AWS clients: Debian's AWS CLI v2 (/usr/bin/aws) and boto3
// (/usr/bin/python3 with python3-boto3, driven by boto3_check.py). They sign, serialize and parse on their
// own (botocore), so they catch wire-protocol slips the SDK v3 tests cannot. Debian's CLI (2.9) ignores
// endpoint_url in the config file, hence --endpoint-url; boto3 1.26 does too, hence endpoint_url=.

for (const missing of [cliMissing, boto3Missing]) {
  if (missing) console.warn(`real-clients.test.ts: skipping tests: ${missing}`);
}

const TYLER_ARN = `arn:aws:iam::${DEV}:user/Tyler-Dev`;
const SAM_ARN = `arn:aws:iam::${DEV}:user/Sam-Contractor`;
const PROD_BUCKETS = ['acme-prod-app-data', 'acme-prod-eu-archive', 'acme-prod-event-logs'];
const UNICODE_KEY = 'docs/naïve café/menu 🍕.txt';
const CONTRACTOR_DENIED = `User: ${SAM_ARN} is not authorized to perform: sts:AssumeRole on resource: ${READ_ONLY_ROLE}`;

let t: TestSandbox;
let home: string;
const requestLog: string[] = [];

beforeAll(async () => {
  t = await startTestSandbox({ onRequest: (line) => requestLog.push(line) });
  home = await mkdtemp(join(tmpdir(), 'roletray-real-clients-home-'));
});
afterAll(async () => {
  await t?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

const run = (file: string, args: string[], env: Record<string, string> = {}) =>
  runClient(t, home, file, args, env);
const expectTemporary = (credentials: StsCredentials) => expectTemporaryOf(t, credentials);

const appJson = () =>
  t.sandbox.s3.buckets.get('acme-prod-app-data')!.get('config/app.json')!.body().toString('utf8');
const tylerUserId = () => t.sandbox.identities.users.get('Tyler-Dev')!.id;
const tylerMfa = () => t.description.users.find((user) => user.name === 'Tyler-Dev')!.mfa!;

/**
 * A moment (by the sandbox clock) whose TOTP code the sandbox has not accepted yet: it takes each code
 * once, and codes one step either side of now. When the next unused step is further ahead than that,
 * the sandbox clock moves forward (clients' 15-minute signing skew leaves plenty of room).
 */
let lastMfaCounter = -1;
function freshMfaMoment(): number {
  const current = totpCounter(t.clock.now());
  const target = Math.max(current, lastMfaCounter + 1);
  if (target > current + 1) t.clock.advance((target - current - 1) * 30);
  lastMfaCounter = target;
  return target * 30_000 + 15_000;
}

describe.skipIf(cliMissing !== undefined)(
  cliMissing ? `AWS CLI (skipped: ${cliMissing})` : `AWS CLI v2 (${AWS_CLI})`,
  () => {
    const aws = (args: string[], env: Record<string, string> = {}) =>
      run(AWS_CLI, ['--endpoint-url', t.sandbox.endpoint, '--output', 'json', ...args], env);

    async function awsJson<T>(args: string[], env: Record<string, string> = {}): Promise<T> {
      const result = await aws(args, env);
      expect(result.code, `aws ${args.join(' ')}: ${result.stderr}`).toBe(0);
      return JSON.parse(result.stdout) as T;
    }

    let roleEnv: Promise<Record<string, string>> | undefined;
    /** DevReadOnly-CrossAccount credentials from `aws sts assume-role`, as environment variables. */
    const readOnlyEnv = () =>
      (roleEnv ??= awsJson<{ Credentials: StsCredentials; AssumedRoleUser: { Arn: string } }>([
        '--profile',
        'dev',
        'sts',
        'assume-role',
        '--role-arn',
        READ_ONLY_ROLE,
        '--role-session-name',
        'cli-session',
      ]).then(({ Credentials: credentials, AssumedRoleUser }) => {
        expectTemporary(credentials);
        expect(AssumedRoleUser.Arn).toBe(assumedRoleArn('DevReadOnly-CrossAccount', 'cli-session'));
        return {
          AWS_ACCESS_KEY_ID: credentials.AccessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
          AWS_SESSION_TOKEN: credentials.SessionToken,
        };
      }));

    it(
      'sts get-caller-identity --profile dev answers Tyler-Dev',
      async () => {
        const identity = await awsJson<{ Arn: string; Account: string; UserId: string }>([
          '--profile',
          'dev',
          'sts',
          'get-caller-identity',
        ]);
        expect(identity).toEqual({ Arn: TYLER_ARN, Account: DEV, UserId: tylerUserId() });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'sts assume-role DevReadOnly-CrossAccount: the env-var credentials list the prod buckets and are the assumed role',
      async () => {
        const env = await readOnlyEnv();
        const [buckets, identity] = await Promise.all([
          awsJson<{ Buckets: { Name: string }[] }>(['s3api', 'list-buckets'], env),
          awsJson<{ Arn: string; Account: string }>(['sts', 'get-caller-identity'], env),
        ]);
        expect(buckets.Buckets.map((bucket) => bucket.Name)).toEqual(PROD_BUCKETS);
        expect(identity).toMatchObject({
          Arn: assumedRoleArn('DevReadOnly-CrossAccount', 'cli-session'),
          Account: PROD,
        });
        const listing = await aws(['s3', 'ls'], env);
        expect(listing.code, listing.stderr).toBe(0);
        expect(
          listing.stdout
            .trim()
            .split('\n')
            .map((line) => line.split(' ').at(-1)),
        ).toEqual(PROD_BUCKETS);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'aws s3 mb with the read-only role fails with AccessDenied naming s3:CreateBucket',
      async () => {
        const result = await aws(['s3', 'mb', 's3://acme-prod-cli-new'], await readOnlyEnv());
        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain('make_bucket failed: s3://acme-prod-cli-new');
        expect(result.stderr).toContain(
          'An error occurred (AccessDenied) when calling the CreateBucket operation',
        );
        expect(result.stderr).toContain(
          `User: ${assumedRoleArn('DevReadOnly-CrossAccount', 'cli-session')} is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::acme-prod-cli-new"`,
        );
        expect(t.sandbox.s3.buckets.has('acme-prod-cli-new')).toBe(false);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'sts assume-role of the MFA role: --serial-number/--token-code from the TOTP secret works, no code is AccessDenied',
      async () => {
        const serial = tylerMfa().serial;
        const base = ['--profile', 'dev', 'sts', 'assume-role', '--role-arn', MFA_ROLE];
        const denied = await aws([...base, '--role-session-name', 'cli-no-code', '--serial-number', serial]);
        expect(denied.code).not.toBe(0);
        expect(denied.stderr).toContain(
          `An error occurred (AccessDenied) when calling the AssumeRole operation: User: ${TYLER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${MFA_ROLE}`,
        );

        const code = totpAt(tylerMfa().secret, freshMfaMoment());
        const assumed = await awsJson<{ Credentials: StsCredentials; AssumedRoleUser: { Arn: string } }>([
          ...base,
          '--role-session-name',
          'cli-mfa',
          '--serial-number',
          serial,
          '--token-code',
          code,
        ]);
        expectTemporary(assumed.Credentials);
        expect(assumed.AssumedRoleUser.Arn).toBe(assumedRoleArn('DevReadOnlyAccesswithMFA', 'cli-mfa'));
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'the contractor assuming the read-only role is AccessDenied with AWS wording',
      async () => {
        const result = await aws([
          '--profile',
          'contractor',
          'sts',
          'assume-role',
          '--role-arn',
          READ_ONLY_ROLE,
          '--role-session-name',
          'contractor',
        ]);
        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain(
          `An error occurred (AccessDenied) when calling the AssumeRole operation: ${CONTRACTOR_DENIED}`,
        );
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'aws s3 ls of the eu-west-1 bucket follows the 301 to its region',
      async () => {
        const before = requestLog.length;
        const result = await aws(['s3', 'ls', 's3://acme-prod-eu-archive/'], await readOnlyEnv());
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/^\s+PRE gdpr\/$/m);
        const log = requestLog.slice(before);
        expect(log.some((line) => line.startsWith('s3 301 GET /acme-prod-eu-archive'))).toBe(true);
        expect(log.at(-1)).toMatch(/^s3 200 GET \/acme-prod-eu-archive/);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'aws s3 cp of config/app.json to stdout prints its bytes; unicode keys list decoded',
      async () => {
        const env = await readOnlyEnv();
        const [copied, listed] = await Promise.all([
          aws(['s3', 'cp', 's3://acme-prod-app-data/config/app.json', '-'], env),
          aws(['s3', 'ls', '--recursive', 's3://acme-prod-app-data/docs/'], env),
        ]);
        expect(copied.code, copied.stderr).toBe(0);
        expect(copied.stdout).toBe(appJson());
        expect(JSON.parse(copied.stdout)).toMatchObject({ service: 'checkout', version: '4.12.0' });
        expect(listed.code, listed.stderr).toBe(0);
        expect(listed.stdout).toContain(` ${UNICODE_KEY}\n`);
      },
      TEST_TIMEOUT_MS,
    );
  },
);

describe.skipIf(boto3Missing !== undefined)(
  boto3Missing ? `boto3 (skipped: ${boto3Missing})` : `boto3 (${PYTHON}, boto3_check.py)`,
  () => {
    const boto3 = <T>(mode: string, args: string[], env: Record<string, string> = {}) =>
      runBoto3<T>(t, home, mode, args, env);

    type Assumed = {
      Credentials: StsCredentials;
      AssumedRoleUser: { Arn: string };
      tokenCode: string | null;
    };

    let roleArgs: Promise<string[]> | undefined;
    /** DevReadOnly-CrossAccount credentials from boto3's assume_role, as boto3.Session arguments. */
    const readOnlyArgs = () =>
      (roleArgs ??= boto3<Assumed>('assume-role', [
        '--profile',
        'dev',
        '--role-arn',
        READ_ONLY_ROLE,
        '--session-name',
        'boto3-session',
      ]).then((output) => {
        const { Credentials: credentials, AssumedRoleUser } = succeeded(output);
        expectTemporary(credentials);
        expect(AssumedRoleUser.Arn).toBe(assumedRoleArn('DevReadOnly-CrossAccount', 'boto3-session'));
        return [
          '--access-key-id',
          credentials.AccessKeyId,
          '--secret-access-key',
          credentials.SecretAccessKey,
          '--session-token',
          credentials.SessionToken,
        ];
      }));

    it(
      'get_caller_identity with profile dev answers Tyler-Dev',
      async () => {
        const identity = succeeded(
          await boto3<{ Arn: string; Account: string; UserId: string }>('caller-identity', [
            '--profile',
            'dev',
          ]),
        );
        expect(identity).toEqual({ Arn: TYLER_ARN, Account: DEV, UserId: tylerUserId() });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'assume_role DevReadOnly-CrossAccount: a Session with its keys lists the prod buckets and is the assumed role',
      async () => {
        const session = await readOnlyArgs();
        const [buckets, identity] = await Promise.all([
          boto3<{ Buckets: string[] }>('list-buckets', session),
          boto3<{ Arn: string; Account: string }>('caller-identity', session),
        ]);
        expect(succeeded(buckets).Buckets).toEqual(PROD_BUCKETS);
        expect(succeeded(identity)).toMatchObject({
          Arn: assumedRoleArn('DevReadOnly-CrossAccount', 'boto3-session'),
          Account: PROD,
        });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'create_bucket with the read-only role raises AccessDenied naming s3:CreateBucket',
      async () => {
        const error = failed(
          await boto3('create-bucket', [...(await readOnlyArgs()), '--bucket', 'acme-prod-boto3-new']),
        );
        expect(error).toMatchObject({ code: 'AccessDenied', status: 403, operation: 'CreateBucket' });
        expect(error.message).toBe(
          `User: ${assumedRoleArn('DevReadOnly-CrossAccount', 'boto3-session')} is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::acme-prod-boto3-new" because no identity-based policy allows the s3:CreateBucket action`,
        );
        expect(t.sandbox.s3.buckets.has('acme-prod-boto3-new')).toBe(false);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'assume_role of the MFA role with SerialNumber/TokenCode computed in Python works; without TokenCode AccessDenied',
      async () => {
        const base = ['--profile', 'dev', '--role-arn', MFA_ROLE, '--mfa-user', 'Tyler-Dev'];
        const denied = failed(await boto3('assume-role', [...base, '--session-name', 'boto3-no-code']));
        expect(denied).toMatchObject({ code: 'AccessDenied', status: 403, operation: 'AssumeRole' });
        expect(denied.message).toBe(
          `User: ${TYLER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${MFA_ROLE}`,
        );

        const moment = freshMfaMoment();
        const assumed = succeeded(
          await boto3<Assumed>('assume-role', [
            ...base,
            '--session-name',
            'boto3-mfa',
            '--totp-at-ms',
            String(moment),
          ]),
        );
        // Python's own RFC 6238 agrees with the sandbox's.
        expect(assumed.tokenCode).toBe(totpAt(tylerMfa().secret, moment));
        expectTemporary(assumed.Credentials);
        expect(assumed.AssumedRoleUser.Arn).toBe(assumedRoleArn('DevReadOnlyAccesswithMFA', 'boto3-mfa'));
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'the contractor assuming the read-only role raises AccessDenied with AWS wording',
      async () => {
        const error = failed(
          await boto3('assume-role', ['--profile', 'contractor', '--role-arn', READ_ONLY_ROLE]),
        );
        expect(error).toEqual({
          code: 'AccessDenied',
          status: 403,
          operation: 'AssumeRole',
          message: CONTRACTOR_DENIED,
        });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "the article's flow: assume_role with MFA, then the s3 resource lists, downloads and presigns",
      async () => {
        interface Fetched {
          url: string;
          status: number;
          base64?: string;
          body?: string;
        }
        const moment = freshMfaMoment();
        const report = succeeded(
          await boto3<{
            tokenCode: string;
            assumedRoleArn: string;
            buckets: string[];
            keys: string[];
            downloadBase64: string;
            presignedDefault: Fetched;
            presignedSigV4: Fetched;
          }>(
            'article',
            [
              '--role-arn',
              MFA_ROLE,
              '--session-name',
              'article',
              '--mfa-user',
              'Tyler-Dev',
              '--totp-at-ms',
              String(moment),
              '--bucket',
              'acme-prod-app-data',
              '--key',
              'config/app.json',
            ],
            { AWS_PROFILE: 'dev' },
          ),
        );
        const decode = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8');
        expect(report.tokenCode).toBe(totpAt(tylerMfa().secret, moment));
        expect(report.assumedRoleArn).toBe(assumedRoleArn('DevReadOnlyAccesswithMFA', 'article'));
        expect(report.buckets).toEqual(PROD_BUCKETS);

        // objects.all() is ListObjects v1 with encoding-type=url: every key, decoded, in S3's order.
        const stored = t.sandbox.s3.buckets
          .get('acme-prod-app-data')!
          .list('', '', '', 1000)
          .objects.map((object) => object.key);
        expect(report.keys).toEqual(stored);
        expect(report.keys).toContain(UNICODE_KEY);
        expect(report.keys).toContain('docs/Quarterly Report – Q3.txt');

        expect(decode(report.downloadBase64)).toBe(appJson());

        expect(report.presignedSigV4.url).toContain('X-Amz-Algorithm=AWS4-HMAC-SHA256');
        expect(report.presignedSigV4.status, report.presignedSigV4.body).toBe(200);
        expect(decode(report.presignedSigV4.base64)).toBe(appJson());
        // boto3 1.26 presigns with SigV2 by default, which S3 refuses for buckets made since June 2020.
        if (report.presignedDefault.url.includes('X-Amz-Algorithm=AWS4-HMAC-SHA256')) {
          expect(report.presignedDefault.status, report.presignedDefault.body).toBe(200);
          expect(decode(report.presignedDefault.base64)).toBe(appJson());
        } else {
          expect(report.presignedDefault.url).toContain('AWSAccessKeyId=');
          expect(report.presignedDefault.status).toBe(400);
          expect(report.presignedDefault.body).toContain('<Code>InvalidRequest</Code>');
          expect(report.presignedDefault.body).toContain('Please use AWS4-HMAC-SHA256.');
        }
      },
      TEST_TIMEOUT_MS,
    );
  },
);
