import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, failure, PROD, startTestSandbox, type TestSandbox } from '../../test-support/sandbox';
import { portalCall, signInWithDeviceCode, SSO_USER } from '../../test-support/sso';

// What the credentials GetRoleCredentials hands out are for STS, S3 and the console: sessions of
// the SSO role, named after the user; the permission set's policy decides S3; roles assumed from
// them are chained (an hour at most); the federation endpoint signs them in.

const FROM_SSO_ROLE = `arn:aws:iam::${PROD}:role/ProdReadOnly-FromSso`;

let t: TestSandbox;
let accessToken: string;
beforeAll(async () => {
  t = await startTestSandbox();
  const instance = t.sandbox.scenario.identityCenter!;
  ({ accessToken } = await signInWithDeviceCode(
    t.sandbox.endpoint,
    instance.startUrl,
    instance.users[0]!.password,
  ));
});
afterAll(() => t.stop());

async function roleCredentials(accountId: string, roleName: string): Promise<AwsCredentialIdentity> {
  const answer = await portalCall(t.sandbox.endpoint, '/federation/credentials', accessToken, {
    account_id: accountId,
    role_name: roleName,
  });
  expect(answer.status).toBe(200);
  const { accessKeyId, secretAccessKey, sessionToken } = answer.body['roleCredentials'] as Record<
    string,
    string
  >;
  return { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey!, sessionToken: sessionToken! };
}

describe('the SSO role’s identity', () => {
  it('is the AWSReservedSSO role session named after the user, its role under aws-reserved/sso.amazonaws.com', async () => {
    const identity = await t
      .sts(await roleCredentials(DEV, 'DeveloperAccess'))
      .send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(DEV);
    expect(identity.Arn).toMatch(
      new RegExp(
        `^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}/tyler\\.dev@acme\\.example$`,
      ),
    );
    const hex = /_([0-9a-f]{16})\//.exec(identity.Arn!)![1]!;
    const role = t.sandbox.identities.roles.get(
      `arn:aws:iam::${DEV}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DeveloperAccess_${hex}`,
    );
    expect(role).toBeDefined();
    expect(identity.UserId).toBe(`${role!.id}:${SSO_USER}`);
    const prod = await t
      .sts(await roleCredentials(PROD, 'ReadOnlyAccess'))
      .send(new GetCallerIdentityCommand({}));
    expect(prod.Arn).toMatch(
      new RegExp(`^arn:aws:sts::${PROD}:assumed-role/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}/`),
    );
    expect(prod.Arn).not.toContain(hex);
  });
});

describe('S3 by the permission set’s policy', () => {
  it('lets DeveloperAccess work in the Dev scratch bucket and nowhere in Prod', async () => {
    const s3 = t.s3(await roleCredentials(DEV, 'DeveloperAccess'));
    await s3.send(new PutObjectCommand({ Bucket: 'acme-dev-scratch', Key: 'sso/hello.txt', Body: 'hi' }));
    const read = await s3.send(new GetObjectCommand({ Bucket: 'acme-dev-scratch', Key: 'sso/hello.txt' }));
    expect(await read.Body!.transformToString()).toBe('hi');
    const prod = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'acme-prod-app-data' })));
    expect(prod).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });

  it('lets ReadOnlyAccess read Prod but not write', async () => {
    const s3 = t.s3(await roleCredentials(PROD, 'ReadOnlyAccess'));
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: 'acme-prod-event-logs', MaxKeys: 5 }));
    expect(listing.KeyCount).toBeGreaterThan(0);
    const write = await failure(
      s3.send(new PutObjectCommand({ Bucket: 'acme-prod-event-logs', Key: 'x.txt', Body: 'x' })),
    );
    expect(write).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });
});

describe('roles assumed from SSO credentials', () => {
  it('assumes ProdReadOnly-FromSso from DeveloperAccess, chained: an hour at most', async () => {
    const sts = t.sts(await roleCredentials(DEV, 'DeveloperAccess'));
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: FROM_SSO_ROLE, RoleSessionName: 'via-sso' }),
    );
    expect(assumed.AssumedRoleUser!.Arn).toBe(
      `arn:aws:sts::${PROD}:assumed-role/ProdReadOnly-FromSso/via-sso`,
    );
    expect(assumed.Credentials!.Expiration!.getTime()).toBe(
      Math.floor(t.clock.now() / 1000) * 1000 + 3600_000,
    );
    // The role allows 12 h, but not by chaining.
    const long = await failure(
      sts.send(
        new AssumeRoleCommand({ RoleArn: FROM_SSO_ROLE, RoleSessionName: 'via-sso', DurationSeconds: 7200 }),
      ),
    );
    expect(long).toMatchObject({
      name: 'ValidationError',
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
  });

  it('refuses ProdReadOnly-FromSso to another permission set', async () => {
    const sts = t.sts(await roleCredentials(DEV, 'ReadOnlyAccess'));
    const refused = await failure(
      sts.send(new AssumeRoleCommand({ RoleArn: FROM_SSO_ROLE, RoleSessionName: 'read-only' })),
    );
    expect(refused).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });
});

describe('the console', () => {
  it('signs SSO credentials in through the federation endpoint', async () => {
    const { accessKeyId, secretAccessKey, sessionToken } = await roleCredentials(PROD, 'ReadOnlyAccess');
    const session = JSON.stringify({ sessionId: accessKeyId, sessionKey: secretAccessKey, sessionToken });
    const query = new URLSearchParams({ Action: 'getSigninToken', Session: session });
    const answer = await fetch(`${t.sandbox.endpoint}/federation?${query.toString()}`);
    expect(answer.status).toBe(200);
    const { SigninToken } = (await answer.json()) as { SigninToken: string };
    const login = new URLSearchParams({
      Action: 'login',
      Destination: 'https://console.aws.amazon.com/',
      SigninToken,
    });
    const redirect = await fetch(`${t.sandbox.endpoint}/federation?${login.toString()}`, {
      redirect: 'manual',
    });
    const consolePage = await fetch(new URL(redirect.headers.get('location')!, t.sandbox.endpoint));
    expect(await consolePage.text()).toMatch(
      /assumed-role\/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}\/tyler\.dev@acme\.example/,
    );
  });
});
