import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEV,
  fromStsCredentials,
  MFA_ROLE,
  PROD,
  READ_ONLY_ROLE,
  startTestSandbox,
  type TestSandbox,
} from '../../test-support/sandbox';

// STS against a running sandbox through the unmodified SDK v3 client: the article's calls, AWS's
// validation and duration rules, MFA, and the policy decisions behind AccessDenied.

let t: TestSandbox;
let tyler: AwsCredentialIdentity;
let sam: AwsCredentialIdentity;

beforeAll(async () => {
  t = await startTestSandbox();
  tyler = t.userKeys('Tyler-Dev');
  sam = t.userKeys('Sam-Contractor');
});
afterAll(() => t.stop());
// Each MFA test starts in a fresh 30 s window so no code counts as reused by an earlier test.
beforeEach(() => t.clock.advance(60));

async function failure(promise: Promise<unknown>): Promise<STSServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof STSServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const assume = (
  credentials: AwsCredentialIdentity,
  input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>,
) =>
  t
    .sts(credentials)
    .send(new AssumeRoleCommand({ RoleArn: READ_ONLY_ROLE, RoleSessionName: 'tests', ...input }));

describe('GetCallerIdentity', () => {
  it('names the IAM user behind long-term keys', async () => {
    const identity = await t.sts(tyler).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:iam::${DEV}:user/Tyler-Dev`);
    expect(identity.Account).toBe(DEV);
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the assumed role and session behind temporary keys', async () => {
    const assumed = await assume(tyler, { RoleSessionName: 'tyler-roletray' });
    const identity = await t
      .sts(fromStsCredentials(assumed.Credentials))
      .send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/DevReadOnly-CrossAccount/tyler-roletray`);
    expect(identity.Account).toBe(PROD);
    expect(identity.UserId).toBe(assumed.AssumedRoleUser?.AssumedRoleId);
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:tyler-roletray$/);
  });
});

describe('AssumeRole without MFA (the article, CLI section)', () => {
  it('returns working temporary credentials that expire after the default hour', async () => {
    const before = t.clock.now();
    const assumed = await assume(tyler, {});
    const credentials = assumed.Credentials!;
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.SessionToken!.length).toBeGreaterThan(100);
    const lifetime = credentials.Expiration!.getTime() - before;
    expect(lifetime).toBeGreaterThan(3595_000);
    expect(lifetime).toBeLessThanOrEqual(3601_000);
    expect(assumed.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${PROD}:assumed-role/DevReadOnly-CrossAccount/tests`,
    );
    const buckets = await t.s3(fromStsCredentials(credentials)).send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((bucket) => bucket.Name)).toContain('acme-prod-app-data');
  });

  it('refuses a user outside Developers with AWS wording', async () => {
    const error = await failure(assume(sam, {}));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: arn:aws:iam::${DEV}:user/Sam-Contractor is not authorized to perform: sts:AssumeRole on resource: ${READ_ONLY_ROLE}`,
    );
  });

  it('refuses when an explicit Deny in the group policy overrides an Allow', async () => {
    const error = await failure(assume(tyler, { RoleArn: `arn:aws:iam::${PROD}:role/BreakGlass-Admin` }));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain(
      'sts:AssumeRole on resource: arn:aws:iam::123456789012:role/BreakGlass-Admin',
    );
  });

  it('answers a role that does not exist exactly like a refused one', async () => {
    const error = await failure(assume(tyler, { RoleArn: `arn:aws:iam::${PROD}:role/NoSuchRole` }));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain(`on resource: arn:aws:iam::${PROD}:role/NoSuchRole`);
  });

  it('checks ExternalId against the trust policy condition', async () => {
    const role = `arn:aws:iam::${PROD}:role/AuditReadOnly-ExternalId`;
    expect((await failure(assume(tyler, { RoleArn: role }))).name).toBe('AccessDenied');
    expect((await failure(assume(tyler, { RoleArn: role, ExternalId: 'wrong-id' }))).name).toBe(
      'AccessDenied',
    );
    const assumed = await assume(tyler, { RoleArn: role, ExternalId: 'acme-audit-2026' });
    expect(assumed.AssumedRoleUser?.Arn).toContain('assumed-role/AuditReadOnly-ExternalId/tests');
  });
});

describe('AssumeRole validation', () => {
  it.each([
    [
      { RoleSessionName: 'has spaces' },
      "Value 'has spaces' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    ],
    [
      { RoleSessionName: 'x' },
      "at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [{ RoleSessionName: 'a'.repeat(65) }, 'Member must have length less than or equal to 64'],
    [
      { DurationSeconds: 899 },
      "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
    [{ DurationSeconds: 43201 }, 'Member must have value less than or equal to 43200'],
    [
      { RoleArn: 'not-an-arn' },
      "Value 'not-an-arn' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    ],
    [{ ExternalId: 'bad id!' }, "at 'externalId' failed to satisfy constraint"],
  ])('rejects %j with ValidationError', async (input, message) => {
    const error = await failure(assume(tyler, input));
    expect(error.name).toBe('ValidationError');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(message);
  });

  it("holds DurationSeconds to the role's MaxSessionDuration", async () => {
    const error = await failure(assume(tyler, { DurationSeconds: 7200 }));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  });

  it('grants up to the 12 h maximum of the MFA role when called with long-term keys and a code', async () => {
    const assumed = await assume(tyler, {
      RoleArn: MFA_ROLE,
      DurationSeconds: 43200,
      SerialNumber: t.mfaSerial(),
      TokenCode: t.mfaCode(),
    });
    expect(assumed.Credentials!.Expiration!.getTime() - t.clock.now()).toBeGreaterThan(43190_000);
  });
});

describe('MFA', () => {
  it('refuses the MFA role without a code, as the trust policy requires MultiFactorAuthPresent', async () => {
    const error = await failure(assume(tyler, { RoleArn: MFA_ROLE }));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain(`sts:AssumeRole on resource: ${MFA_ROLE}`);
  });

  it('treats a serial without a code (or a code without a serial) as no MFA at all', async () => {
    expect((await failure(assume(tyler, { RoleArn: MFA_ROLE, SerialNumber: t.mfaSerial() }))).name).toBe(
      'AccessDenied',
    );
    expect((await failure(assume(tyler, { RoleArn: MFA_ROLE, TokenCode: t.mfaCode() }))).name).toBe(
      'AccessDenied',
    );
  });

  it('accepts a correct code once and refuses it when reused', async () => {
    const code = t.mfaCode();
    const first = await assume(tyler, { RoleArn: MFA_ROLE, SerialNumber: t.mfaSerial(), TokenCode: code });
    expect(first.AssumedRoleUser?.Arn).toContain('DevReadOnlyAccesswithMFA');
    const reused = await failure(
      assume(tyler, { RoleArn: MFA_ROLE, SerialNumber: t.mfaSerial(), TokenCode: code }),
    );
    expect(reused.name).toBe('AccessDenied');
    expect(reused.message).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
  });

  it('refuses a wrong code with the invalid-code message', async () => {
    const good = t.mfaCode();
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    const error = await failure(
      assume(tyler, { RoleArn: MFA_ROLE, SerialNumber: t.mfaSerial(), TokenCode: wrong }),
    );
    expect(error.message).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it("refuses a device that is not the caller's with the unable-to-validate message", async () => {
    const error = await failure(
      assume(sam, { RoleArn: MFA_ROLE, SerialNumber: t.mfaSerial(), TokenCode: t.mfaCode() }),
    );
    expect(error.message).toBe(
      'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
    );
  });

  it('rejects a malformed code as a ValidationError', async () => {
    const error = await failure(
      assume(tyler, { RoleArn: MFA_ROLE, SerialNumber: t.mfaSerial(), TokenCode: '12ab56' }),
    );
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain(
      "at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*",
    );
  });
});

describe('GetSessionToken and chaining', () => {
  it('carries MFA from a GetSessionToken session into AssumeRole, capped at 1 h as chaining', async () => {
    const session = await t.sts(tyler).send(
      new GetSessionTokenCommand({
        SerialNumber: t.mfaSerial(),
        TokenCode: t.mfaCode(),
        DurationSeconds: 129600,
      }),
    );
    const mfaSession = fromStsCredentials(session.Credentials);
    expect(session.Credentials!.Expiration!.getTime() - t.clock.now()).toBeGreaterThan(129590_000);
    // GetSessionToken credentials act as the user.
    const identity = await t.sts(mfaSession).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:iam::${DEV}:user/Tyler-Dev`);
    // Two roles, no further code: the MFA context travels with the session.
    const mfaRole = await assume(mfaSession, { RoleArn: MFA_ROLE });
    const readOnly = await assume(mfaSession, {});
    expect(mfaRole.AssumedRoleUser?.Arn).toContain('DevReadOnlyAccesswithMFA');
    expect(readOnly.AssumedRoleUser?.Arn).toContain('DevReadOnly-CrossAccount');
    const tooLong = await failure(assume(mfaSession, { RoleArn: MFA_ROLE, DurationSeconds: 3601 }));
    expect(tooLong.message).toBe(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  });

  it('without MFA, a GetSessionToken session still cannot assume the MFA role', async () => {
    const session = await t.sts(tyler).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const error = await failure(assume(fromStsCredentials(session.Credentials), { RoleArn: MFA_ROLE }));
    expect(error.name).toBe('AccessDenied');
  });

  it('refuses GetSessionToken called with session credentials', async () => {
    const assumed = await assume(tyler, {});
    const error = await failure(
      t.sts(fromStsCredentials(assumed.Credentials)).send(new GetSessionTokenCommand({})),
    );
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe('Cannot call GetSessionToken with session credentials');
  });

  it('validates GetSessionToken DurationSeconds (900..129600)', async () => {
    const error = await failure(t.sts(tyler).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('Member must have value less than or equal to 129600');
  });

  it('chains role to role where the trust policy names the first role', async () => {
    const first = await assume(tyler, {});
    const chained = await assume(fromStsCredentials(first.Credentials), {
      RoleArn: `arn:aws:iam::${PROD}:role/ProdLogReader`,
    });
    expect(chained.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/ProdLogReader/tests`);
    // Tyler himself is not trusted by ProdLogReader.
    const direct = await failure(assume(tyler, { RoleArn: `arn:aws:iam::${PROD}:role/ProdLogReader` }));
    expect(direct.name).toBe('AccessDenied');
  });

  it('enforces aws:MultiFactorAuthAge: a 20-minute-old MFA session no longer satisfies "< 900 s"', async () => {
    const recent = `arn:aws:iam::${PROD}:role/DevReadOnly-RecentMfa`;
    const session = await t
      .sts(tyler)
      .send(new GetSessionTokenCommand({ SerialNumber: t.mfaSerial(), TokenCode: t.mfaCode() }));
    const credentials = fromStsCredentials(session.Credentials);
    await expect(assume(credentials, { RoleArn: recent })).resolves.toBeDefined();
    t.clock.advance(20 * 60);
    const error = await failure(assume(credentials, { RoleArn: recent }));
    expect(error.name).toBe('AccessDenied');
  });
});

describe('temporary credentials', () => {
  it('expire: a session of 900 s is refused with ExpiredToken after 901 s', async () => {
    const assumed = await assume(tyler, { DurationSeconds: 900 });
    const credentials = fromStsCredentials(assumed.Credentials);
    await expect(t.sts(credentials).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
    t.clock.advance(901);
    const error = await failure(t.sts(credentials).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('ExpiredToken');
    expect(error.message).toBe('The security token included in the request is expired');
  });

  it('need their own session token: missing or foreign tokens are InvalidClientTokenId', async () => {
    const one = fromStsCredentials((await assume(tyler, {})).Credentials);
    const other = fromStsCredentials((await assume(tyler, {})).Credentials);
    const { sessionToken: _dropped, ...withoutToken } = one;
    for (const credentials of [withoutToken, { ...one, sessionToken: other.sessionToken! }]) {
      const error = await failure(t.sts(credentials).send(new GetCallerIdentityCommand({})));
      expect(error.name).toBe('InvalidClientTokenId');
      expect(error.message).toBe('The security token included in the request is invalid.');
    }
  });
});

describe('request authentication', () => {
  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const error = await failure(
      t
        // The last character changed, whatever it was (a fixed "x" would not change a secret ending in x).
        .sts({
          ...tyler,
          secretAccessKey: `${tyler.secretAccessKey.slice(0, -1)}${tyler.secretAccessKey.endsWith('x') ? 'y' : 'x'}`,
        })
        .send(new GetCallerIdentityCommand({})),
    );
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('rejects an unknown access key with InvalidClientTokenId', async () => {
    const error = await failure(
      t
        .sts({ accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x'.repeat(40) })
        .send(new GetCallerIdentityCommand({})),
    );
    expect(error.name).toBe('InvalidClientTokenId');
  });

  it('rejects a clock more than 15 minutes off with "Signature expired"', async () => {
    const { STSClient } = await import('@aws-sdk/client-sts');
    const skewed = new STSClient({
      endpoint: t.sandbox.endpoint,
      region: 'us-east-1',
      credentials: tyler,
      maxAttempts: 1,
      systemClockOffset: t.clock.offsetMs - 16 * 60 * 1000,
    });
    const error = await failure(skewed.send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
  });

  it('accepts a request signed for any region, as regional STS endpoints do', async () => {
    const identity = await t.sts(tyler, 'eu-central-1').send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(DEV);
  });
});
