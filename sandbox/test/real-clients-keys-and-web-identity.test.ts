import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, PROD, startTestSandbox, type TestSandbox } from '../../test-support/sandbox';
import {
  assumedRoleArn,
  boto3 as runBoto3,
  boto3Missing,
  CLI_V1,
  cliV1Missing,
  expectTemporary,
  failed,
  runClient,
  succeeded,
  TEST_TIMEOUT_MS,
  type StsCredentials,
} from './real-client-runs';

// The IAM access-key calls and AssumeRoleWithWebIdentity against real, non-JS clients. The AWS CLI v1
// (the first `aws` on PATH that says aws-cli/1.x; its botocore honours AWS_ENDPOINT_URL_<SERVICE> and
// the config's endpoint_url, so its web identity provider reaches the sandbox) runs the
// ci-web-identity profile as written. Debian's boto3 1.26 would send that provider's call to AWS
// itself, so boto3_check.py calls assume_role_with_web_identity with endpoint_url= instead.

const CI_ROLE = `arn:aws:iam::${PROD}:role/CiReadOnly-WebIdentity`;
const PROD_BUCKETS = ['acme-prod-app-data', 'acme-prod-eu-archive', 'acme-prod-event-logs'];

for (const missing of [cliV1Missing, boto3Missing]) {
  if (missing) console.warn(`real-clients-keys-and-web-identity.test.ts: skipping tests: ${missing}`);
}

let t: TestSandbox;
let home: string;
let expiredToken: string;
let wrongAudienceToken: string;
const requestLog: string[] = [];

beforeAll(async () => {
  t = await startTestSandbox({ onRequest: (line) => requestLog.push(line) });
  home = await mkdtemp(join(tmpdir(), 'roletray-real-clients-home-'));
  expiredToken = join(home, 'expired-token');
  wrongAudienceToken = join(home, 'wrong-audience-token');
  await writeFile(expiredToken, t.sandbox.mintWebIdentityToken({ ttlSeconds: -60 }));
  await writeFile(wrongAudienceToken, t.sandbox.mintWebIdentityToken({ aud: 'someone-else' }));
});
afterAll(async () => {
  await t?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe.skipIf(cliV1Missing !== undefined)(
  cliV1Missing ? `AWS CLI v1 (skipped: ${cliV1Missing})` : `AWS CLI v1 (${CLI_V1})`,
  () => {
    const aws = (args: string[], env: Record<string, string> = {}) =>
      runClient(t, home, CLI_V1!, ['--output', 'json', ...args], {
        PATH: `${dirname(CLI_V1!)}:/usr/bin:/bin`,
        AWS_ENDPOINT_URL_STS: t.sandbox.endpoint,
        AWS_ENDPOINT_URL_S3: t.sandbox.endpoint,
        ...env,
      });

    /**
     * The web identity provider from the environment alone, with a token file of the test's. The
     * session name differs per file: the CLI caches the credentials it gets under role and session.
     */
    const fromEnvironment = (tokenFile: string) => ({
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_ROLE_ARN: CI_ROLE,
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_SESSION_NAME: `cli-v1-${basename(tokenFile)}`,
    });

    it(
      'sts get-caller-identity --profile ci-web-identity is the assumed role, by an unsigned AssumeRoleWithWebIdentity',
      async () => {
        // The profile has no keys to sign with: the first call can only have gone out unsigned.
        const before = requestLog.length;
        const result = await aws(['sts', 'get-caller-identity', '--profile', 'ci-web-identity']);
        expect(result.code, result.stderr).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({
          Arn: assumedRoleArn('CiReadOnly-WebIdentity', 'ci-web-identity'),
          Account: PROD,
        });
        expect(requestLog.slice(before)).toEqual([
          'sts 200 AssumeRoleWithWebIdentity',
          'sts 200 GetCallerIdentity',
        ]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      's3api list-buckets --profile ci-web-identity lists the prod buckets',
      async () => {
        const result = await aws(['s3api', 'list-buckets', '--profile', 'ci-web-identity']);
        expect(result.code, result.stderr).toBe(0);
        const { Buckets } = JSON.parse(result.stdout) as { Buckets: { Name: string }[] };
        expect(Buckets.map((bucket) => bucket.Name)).toEqual(PROD_BUCKETS);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'an expired token fails with ExpiredTokenException, a token for another audience with InvalidIdentityToken',
      async () => {
        const refusals = [
          [
            expiredToken,
            /\(ExpiredTokenException\) when calling the AssumeRoleWithWebIdentity operation: Token expired: current date\/time \d+ must be before the expiration date\/time \d+/,
          ],
          [
            wrongAudienceToken,
            /\(InvalidIdentityToken\) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience/,
          ],
        ] as const;
        for (const [tokenFile, refusal] of refusals) {
          const result = await aws(['sts', 'get-caller-identity'], fromEnvironment(tokenFile));
          expect(result.code, tokenFile).not.toBe(0);
          expect(result.stderr).toMatch(refusal);
        }
      },
      TEST_TIMEOUT_MS,
    );
  },
);

describe.skipIf(boto3Missing !== undefined)(
  boto3Missing ? `boto3 (skipped: ${boto3Missing})` : 'boto3 (boto3_check.py)',
  () => {
    const boto3 = <T>(mode: string, args: string[]) => runBoto3<T>(t, home, mode, args);
    const webIdentity = (tokenFile: string) =>
      boto3<{
        Credentials: StsCredentials;
        AssumedRoleUser: { Arn: string; AssumedRoleId: string };
        SubjectFromWebIdentityToken: string;
        Audience: string;
        Provider: string;
        callerArn: string;
      }>('web-identity', [
        '--role-arn',
        CI_ROLE,
        '--session-name',
        'boto3-web-identity',
        '--token-file',
        tokenFile,
      ]);

    it(
      "assume_role_with_web_identity with the sandbox's token file: botocore parses AWS's answer",
      async () => {
        const answer = succeeded(await webIdentity(t.description.webIdentity.tokenFile));
        expectTemporary(t, answer.Credentials);
        const arn = assumedRoleArn('CiReadOnly-WebIdentity', 'boto3-web-identity');
        expect(answer).toMatchObject({
          AssumedRoleUser: { Arn: arn },
          SubjectFromWebIdentityToken: 'repo:acme/roletray:ref:refs/heads/main',
          Audience: 'sts.amazonaws.com',
          Provider: `arn:aws:iam::${PROD}:oidc-provider/oidc.roletray.test`,
          callerArn: arn,
        });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'an expired token and a wrong audience raise ExpiredTokenException and InvalidIdentityToken',
      async () => {
        expect(failed(await webIdentity(expiredToken))).toMatchObject({
          code: 'ExpiredTokenException',
          status: 400,
          operation: 'AssumeRoleWithWebIdentity',
        });
        expect(failed(await webIdentity(wrongAudienceToken))).toEqual({
          code: 'InvalidIdentityToken',
          message: 'Incorrect token audience',
          status: 400,
          operation: 'AssumeRoleWithWebIdentity',
        });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "rotates Tyler-Dev's key with the IAM client: create, deactivate and delete the old one with the new",
      async () => {
        const original = t.userKeys('Tyler-Dev').accessKeyId;
        const report = succeeded(
          await boto3<{
            old: { AccessKeyId: string; Status: string }[];
            created: { AccessKeyId: string; Status: string };
            during: { AccessKeyId: string; Status: string }[];
            after: { AccessKeyId: string; Status: string }[];
            callerArn: string;
          }>('rotate-access-key', ['--profile', 'dev']),
        );
        const created = report.created.AccessKeyId;
        expect(report.old).toEqual([{ AccessKeyId: original, Status: 'Active' }]);
        expect(report.created.Status).toBe('Active');
        expect(report.during).toEqual([
          { AccessKeyId: original, Status: 'Inactive' },
          { AccessKeyId: created, Status: 'Active' },
        ]);
        expect(report.after).toEqual([{ AccessKeyId: created, Status: 'Active' }]);
        expect(report.callerArn).toBe(`arn:aws:iam::${DEV}:user/Tyler-Dev`);
        expect(t.sandbox.identities.credential(original)).toBeUndefined();
      },
      TEST_TIMEOUT_MS,
    );
  },
);
