import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type RawRequest, type TestSandbox } from '../../test-support/sandbox';

// STS on the wire, for what the SDK never sends: unknown actions, broken query strings, missing or
// malformed authentication. Every answer is STS's XML error envelope, never a crash.

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.stop());

/** A request signed with Tyler-Dev's keys for STS (unless the request names another service). */
async function send(request: RawRequest) {
  const response = await t.signedFetch(t.userKeys('Tyler-Dev'), { service: 'sts', ...request });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

const unescape = (xml: string | undefined) =>
  xml
    ?.replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function errorOf(text: string) {
  return {
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
    message: unescape(/<Message>([^<]*)<\/Message>/.exec(text)?.[1]),
    requestId: /<RequestId>([^<]*)<\/RequestId>/.exec(text)?.[1],
    envelope: text.startsWith('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'),
  };
}

describe('STS wire format', () => {
  it('answers a signed POST form with the Query protocol envelope', async () => {
    const response = await send({
      method: 'POST',
      headers: form,
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml');
    expect(response.text).toMatch(
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user\/Tyler-Dev<\/Arn><UserId>AIDA\w{17}<\/UserId><Account>210987654321<\/Account><\/GetCallerIdentityResult>\s*<ResponseMetadata>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>/,
    );
    expect(response.headers.get('x-amzn-requestid')).toBe(/<RequestId>([^<]*)</.exec(response.text)?.[1]);
  });

  it('accepts the Query API as a signed GET too', async () => {
    const response = await send({
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('<Account>210987654321</Account>');
  });

  it('verifies a signed GET whose query has parameters named like Object members', async () => {
    // Own properties: an object literal's `__proto__:` would set the prototype instead of a key.
    const response = await send({
      query: Object.fromEntries([
        ['Action', 'GetCallerIdentity'],
        ['Version', '2011-06-15'],
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ]),
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('<Account>210987654321</Account>');
  });

  it("refuses Object's own member names as actions, and answers nothing of the sandbox's state", async () => {
    for (const action of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
      const response = await send({
        method: 'POST',
        headers: form,
        body: `Action=${action}&Version=2011-06-15&__proto__=a&__proto__=b`,
      });
      expect(response.status, action).toBe(400);
      expect(errorOf(response.text)).toMatchObject({
        code: 'InvalidAction',
        message: `Could not find operation ${action} for version 2011-06-15`,
      });
      expect(response.text).not.toContain(t.userKeys('Tyler-Dev').secretAccessKey);
    }
  });

  it('refuses an unknown action with InvalidAction', async () => {
    const response = await send({
      method: 'POST',
      headers: form,
      body: 'Action=CreateUser&Version=2011-06-15&UserName=x',
    });
    expect(response.status).toBe(400);
    expect(errorOf(response.text)).toMatchObject({
      code: 'InvalidAction',
      message: 'Could not find operation CreateUser for version 2011-06-15',
      envelope: true,
    });
  });

  it('refuses a wrong API version and a missing Action', async () => {
    const wrongVersion = await send({
      method: 'POST',
      headers: form,
      body: 'Action=GetCallerIdentity&Version=2010-01-01',
    });
    expect(errorOf(wrongVersion.text).code).toBe('InvalidAction');
    const noAction = await send({
      method: 'POST',
      headers: form,
      body: 'Version=2011-06-15',
    });
    expect(noAction.status).toBe(400);
    expect(errorOf(noAction.text).code).toBe('MissingAction');
  });

  it('refuses broken percent-encoding in the form body with MalformedQueryString', async () => {
    const response = await send({
      method: 'POST',
      headers: form,
      body: 'Action=AssumeRole&Version=2011-06-15&RoleSessionName=%E0%A4%A',
    });
    expect(response.status).toBe(400);
    expect(errorOf(response.text).code).toBe('MalformedQueryString');
  });

  it('asks for authentication when a request is unsigned', async () => {
    const response = await fetch(t.sandbox.endpoint, {
      method: 'POST',
      headers: form,
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    expect(errorOf(await response.text())).toMatchObject({
      code: 'MissingAuthenticationToken',
      message: 'Request is missing Authentication Token',
      envelope: true,
    });
  });

  it('explains a malformed Authorization header with IncompleteSignature', async () => {
    const response = await fetch(t.sandbox.endpoint, {
      method: 'POST',
      headers: {
        ...form,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/20261128/us-east-1/sts/aws4_request',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(400);
    const error = errorOf(await response.text());
    expect(error.code).toBe('IncompleteSignature');
    expect(error.message).toContain("Authorization header requires 'SignedHeaders' parameter.");
  });

  it('refuses a request signed for another service', async () => {
    const response = await send({
      service: 's3',
      method: 'POST',
      headers: form,
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    // Signed for s3, so the sandbox routes it to S3, which has no POST on the service root.
    expect(response.status).toBe(405);
    expect(response.text).toContain('<Code>MethodNotAllowed</Code>');
  });

  it('detects a body changed after signing', async () => {
    const keys = t.userKeys('Tyler-Dev');
    const url = new URL(t.sandbox.endpoint);
    const { HttpRequest } = await import('@smithy/protocol-http');
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Hash } = await import('@smithy/hash-node');
    const signer = new SignatureV4({
      service: 'sts',
      region: 'us-east-1',
      credentials: keys,
      sha256: Hash.bind(null, 'sha256'),
    });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers: { host: url.host, ...form },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      }),
    );
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host'));
    const response = await fetch(t.sandbox.endpoint, {
      method: 'POST',
      headers,
      body: 'Action=GetSessionToken&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    expect(errorOf(await response.text()).code).toBe('SignatureDoesNotMatch');
  });
});
