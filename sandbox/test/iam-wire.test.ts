import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import {
  DEV,
  failure,
  fromAccessKey,
  fromStsCredentials,
  sandboxPerTest,
  serviceError,
  type TestSandbox,
} from '../../test-support/sandbox';

// IAM beyond the happy path: its XML on the wire, the global us-east-1 signing scope, which temporary
// credentials it takes, GetAccessKeyLastUsed, and a key rotation whose delete the sandbox refuses.

let t: TestSandbox;
let tyler: AwsCredentialIdentity;
sandboxPerTest((started) => {
  t = started;
  tyler = t.userKeys('Tyler-Dev');
});

const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

async function post(body: string) {
  const response = await t.signedFetch(tyler, { service: 'iam', method: 'POST', headers: form, body });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const newKey = async () => fromAccessKey((await t.iam(tyler).send(new CreateAccessKeyCommand({}))).AccessKey);

describe('IAM wire format', () => {
  it("answers in IAM's namespace; DeleteAccessKey's answer has no Result element", async () => {
    const listed = await post('Action=ListAccessKeys&Version=2010-05-08');
    expect(listed.status).toBe(200);
    expect(listed.type).toBe('text/xml');
    expect(listed.text).toMatch(
      /^<ListAccessKeysResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\s*<ListAccessKeysResult><UserName>Tyler-Dev<\/UserName><AccessKeyMetadata><member><UserName>Tyler-Dev<\/UserName><AccessKeyId>AKIA\w{16}<\/AccessKeyId><Status>Active<\/Status><CreateDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/CreateDate><\/member><\/AccessKeyMetadata><IsTruncated>false<\/IsTruncated><\/ListAccessKeysResult>/,
    );

    const second = await newKey();
    const deleted = await post(`Action=DeleteAccessKey&Version=2010-05-08&AccessKeyId=${second.accessKeyId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toMatch(
      /^<DeleteAccessKeyResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\s*<ResponseMetadata>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>\s*<\/ResponseMetadata>\s*<\/DeleteAccessKeyResponse>\s*$/,
    );
  });

  it("answers errors in IAM's ErrorResponse envelope, and unknown actions as InvalidAction", async () => {
    const missing = await post('Action=DeleteAccessKey&Version=2010-05-08&AccessKeyId=AKIAAAAAAAAAAAAAAAAA');
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>NoSuchEntity<\/Code>\s*<Message>The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found\.<\/Message>/,
    );
    const unknown = await post('Action=GetAccountSummary&Version=2010-05-08');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<Code>InvalidAction</Code>');
    expect(unknown.text).toContain('Could not find operation GetAccountSummary for version 2010-05-08');
  });

  it('refuses a request signed for another region than us-east-1', async () => {
    const error = await failure(t.iam(tyler, 'eu-west-1').send(new ListAccessKeysCommand({})));
    expect(error).toMatchObject(
      serviceError(
        'SignatureDoesNotMatch',
        "Credential should be scoped to a valid region, not 'eu-west-1'. ",
        403,
      ),
    );
  });
});

describe('IAM and temporary credentials', () => {
  it('refuses GetSessionToken credentials without MFA and takes them with MFA', async () => {
    const plain = await t.sts(tyler).send(new GetSessionTokenCommand({}));
    const error = await failure(
      t.iam(fromStsCredentials(plain.Credentials)).send(new ListAccessKeysCommand({})),
    );
    expect(error).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });

    const withMfa = await t
      .sts(tyler)
      .send(new GetSessionTokenCommand({ SerialNumber: t.mfaSerial(), TokenCode: t.mfaCode() }));
    const listed = await t.iam(fromStsCredentials(withMfa.Credentials)).send(new ListAccessKeysCommand({}));
    expect(listed.AccessKeyMetadata!.map((key) => key.AccessKeyId)).toEqual([tyler.accessKeyId]);
  });
});

describe('GetAccessKeyLastUsed', () => {
  it('says N/A for a key never used, then the service, region and time of its last use', async () => {
    const second = await newKey();
    const before = await t
      .iam(tyler)
      .send(new GetAccessKeyLastUsedCommand({ AccessKeyId: second.accessKeyId }));
    expect(before.UserName).toBe('Tyler-Dev');
    expect(before.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });

    await t.sts(second, 'eu-west-1').send(new GetCallerIdentityCommand({}));
    const after = await t
      .iam(tyler)
      .send(new GetAccessKeyLastUsedCommand({ AccessKeyId: second.accessKeyId }));
    expect(after.AccessKeyLastUsed).toMatchObject({ ServiceName: 'sts', Region: 'eu-west-1' });
    expect(Math.abs(after.AccessKeyLastUsed!.LastUsedDate!.getTime() - t.clock.now())).toBeLessThan(2000);
  });

  it("answers NoSuchEntity for a key it does not know and AccessDenied for the contractor's own", async () => {
    const unknown = await failure(
      t.iam(tyler).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' })),
    );
    expect(unknown).toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
    const sam = t.userKeys('Sam-Contractor');
    const denied = await failure(
      t.iam(sam).send(new GetAccessKeyLastUsedCommand({ AccessKeyId: sam.accessKeyId })),
    );
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });
});

describe('a rotation whose delete is refused (refuseAccessKeyDeletion)', () => {
  it('answers the explicit-deny AccessDenied and keeps both keys working until lifted', async () => {
    t.sandbox.refuseAccessKeyDeletion('Tyler-Dev');
    const second = await newKey();
    const error = await failure(
      t.iam(second).send(new DeleteAccessKeyCommand({ AccessKeyId: tyler.accessKeyId })),
    );
    expect(error).toMatchObject(
      serviceError(
        'AccessDenied',
        `User: arn:aws:iam::${DEV}:user/Tyler-Dev is not authorized to perform: iam:DeleteAccessKey on resource: user Tyler-Dev with an explicit deny in an identity-based policy`,
        403,
      ),
    );
    for (const key of [tyler, second]) {
      expect((await t.sts(key).send(new GetCallerIdentityCommand({}))).Account).toBe(DEV);
    }

    t.sandbox.refuseAccessKeyDeletion('Tyler-Dev', false);
    await t.iam(second).send(new DeleteAccessKeyCommand({ AccessKeyId: tyler.accessKeyId }));
    expect(await failure(t.sts(tyler).send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });
});
