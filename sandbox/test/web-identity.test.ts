import { readFile, stat } from 'node:fs/promises';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  type AssumeRoleWithWebIdentityCommandInput,
} from '@aws-sdk/client-sts';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAwsFiles } from '../src/aws-files';
import {
  failure,
  fromStsCredentials,
  PROD,
  READ_ONLY_ROLE,
  serviceError,
  startTestSandbox,
  type TestSandbox,
} from '../../test-support/sandbox';

// AssumeRoleWithWebIdentity through the unmodified SDK v3 client, which sends it unsigned: the token
// file the sandbox writes, tokens minted by its OIDC issuer, and each check AWS makes on the token and
// the role's trust policy, with AWS's codes and wording.

const CI_ROLE = `arn:aws:iam::${PROD}:role/CiReadOnly-WebIdentity`;
const PROVIDER_ARN = `arn:aws:iam::${PROD}:oidc-provider/oidc.roletray.test`;
const FILE_SUBJECT = 'repo:acme/roletray:ref:refs/heads/main';
const NOT_AUTHORIZED = serviceError(
  'AccessDenied',
  'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  403,
);

let t: TestSandbox;
/** No credentials at all: the call must go out unsigned, or the client fails before sending it. */
let sts: STSClient;
beforeAll(async () => {
  t = await startTestSandbox();
  sts = new STSClient({ endpoint: t.sandbox.endpoint, region: 'us-east-1', maxAttempts: 1 });
});
afterAll(() => t.stop());

const assume = (token: string, input: Partial<AssumeRoleWithWebIdentityCommandInput> = {}) =>
  sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: CI_ROLE,
      RoleSessionName: 'ci-run-1',
      WebIdentityToken: token,
      ...input,
    }),
  );

describe('the token file and the profile', () => {
  it('writes a 0600 token file the ci-web-identity profile names', async () => {
    const { tokenFile, issuer, providerArns } = t.description.webIdentity;
    expect(tokenFile).toBe(`${t.awsDir}/web-identity-token`);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect({ issuer, providerArns }).toEqual({
      issuer: 'https://oidc.roletray.test',
      providerArns: [PROVIDER_ARN],
    });
    const { configFile } = await loadSharedConfigFiles({
      filepath: t.description.credentialsFile,
      configFilepath: t.description.configFile,
    });
    expect(configFile['ci-web-identity']).toEqual({
      role_arn: CI_ROLE,
      web_identity_token_file: tokenFile,
      role_session_name: 'ci-web-identity',
      region: 'us-east-1',
      endpoint_url: t.sandbox.endpoint,
    });
  });

  it('leaves web identity profiles out unless asked, as the preview does', () => {
    expect(renderAwsFiles(t.sandbox, t.awsDir).config).not.toContain('ci-web-identity');
    expect(renderAwsFiles(t.sandbox, t.awsDir, { webIdentityProfiles: true }).config).toContain(
      '[profile ci-web-identity]',
    );
    expect(t.description.profiles).toContain('ci-web-identity');
  });

  it('holds an RS256 JWT from the sandbox issuer for the scenario subject, valid 12 hours', async () => {
    const token = await readFile(t.description.webIdentity.tokenFile, 'utf8');
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: t.sandbox.webIdentity.keyId });
    expect(payload).toMatchObject({
      iss: 'https://oidc.roletray.test',
      sub: FILE_SUBJECT,
      aud: 'sts.amazonaws.com',
    });
    expect(Number(payload!.exp) - Number(payload!.iat)).toBe(43200);
  });
});

describe('AssumeRoleWithWebIdentity', () => {
  it("assumes the role with the file's token: AWS's answer, and credentials that work for STS and S3", async () => {
    const token = await readFile(t.description.webIdentity.tokenFile, 'utf8');
    const answer = await assume(token);
    expect(answer.SubjectFromWebIdentityToken).toBe(FILE_SUBJECT);
    expect(answer.Audience).toBe('sts.amazonaws.com');
    expect(answer.Provider).toBe(PROVIDER_ARN);
    const roleId = t.sandbox.identities.roles.get(CI_ROLE)!.id;
    expect(answer.AssumedRoleUser).toEqual({
      Arn: `arn:aws:sts::${PROD}:assumed-role/CiReadOnly-WebIdentity/ci-run-1`,
      AssumedRoleId: `${roleId}:ci-run-1`,
    });
    expect(answer.Credentials!.Expiration!.getTime()).toBe(
      Math.floor(t.clock.now() / 1000) * 1000 + 3600_000,
    );

    const credentials = fromStsCredentials(answer.Credentials);
    const identity = await t.sts(credentials).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Arn: answer.AssumedRoleUser!.Arn,
      Account: PROD,
      UserId: `${roleId}:ci-run-1`,
    });
    const buckets = await t.s3(credentials).send(new ListBucketsCommand({}));
    expect(buckets.Buckets!.map((bucket) => bucket.Name)).toContain('acme-prod-app-data');
  });

  it('takes a minted token for another matching subject and a DurationSeconds within the role maximum', async () => {
    const answer = await assume(t.sandbox.mintWebIdentityToken({ sub: 'repo:acme/other:pull_request' }), {
      DurationSeconds: 900,
    });
    expect(answer.SubjectFromWebIdentityToken).toBe('repo:acme/other:pull_request');
    expect(answer.Credentials!.Expiration!.getTime()).toBe(Math.floor(t.clock.now() / 1000) * 1000 + 900_000);
    const over = await failure(assume(t.sandbox.mintWebIdentityToken(), { DurationSeconds: 7200 }));
    expect(over).toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });

  it('refuses an expired token with ExpiredTokenException, in AWS words', async () => {
    const token = t.sandbox.mintWebIdentityToken({ ttlSeconds: 60 });
    t.clock.advance(120);
    const error = await failure(assume(token));
    const exp = Math.floor((t.clock.now() - 120_000) / 1000) + 60;
    expect(error).toMatchObject(
      serviceError(
        'ExpiredTokenException',
        `Token expired: current date/time ${Math.floor(t.clock.now() / 1000)} must be before the expiration date/time ${exp}`,
        400,
      ),
    );
  });

  it('refuses an audience the provider does not list as InvalidIdentityToken, one the role does not trust as AccessDenied', async () => {
    const unknown = await failure(assume(t.sandbox.mintWebIdentityToken({ aud: 'someone-else' })));
    expect(unknown).toMatchObject(
      serviceError('InvalidIdentityTokenException', 'Incorrect token audience', 400),
    );
    const untrusted = await failure(assume(t.sandbox.mintWebIdentityToken({ aud: 'roletray-tests' })));
    expect(untrusted).toMatchObject(NOT_AUTHORIZED);
  });

  it('refuses a subject outside the trust policy, and a role that trusts no web identity', async () => {
    const outsider = await failure(
      assume(t.sandbox.mintWebIdentityToken({ sub: 'repo:evil/fork:ref:main' })),
    );
    expect(outsider).toMatchObject(NOT_AUTHORIZED);
    const otherRole = await failure(assume(t.sandbox.mintWebIdentityToken(), { RoleArn: READ_ONLY_ROLE }));
    expect(otherRole).toMatchObject(NOT_AUTHORIZED);
  });

  it('refuses an issuer with no OIDC provider in the role’s account', async () => {
    const foreign = await failure(
      assume(t.sandbox.mintWebIdentityToken({ issuer: 'https://idp.example.com' })),
    );
    expect(foreign).toMatchObject(
      serviceError(
        'InvalidIdentityTokenException',
        'No OpenIDConnect provider found in your account for https://idp.example.com',
        400,
      ),
    );
    // The Dev account registered no provider for the sandbox issuer.
    const devRole = await failure(
      assume(t.sandbox.mintWebIdentityToken(), { RoleArn: 'arn:aws:iam::210987654321:role/Anything' }),
    );
    expect(devRole.message).toBe(
      'No OpenIDConnect provider found in your account for https://oidc.roletray.test',
    );
  });

  it('refuses a token whose signature does not match, and one that is not a JWT', async () => {
    const [header, payload, signature] = t.sandbox.mintWebIdentityToken().split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'repo:acme/forged' })).toString('base64url');
    for (const token of [`${header}.${forged}.${signature}`, 'not-a-jwt-at-all']) {
      const error = await failure(assume(token));
      expect(error).toMatchObject(
        serviceError(
          'InvalidIdentityTokenException',
          'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.',
          400,
        ),
      );
    }
  });

  it('refuses a token without a subject with IDPRejectedClaim (403)', async () => {
    const error = await failure(assume(t.sandbox.mintWebIdentityToken({ claims: { sub: '' } })));
    expect(error).toMatchObject({ name: 'IDPRejectedClaimException', $metadata: { httpStatusCode: 403 } });
  });
});

describe('AssumeRoleWithWebIdentity on the wire', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  const post = async (body: string) => {
    const response = await fetch(t.sandbox.endpoint, { method: 'POST', headers: form, body });
    return { status: response.status, text: await response.text() };
  };

  it("answers an unsigned form POST in STS's envelope", async () => {
    const token = encodeURIComponent(t.sandbox.mintWebIdentityToken());
    const answer = await post(
      `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(CI_ROLE)}&RoleSessionName=wire&WebIdentityToken=${token}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(
      /^<AssumeRoleWithWebIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<AssumeRoleWithWebIdentityResult><SubjectFromWebIdentityToken>repo:acme\/roletray:ref:refs\/heads\/main<\/SubjectFromWebIdentityToken><Audience>sts\.amazonaws\.com<\/Audience><AssumedRoleUser>/,
    );
  });

  it('checks the parameters first, and other STS actions still need a signature', async () => {
    const missing = await post(
      `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(CI_ROLE)}&RoleSessionName=wire`,
    );
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<Code>ValidationError</Code>');
    expect(missing.text).toContain(
      'Value null at &apos;webIdentityToken&apos; failed to satisfy constraint: Member must not be null',
    );
    const unsigned = await post('Action=GetCallerIdentity&Version=2011-06-15');
    expect(unsigned.status).toBe(403);
    expect(unsigned.text).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
