import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fromStsCredentials,
  PROD,
  READ_ONLY_ROLE,
  startTestSandbox,
  type TestSandbox,
} from '../../test-support/sandbox';
import { isRoleTrayError, RoleTrayError } from '../core/errors';
import { consoleDestination, consoleSigninUrl, federationEndpoint } from './console-signin';

// The console sign-in URL end to end against the sandbox's federation endpoint: a role session from
// the SDK, the login URL's 302, the stand-in console page naming the assumed-role ARN; plus the
// refusals that happen before any request and the sentences for a refused or unreachable endpoint.

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.stop());

async function roleSession(sessionName: string) {
  const result = await t
    .sts(t.userKeys('Tyler-Dev'))
    .send(new AssumeRoleCommand({ RoleArn: READ_ONLY_ROLE, RoleSessionName: sessionName }));
  return fromStsCredentials(result.Credentials);
}

async function rejection(promise: Promise<unknown>): Promise<RoleTrayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RoleTrayError) return error;
    throw error;
  }
  throw new Error('expected a RoleTrayError');
}

/** A port that was free a moment ago and now refuses connections. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('consoleSigninUrl against the sandbox', () => {
  it('signs the role session in to the console page', async () => {
    const credentials = await roleSession('roletray-console');
    const endpoint = federationEndpoint('aws', `${t.sandbox.endpoint}/federation`);
    const destination = consoleDestination('aws', 'eu-west-1', 's3');
    const url = await consoleSigninUrl({
      credentials,
      endpoint,
      destination,
      issuer: 'https://roletray.example/',
      sessionDurationSeconds: 3600,
    });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(endpoint);
    expect(parsed.searchParams.get('Action')).toBe('login');
    expect(parsed.searchParams.get('Destination')).toBe(destination);
    expect(parsed.searchParams.get('Issuer')).toBe('https://roletray.example/');
    expect(parsed.searchParams.get('SigninToken')).toMatch(/^[\w-]{40,}$/);
    expect(url).not.toContain(credentials.secretAccessKey);

    const redirect = await fetch(url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(/^\/federation\/console\?destination=/);

    const page = await fetch(new URL(redirect.headers.get('location') ?? '', t.sandbox.endpoint));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(
      `<code id="signed-in-as">arn:aws:sts::${PROD}:assumed-role/DevReadOnly-CrossAccount/roletray-console</code>`,
    );

    // The SigninToken is single use: presenting the same URL again is refused.
    const again = await fetch(url);
    expect(again.status).toBe(400);
  });

  it('follows the login URL with redirects on', async () => {
    const url = await consoleSigninUrl({
      credentials: await roleSession('follow'),
      endpoint: federationEndpoint('aws', `${t.sandbox.endpoint}/federation`),
      destination: consoleDestination('aws', 'us-east-1'),
    });
    expect(new URL(url).searchParams.has('Issuer')).toBe(false);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.url).toContain('/federation/console?destination=');
    expect(await page.text()).toContain(':assumed-role/DevReadOnly-CrossAccount/follow</code>');
  });

  it('refuses long-term keys before any request', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    const error = await rejection(
      consoleSigninUrl({
        credentials: t.userKeys('Tyler-Dev'),
        endpoint: `${t.sandbox.endpoint}/federation`,
        destination: consoleDestination('aws'),
        fetch: fetchSpy,
      }),
    );
    expect(error.kind).toBe('Validation');
    expect(error.message).toContain('The AWS console needs a role session');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a session duration outside 900..43200 before any request', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    for (const seconds of [899, 43_201, 1000.5]) {
      const error = await rejection(
        consoleSigninUrl({
          credentials: { accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't' },
          endpoint: `${t.sandbox.endpoint}/federation`,
          destination: consoleDestination('aws'),
          sessionDurationSeconds: seconds,
          fetch: fetchSpy,
        }),
      );
      expect(error.kind).toBe('Validation');
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('says the status when the endpoint refuses an expired session, without leaking secrets', async () => {
    const credentials = await roleSession('expired');
    t.clock.advance(3601);
    const error = await rejection(
      consoleSigninUrl({
        credentials,
        endpoint: `${t.sandbox.endpoint}/federation`,
        destination: consoleDestination('aws'),
      }),
    );
    expect(isRoleTrayError(error, 'InvalidCredentials')).toBe(true);
    expect(error.message).toContain('HTTP 400');
    expect(error.message).toContain(`127.0.0.1:${t.sandbox.port}`);
    expect(error.message).not.toContain(credentials.secretAccessKey);
    expect(JSON.stringify(error.info)).not.toContain(credentials.sessionToken!);
  });

  it('gives the network sentence when the sandbox is down', async () => {
    const port = await closedPort();
    const error = await rejection(
      consoleSigninUrl({
        credentials: { accessKeyId: 'ASIAX', secretAccessKey: 'secret-key', sessionToken: 'token' },
        endpoint: `http://127.0.0.1:${port}/federation`,
        destination: consoleDestination('aws'),
      }),
    );
    expect(error.kind).toBe('Network');
    expect(error.message).toBe(
      `Cannot reach the AWS sign-in endpoint at 127.0.0.1:${port} (ECONNREFUSED); check your connection and try again.`,
    );
    expect(error.message).not.toContain('secret-key');
  });

  it('says when a 5xx or a body without a token comes back', async () => {
    const options = {
      credentials: { accessKeyId: 'ASIAX', secretAccessKey: 'k', sessionToken: 't' },
      endpoint: 'https://signin.aws.amazon.com/federation',
      destination: consoleDestination('aws'),
    };
    const down = await rejection(
      consoleSigninUrl({ ...options, fetch: () => Promise.resolve(new Response('', { status: 503 })) }),
    );
    expect(down.kind).toBe('Internal');
    expect(down.message).toContain('HTTP 503');
    const empty = await rejection(
      consoleSigninUrl({ ...options, fetch: () => Promise.resolve(Response.json({})) }),
    );
    expect(empty.message).toContain('without a sign-in token');
  });

  it('sends the Session JSON to getSigninToken with GET and passes the signal through', async () => {
    const seen: { url: URL; init: RequestInit | undefined }[] = [];
    const controller = new AbortController();
    const url = await consoleSigninUrl({
      credentials: { accessKeyId: 'ASIAX', secretAccessKey: 'k+/=', sessionToken: 'tok en' },
      endpoint: 'https://signin.aws.amazon.com/federation',
      destination: 'https://console.aws.amazon.com/console/home',
      signal: controller.signal,
      fetch: (input, init) => {
        seen.push({ url: new URL(input instanceof Request ? input.url : input), init });
        return Promise.resolve(Response.json({ SigninToken: 'a+b/c=' }));
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.init?.method).toBe('GET');
    expect(seen[0]!.init?.signal).toBe(controller.signal);
    expect(seen[0]!.url.searchParams.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(seen[0]!.url.searchParams.get('Session')!)).toEqual({
      sessionId: 'ASIAX',
      sessionKey: 'k+/=',
      sessionToken: 'tok en',
    });
    expect(new URL(url).searchParams.get('SigninToken')).toBe('a+b/c=');
  });
});

describe('partition endpoints and destinations', () => {
  it('maps partitions to federation endpoints, the override winning', () => {
    expect(federationEndpoint('aws')).toBe('https://signin.aws.amazon.com/federation');
    expect(federationEndpoint('aws-cn')).toBe('https://signin.amazonaws.cn/federation');
    expect(federationEndpoint('aws-us-gov')).toBe('https://signin.amazonaws-us-gov.com/federation');
    expect(federationEndpoint('aws', 'http://127.0.0.1:1/federation')).toBe('http://127.0.0.1:1/federation');
    expect(() => federationEndpoint('aws-iso')).toThrow(RoleTrayError);
  });

  it('builds console destinations per partition and region', () => {
    expect(consoleDestination('aws', 'us-east-1')).toBe(
      'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
    );
    expect(consoleDestination('aws', 'eu-west-1', 's3')).toBe(
      'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1',
    );
    expect(consoleDestination('aws')).toBe('https://console.aws.amazon.com/console/home');
    expect(consoleDestination('aws-cn', 'cn-north-1')).toBe(
      'https://console.amazonaws.cn/console/home?region=cn-north-1',
    );
    expect(consoleDestination('aws-us-gov', 'us-gov-west-1', 'ec2')).toBe(
      'https://console.amazonaws-us-gov.com/ec2/home?region=us-gov-west-1',
    );
  });

  it('refuses regions of another partition and odd names', () => {
    for (const [partition, region] of [
      ['aws', 'cn-north-1'],
      ['aws', 'us-gov-west-1'],
      ['aws-cn', 'us-east-1'],
      ['aws-us-gov', 'us-east-1'],
      ['aws', 'evil.example.com/x'],
    ] as const) {
      expect(() => consoleDestination(partition, region), region).toThrow(RoleTrayError);
    }
    expect(() => consoleDestination('aws', 'us-east-1', '../x')).toThrow(RoleTrayError);
    expect(() => consoleDestination('aws-iso', 'us-iso-east-1')).toThrow(RoleTrayError);
  });
});
