import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromStsCredentials,
  PROD,
  READ_ONLY_ROLE,
  startTestSandbox,
  type TestSandbox,
} from '../../test-support/sandbox';

// The console federation endpoint through real HTTP: getSigninToken for a role session, the
// single-use 15-minute SigninToken, the redirect to the sandbox's stand-in console page, and the
// 400s AWS answers for long-term keys, expired sessions and malformed input.

const CHAINED_ROLE = `arn:aws:iam::${PROD}:role/ProdLogReader`;
const DESTINATION = 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1';
let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.stop());

async function roleSession(sessionName = 'console'): Promise<AwsCredentialIdentity> {
  const result = await t
    .sts(t.userKeys('Tyler-Dev'))
    .send(new AssumeRoleCommand({ RoleArn: READ_ONLY_ROLE, RoleSessionName: sessionName }));
  return fromStsCredentials(result.Credentials);
}

function sessionJson(credentials: AwsCredentialIdentity): string {
  return JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  });
}

function getSigninToken(session: string, extra: Record<string, string> = {}): Promise<Response> {
  const query = new URLSearchParams({ Action: 'getSigninToken', ...extra, Session: session });
  return fetch(`${t.sandbox.endpoint}/federation?${query.toString()}`);
}

async function signinToken(credentials: AwsCredentialIdentity): Promise<string> {
  const response = await getSigninToken(sessionJson(credentials));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  const body = (await response.json()) as { SigninToken?: unknown };
  expect(typeof body.SigninToken).toBe('string');
  return body.SigninToken as string;
}

function login(token: string, destination = DESTINATION): Promise<Response> {
  const query = new URLSearchParams({
    Action: 'login',
    Issuer: 'https://roletray.example/',
    Destination: destination,
    SigninToken: token,
  });
  return fetch(`${t.sandbox.endpoint}/federation?${query.toString()}`, { redirect: 'manual' });
}

describe('getSigninToken and login', () => {
  it('signs a role session in and shows the assumed-role ARN on the console page', async () => {
    const token = await signinToken(await roleSession('console-flow'));
    const redirect = await login(token);
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location).toMatch(/^\/federation\/console\?destination=/);
    expect(new URL(location, t.sandbox.endpoint).searchParams.get('destination')).toBe(DESTINATION);

    const page = await fetch(new URL(location, t.sandbox.endpoint));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const arn = `arn:aws:sts::${PROD}:assumed-role/DevReadOnly-CrossAccount/console-flow`;
    expect(html).toContain(`<code id="signed-in-as">${arn}</code>`);
    expect(html).toContain('Signed in to the AWS console (sandbox) as');
    expect(html).toContain(DESTINATION.replace(/&/g, '&amp;'));
  });

  it('accepts SessionDuration within 900..43200 and refuses it outside', async () => {
    const session = sessionJson(await roleSession());
    expect((await getSigninToken(session, { SessionDuration: '3600' })).status).toBe(200);
    for (const bad of ['899', '43201', 'abc', '1.5']) {
      const response = await getSigninToken(session, { SessionDuration: bad });
      expect(response.status, bad).toBe(400);
    }
  });

  it('refuses SessionDuration for role chaining, as AWS does, and takes the chained session without it', async () => {
    const first = await roleSession('first-hop');
    // The read-only role's session assumes a role again: chaining.
    const chained = fromStsCredentials(
      (
        await t
          .sts(first)
          .send(new AssumeRoleCommand({ RoleArn: CHAINED_ROLE, RoleSessionName: 'second-hop' }))
      ).Credentials,
    );
    const refused = await getSigninToken(sessionJson(chained), { SessionDuration: '3600' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(
      'SessionDuration cannot be used with credentials from role chaining.',
    );
    expect((await getSigninToken(sessionJson(chained))).status).toBe(200);
    // The first hop was assumed with long-term keys: not chaining, so it takes the 12 hours.
    expect((await getSigninToken(sessionJson(first), { SessionDuration: '43200' })).status).toBe(200);
    // A role assumed with a GetSessionToken session's credentials is chaining too.
    const tokenSession = await t.sts(t.userKeys('Tyler-Dev')).send(new GetSessionTokenCommand({}));
    const fromToken = fromStsCredentials(
      (
        await t
          .sts(fromStsCredentials(tokenSession.Credentials))
          .send(new AssumeRoleCommand({ RoleArn: READ_ONLY_ROLE, RoleSessionName: 'from-token' }))
      ).Credentials,
    );
    expect((await getSigninToken(sessionJson(fromToken), { SessionDuration: '900' })).status).toBe(400);
  });

  it('refuses a sign-in token the second time', async () => {
    const token = await signinToken(await roleSession());
    expect((await login(token)).status).toBe(302);
    const again = await login(token);
    expect(again.status).toBe(400);
    expect(again.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await again.text()).toContain('already used');
  });

  it('refuses a sign-in token older than 15 minutes', async () => {
    const token = await signinToken(await roleSession());
    t.clock.advance(15 * 60 + 1);
    const response = await login(token);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('expired');
  });

  it('refuses an unknown token and a login without a Destination', async () => {
    expect((await login('not-a-token')).status).toBe(400);
    const token = await signinToken(await roleSession());
    const query = new URLSearchParams({ Action: 'login', SigninToken: token });
    const response = await fetch(`${t.sandbox.endpoint}/federation?${query.toString()}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
  });

  it('has no console page without a signed-in session', async () => {
    const response = await fetch(`${t.sandbox.endpoint}/federation/console?destination=x&session=nope`);
    expect(response.status).toBe(403);
  });
});

describe('credentials getSigninToken refuses', () => {
  it('refuses an expired role session', async () => {
    const credentials = await roleSession();
    t.clock.advance(3601); // DevReadOnly-CrossAccount sessions last 1 hour
    const response = await getSigninToken(sessionJson(credentials));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('expired');
  });

  it('refuses long-term IAM user keys, with or without a session token field', async () => {
    const keys = t.userKeys('Tyler-Dev');
    for (const session of [
      JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey }),
      JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey, sessionToken: '' }),
    ]) {
      const response = await getSigninToken(session);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Long-term IAM user access keys');
    }
  });

  it('refuses GetSessionToken credentials, as AWS does', async () => {
    const result = await t.sts(t.userKeys('Sam-Contractor')).send(new GetSessionTokenCommand({}));
    const response = await getSigninToken(sessionJson(fromStsCredentials(result.Credentials)));
    expect(response.status).toBe(400);
  });

  it('refuses a wrong secret or session token', async () => {
    const credentials = await roleSession();
    const wrongKey = { ...credentials, secretAccessKey: 'x'.repeat(40) };
    expect((await getSigninToken(sessionJson(wrongKey))).status).toBe(400);
    const wrongToken = { ...credentials, sessionToken: 'IQoJ' + 'y'.repeat(100) };
    expect((await getSigninToken(sessionJson(wrongToken))).status).toBe(400);
    const unknown = { ...credentials, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' };
    expect((await getSigninToken(sessionJson(unknown))).status).toBe(400);
  });

  it('answers 400 for malformed Session JSON, a missing Session and an unknown Action', async () => {
    for (const session of ['{not json', '[]', 'null', '"text"', '{"sessionId":1}']) {
      const response = await getSigninToken(session);
      expect(response.status, session).toBe(400);
    }
    expect((await fetch(`${t.sandbox.endpoint}/federation?Action=getSigninToken`)).status).toBe(400);
    expect((await fetch(`${t.sandbox.endpoint}/federation?Action=nope`)).status).toBe(400);
    expect((await fetch(`${t.sandbox.endpoint}/federation?Session=%zz`)).status).toBe(400);
  });
});
