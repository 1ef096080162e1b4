import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import {
  DEV,
  failure,
  fromAccessKey,
  fromStsCredentials,
  READ_ONLY_ROLE,
  sandboxPerTest,
  serviceError,
  type TestSandbox,
} from '../../test-support/sandbox';

// IAM's access-key calls through the unmodified SDK v3 client: what each answers, AWS's quota of two
// keys, and every error a key-rotating client must handle (denied, unknown, invalid). Each test gets
// a fresh sandbox, since keys made or deleted by one would change the next one's counts.

const TYLER_ARN = `arn:aws:iam::${DEV}:user/Tyler-Dev`;
const SAM_ARN = `arn:aws:iam::${DEV}:user/Sam-Contractor`;

let t: TestSandbox;
let tyler: AwsCredentialIdentity;
sandboxPerTest((started) => {
  t = started;
  tyler = t.userKeys('Tyler-Dev');
});

const keyIds = async (credentials: AwsCredentialIdentity) =>
  (await t.iam(credentials).send(new ListAccessKeysCommand({}))).AccessKeyMetadata!.map(
    (key) => key.AccessKeyId,
  );

describe('GetUser', () => {
  it('without UserName answers the calling user, as GetCallerIdentity names them', async () => {
    const [{ User }, identity] = await Promise.all([
      t.iam(tyler).send(new GetUserCommand({})),
      t.sts(tyler).send(new GetCallerIdentityCommand({})),
    ]);
    expect(User).toEqual({
      Path: '/',
      UserName: 'Tyler-Dev',
      UserId: identity.UserId,
      Arn: TYLER_ARN,
      CreateDate: new Date('2024-02-05T09:12:44Z'),
    });
  });

  it('from a role session without UserName is a ValidationError', async () => {
    const assumed = await t
      .sts(tyler)
      .send(new AssumeRoleCommand({ RoleArn: READ_ONLY_ROLE, RoleSessionName: 'iam-tests' }));
    const error = await failure(t.iam(fromStsCredentials(assumed.Credentials)).send(new GetUserCommand({})));
    expect(error).toMatchObject(
      serviceError('ValidationError', 'Must specify userName when calling with non-User credentials', 400),
    );
  });
});

describe('CreateAccessKey and ListAccessKeys', () => {
  it('creates an active key that works for STS and S3 like the original', async () => {
    const { AccessKey } = await t.iam(tyler).send(new CreateAccessKeyCommand({}));
    expect(AccessKey).toMatchObject({ UserName: 'Tyler-Dev', Status: 'Active' });
    expect(AccessKey!.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(AccessKey!.AccessKeyId).not.toBe(tyler.accessKeyId);
    expect(AccessKey!.SecretAccessKey).toHaveLength(40);
    expect(Math.abs(AccessKey!.CreateDate!.getTime() - t.clock.now())).toBeLessThan(2000);

    const created = fromAccessKey(AccessKey);
    const identity = await t.sts(created).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(TYLER_ARN);
    const buckets = await t.s3(created).send(new ListBucketsCommand({}));
    expect(buckets.Buckets!.map((bucket) => bucket.Name)).toEqual(['acme-dev-scratch']);
  });

  it('lists both keys with status and create date, and pages with MaxItems and Marker', async () => {
    const { AccessKey } = await t.iam(tyler).send(new CreateAccessKeyCommand({ UserName: 'Tyler-Dev' }));
    const listed = await t.iam(tyler).send(new ListAccessKeysCommand({}));
    expect(listed.IsTruncated).toBe(false);
    expect(listed.AccessKeyMetadata).toEqual([
      {
        UserName: 'Tyler-Dev',
        AccessKeyId: tyler.accessKeyId,
        Status: 'Active',
        CreateDate: expect.any(Date),
      },
      {
        UserName: 'Tyler-Dev',
        AccessKeyId: AccessKey!.AccessKeyId,
        Status: 'Active',
        CreateDate: AccessKey!.CreateDate,
      },
    ]);

    const first = await t.iam(tyler).send(new ListAccessKeysCommand({ MaxItems: 1 }));
    expect(first.AccessKeyMetadata!.map((key) => key.AccessKeyId)).toEqual([tyler.accessKeyId]);
    expect(first.IsTruncated).toBe(true);
    const second = await t.iam(tyler).send(new ListAccessKeysCommand({ MaxItems: 1, Marker: first.Marker! }));
    expect(second.AccessKeyMetadata!.map((key) => key.AccessKeyId)).toEqual([AccessKey!.AccessKeyId]);
    expect(second.IsTruncated).toBe(false);
  });

  it('refuses a third key with LimitExceeded (409), an inactive key counting too', async () => {
    const { AccessKey } = await t.iam(tyler).send(new CreateAccessKeyCommand({}));
    await t
      .iam(tyler)
      .send(new UpdateAccessKeyCommand({ AccessKeyId: AccessKey!.AccessKeyId!, Status: 'Inactive' }));
    const error = await failure(t.iam(tyler).send(new CreateAccessKeyCommand({})));
    expect(error).toMatchObject(
      serviceError('LimitExceededException', 'Cannot exceed quota for AccessKeysPerUser: 2', 409),
    );
    expect(await keyIds(tyler)).toEqual([tyler.accessKeyId, AccessKey!.AccessKeyId]);
  });
});

describe('UpdateAccessKey and DeleteAccessKey', () => {
  it('refuses an inactive key as STS, S3 and IAM refuse an unknown one, until it is active again', async () => {
    const { AccessKey } = await t.iam(tyler).send(new CreateAccessKeyCommand({}));
    const second = fromAccessKey(AccessKey);
    await t
      .iam(second)
      .send(new UpdateAccessKeyCommand({ AccessKeyId: tyler.accessKeyId, Status: 'Inactive' }));
    const listed = await t.iam(second).send(new ListAccessKeysCommand({}));
    expect(listed.AccessKeyMetadata!.map((key) => key.Status)).toEqual(['Inactive', 'Active']);

    const [sts, s3, iam] = await Promise.all([
      failure(t.sts(tyler).send(new GetCallerIdentityCommand({}))),
      failure(t.s3(tyler).send(new ListBucketsCommand({}))),
      failure(t.iam(tyler).send(new ListAccessKeysCommand({}))),
    ]);
    const invalidToken = serviceError(
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
    );
    expect(sts).toMatchObject(invalidToken);
    expect(iam).toMatchObject(invalidToken);
    expect(s3).toMatchObject(
      serviceError(
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        403,
      ),
    );

    await t
      .iam(second)
      .send(new UpdateAccessKeyCommand({ AccessKeyId: tyler.accessKeyId, Status: 'Active' }));
    expect((await t.sts(tyler).send(new GetCallerIdentityCommand({}))).Arn).toBe(TYLER_ARN);
  });

  it('deletes a key: STS and S3 refuse it at once and the list no longer has it', async () => {
    const { AccessKey } = await t.iam(tyler).send(new CreateAccessKeyCommand({}));
    const second = fromAccessKey(AccessKey);
    await t.iam(second).send(new DeleteAccessKeyCommand({ AccessKeyId: tyler.accessKeyId }));
    expect(await keyIds(second)).toEqual([second.accessKeyId]);
    expect(await failure(t.sts(tyler).send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
    });
    expect(await failure(t.s3(tyler).send(new ListBucketsCommand({})))).toMatchObject({
      name: 'InvalidAccessKeyId',
    });
  });

  it('deletes a key with that very key: the answer arrives, the next call is refused', async () => {
    const deleted = await t.iam(tyler).send(new DeleteAccessKeyCommand({ AccessKeyId: tyler.accessKeyId }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    const error = await failure(t.sts(tyler).send(new GetCallerIdentityCommand({})));
    expect(error).toMatchObject(
      serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403),
    );
  });

  it('answers NoSuchEntity for an unknown key and for another user’s key', async () => {
    const unknown = 'AKIAAAAAAAAAAAAAAAAA';
    const samKey = t.userKeys('Sam-Contractor').accessKeyId;
    for (const AccessKeyId of [unknown, samKey]) {
      const error = await failure(t.iam(tyler).send(new DeleteAccessKeyCommand({ AccessKeyId })));
      expect(error).toMatchObject(
        serviceError('NoSuchEntityException', `The Access Key with id ${AccessKeyId} cannot be found.`, 404),
      );
    }
    // Sam's key is untouched.
    const sam = t.userKeys('Sam-Contractor');
    expect((await t.sts(sam).send(new GetCallerIdentityCommand({}))).Arn).toBe(SAM_ARN);
  });

  it('checks Status and AccessKeyId as IAM does', async () => {
    const badStatus = await failure(
      t
        .iam(tyler)
        .send(new UpdateAccessKeyCommand({ AccessKeyId: tyler.accessKeyId, Status: 'Disabled' as 'Active' })),
    );
    expect(badStatus).toMatchObject(
      serviceError(
        'ValidationError',
        "1 validation error detected: Value 'Disabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]",
        400,
      ),
    );
    const shortId = await failure(t.iam(tyler).send(new DeleteAccessKeyCommand({ AccessKeyId: 'AKIA' })));
    expect(shortId).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'AKIA' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
    });
  });
});

describe('policy checks', () => {
  const denied = (user: string, action: string, resourceUser = user) =>
    `User: arn:aws:iam::${DEV}:user/${user} is not authorized to perform: ${action} on resource: user ${resourceUser} because no identity-based policy allows the ${action} action`;

  it('denies the contractor every access-key call on their own keys', async () => {
    const sam = t.userKeys('Sam-Contractor');
    const iam = t.iam(sam);
    const calls = [
      ['iam:CreateAccessKey', iam.send(new CreateAccessKeyCommand({}))],
      ['iam:ListAccessKeys', iam.send(new ListAccessKeysCommand({}))],
      [
        'iam:UpdateAccessKey',
        iam.send(new UpdateAccessKeyCommand({ AccessKeyId: sam.accessKeyId, Status: 'Inactive' })),
      ],
      ['iam:DeleteAccessKey', iam.send(new DeleteAccessKeyCommand({ AccessKeyId: sam.accessKeyId }))],
      ['iam:GetUser', iam.send(new GetUserCommand({}))],
    ] as const;
    for (const [action, call] of calls) {
      const error = await failure(call);
      expect(error, action).toMatchObject(
        serviceError('AccessDenied', denied('Sam-Contractor', action), 403),
      );
    }
    // Nothing changed: the contractor's key still works.
    expect((await t.sts(sam).send(new GetCallerIdentityCommand({}))).Arn).toBe(SAM_ARN);
  });

  it("lets Tyler manage only his own keys: another user's or an unknown user's are AccessDenied", async () => {
    for (const UserName of ['Sam-Contractor', 'Nobody']) {
      const error = await failure(t.iam(tyler).send(new ListAccessKeysCommand({ UserName })));
      expect(error).toMatchObject({
        name: 'AccessDenied',
        message: denied('Tyler-Dev', 'iam:ListAccessKeys', UserName),
      });
    }
  });
});
