import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../test-support/sandbox';
import {
  approveSignIn,
  formOf,
  oidcCall,
  pkcePair,
  portalCall,
  registerClient,
  signInWithDeviceCode,
  SSO_SCOPES,
  SSO_USER,
  type RegisteredClient,
} from '../../test-support/sso';

// IAM Identity Center's OIDC API and the approval page through real HTTP: each grant (device code,
// authorization code with PKCE, refresh) and each refusal with AWS's exception in x-amzn-ErrorType
// and the OAuth body, the loopback redirects, and the page's Host and Origin guards.

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const CALLBACK = 'http://127.0.0.1/oauth/callback';

let t: TestSandbox;
let endpoint: string;
let password: string;
let startUrl: string;
beforeAll(async () => {
  t = await startTestSandbox({ identityCenter: { pollIntervalSeconds: 1 } });
  endpoint = t.sandbox.endpoint;
  const instance = t.sandbox.scenario.identityCenter!;
  password = instance.users[0]!.password;
  startUrl = instance.startUrl;
});
afterAll(() => t.stop());

const oauthError = (exception: string, error: string, status = 400) => ({
  status,
  errorType: exception,
  body: { error, error_description: expect.any(String) as string },
});

async function startDevice(client: RegisteredClient) {
  const answer = await oidcCall(endpoint, '/device_authorization', { ...client, startUrl });
  expect(answer.status).toBe(200);
  return answer.body as { deviceCode: string; userCode: string; verificationUriComplete: string };
}

const deviceToken = (client: RegisteredClient, deviceCode: string) =>
  oidcCall(endpoint, '/token', { ...client, grantType: DEVICE_GRANT, deviceCode });

const refresh = (client: RegisteredClient, refreshToken: string) =>
  oidcCall(endpoint, '/token', { ...client, grantType: 'refresh_token', refreshToken });

describe('RegisterClient', () => {
  it('registers a public client whose secret lasts 90 days', async () => {
    const answer = await oidcCall(endpoint, '/client/register', { clientName: 'cli', clientType: 'public' });
    expect(answer.status).toBe(200);
    const body = answer.body as Record<string, number | string>;
    expect(body['clientId']).toMatch(/^[\w-]{16,}$/);
    expect(String(body['clientSecret']).length).toBeGreaterThan(100);
    const issued = Math.floor(t.clock.now() / 1000);
    expect(Number(body['clientIdIssuedAt'])).toBeGreaterThanOrEqual(issued - 1);
    expect(Number(body['clientSecretExpiresAt']) - Number(body['clientIdIssuedAt'])).toBe(90 * 86400);
  });

  it('refuses a client type other than public, unknown grants and redirects off the loopback', async () => {
    const base = { clientName: 'cli', clientType: 'public' };
    expect(await oidcCall(endpoint, '/client/register', { ...base, clientType: 'confidential' })).toEqual(
      oauthError('InvalidClientMetadataException', 'invalid_client_metadata'),
    );
    expect(await oidcCall(endpoint, '/client/register', { ...base, grantTypes: ['implicit'] })).toEqual(
      oauthError('UnsupportedGrantTypeException', 'unsupported_grant_type'),
    );
    for (const uri of ['https://127.0.0.1/cb', 'http://evil.example/cb', 'http://127.0.0.2.nip.io/cb'])
      expect(await oidcCall(endpoint, '/client/register', { ...base, redirectUris: [uri] })).toEqual(
        oauthError('InvalidRedirectUriException', 'invalid_redirect_uri'),
      );
    const missing = await oidcCall(endpoint, '/client/register', { clientType: 'public' });
    expect(missing).toEqual(oauthError('InvalidRequestException', 'invalid_request'));
  });
});

describe('the device flow', () => {
  it('is pending, then slow_down when polled early (5 s more each time), then a token pair once allowed; the code works once', async () => {
    const client = await registerClient(endpoint);
    const device = await startDevice(client);
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verificationUriComplete).toBe(`${endpoint}/device?user_code=${device.userCode}`);
    expect(await deviceToken(client, device.deviceCode)).toEqual(
      oauthError('AuthorizationPendingException', 'authorization_pending'),
    );
    expect(await deviceToken(client, device.deviceCode)).toEqual(
      oauthError('SlowDownException', 'slow_down'),
    );
    // RFC 8628: after slow_down the interval is 5 s longer, for good: 1 s is early now, 6 s is not.
    t.clock.advance(1);
    expect((await deviceToken(client, device.deviceCode)).errorType).toBe('SlowDownException');
    t.clock.advance(11);
    expect((await deviceToken(client, device.deviceCode)).errorType).toBe('AuthorizationPendingException');

    const approved = await approveSignIn(device.verificationUriComplete, SSO_USER, password, 'allow');
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('Request approved');
    const token = await deviceToken(client, device.deviceCode);
    expect(token.status).toBe(200);
    expect(token.body).toEqual({
      accessToken: expect.stringMatching(/^aoa/) as string,
      refreshToken: expect.stringMatching(/^aor/) as string,
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
    expect(await deviceToken(client, device.deviceCode)).toEqual(
      oauthError('InvalidGrantException', 'invalid_grant'),
    );
  });

  it('gives a client registered without scopes no refresh token, and a token for the whole session', async () => {
    const signIn = await signInWithDeviceCode(endpoint, startUrl, password, { scopes: [] });
    expect(signIn.refreshToken).toBeUndefined();
    expect(signIn.expiresIn).toBe(8 * 3600);
  });

  it('answers access_denied after Deny, expired_token after the code expires', async () => {
    const client = await registerClient(endpoint);
    const denied = await startDevice(client);
    const page = await approveSignIn(denied.verificationUriComplete, SSO_USER, password, 'deny');
    expect(await page.text()).toContain('Request denied');
    expect(await deviceToken(client, denied.deviceCode)).toEqual(
      oauthError('AccessDeniedException', 'access_denied'),
    );

    const late = await startDevice(client);
    t.clock.advance(601);
    expect(await deviceToken(client, late.deviceCode)).toEqual(
      oauthError('ExpiredTokenException', 'expired_token'),
    );
    const expiredPage = await approveSignIn(late.verificationUriComplete, SSO_USER, password, 'allow');
    expect(expiredPage.status).toBe(400);
  });

  it('refuses a wrong client secret (invalid_client, 401), another client’s device code and a wrong start URL', async () => {
    const client = await registerClient(endpoint);
    const device = await startDevice(client);
    expect(await deviceToken({ ...client, clientSecret: 'nope' }, device.deviceCode)).toEqual(
      oauthError('InvalidClientException', 'invalid_client', 401),
    );
    const other = await registerClient(endpoint);
    expect((await deviceToken(other, device.deviceCode)).errorType).toBe('InvalidGrantException');
    const wrongUrl = await oidcCall(endpoint, '/device_authorization', {
      ...client,
      startUrl: 'https://d-0000000000.awsapps.com/start',
    });
    expect(wrongUrl).toEqual(oauthError('InvalidRequestException', 'invalid_request'));
  });

  it('keeps the request pending when the password is wrong', async () => {
    const client = await registerClient(endpoint);
    const device = await startDevice(client);
    const wrong = await approveSignIn(device.verificationUriComplete, SSO_USER, 'guess', 'allow');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Incorrect user name or password.');
    t.clock.advance(2);
    expect((await deviceToken(client, device.deviceCode)).errorType).toBe('AuthorizationPendingException');
  });
});

describe('refresh tokens and the sign-in session', () => {
  it('rotates the refresh token: each refresh answers a new pair and the old one is refused', async () => {
    const signIn = await signInWithDeviceCode(endpoint, startUrl, password, { scopes: SSO_SCOPES });
    const first = await refresh(signIn.client, signIn.refreshToken!);
    expect(first.status).toBe(200);
    const { accessToken, refreshToken } = first.body as { accessToken: string; refreshToken: string };
    expect(refreshToken).not.toBe(signIn.refreshToken);
    expect(accessToken).not.toBe(signIn.accessToken);
    expect(await refresh(signIn.client, signIn.refreshToken!)).toEqual(
      oauthError('InvalidGrantException', 'invalid_grant'),
    );
    expect((await refresh(signIn.client, refreshToken)).status).toBe(200);
    const otherClient = await registerClient(endpoint);
    const fresh = await signInWithDeviceCode(endpoint, startUrl, password, { scopes: SSO_SCOPES });
    expect((await refresh(otherClient, fresh.refreshToken!)).errorType).toBe('InvalidGrantException');
  });

  it('refuses the refresh token and the access token once the session ends', async () => {
    const short = await startTestSandbox({ identityCenter: { sessionSeconds: 120, accessTokenSeconds: 60 } });
    try {
      const instance = short.sandbox.scenario.identityCenter!;
      const signIn = await signInWithDeviceCode(short.sandbox.endpoint, instance.startUrl, password, {
        scopes: SSO_SCOPES,
      });
      expect(signIn.expiresIn).toBe(60);
      short.clock.advance(61);
      expect(
        (await portalCall(short.sandbox.endpoint, '/assignment/accounts', signIn.accessToken)).status,
      ).toBe(401);
      const renewed = await oidcCall(short.sandbox.endpoint, '/token', {
        ...signIn.client,
        grantType: 'refresh_token',
        refreshToken: signIn.refreshToken,
      });
      expect(renewed.status).toBe(200);
      expect(renewed.body['expiresIn']).toBe(59);
      short.clock.advance(60);
      const ended = await oidcCall(short.sandbox.endpoint, '/token', {
        ...signIn.client,
        grantType: 'refresh_token',
        refreshToken: renewed.body['refreshToken'],
      });
      expect(ended).toEqual(oauthError('InvalidGrantException', 'invalid_grant'));
    } finally {
      await short.stop();
    }
  });

  it('refuses the refresh token after Logout', async () => {
    const signIn = await signInWithDeviceCode(endpoint, startUrl, password, { scopes: SSO_SCOPES });
    const logout = await portalCall(endpoint, '/logout', signIn.accessToken, {}, 'POST');
    expect(logout.status).toBe(200);
    expect((await refresh(signIn.client, signIn.refreshToken!)).errorType).toBe('InvalidGrantException');
  });
});

describe('the authorization code flow with PKCE', () => {
  const authClient = () =>
    registerClient(endpoint, {
      scopes: SSO_SCOPES,
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [CALLBACK],
      issuerUrl: startUrl,
    });

  function authorizeUrl(client: RegisteredClient, challenge: string, extra: Record<string, string> = {}) {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: 'http://127.0.0.1:43117/oauth/callback',
      state: 'state-123',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      ...extra,
    });
    return `${endpoint}/authorize?${query.toString()}&code_challenge=${challenge}`;
  }

  const codeToken = (client: RegisteredClient, code: string, verifier: string, redirectUri: string) =>
    oidcCall(endpoint, '/token', {
      ...client,
      grantType: 'authorization_code',
      code,
      redirectUri,
      codeVerifier: verifier,
    });

  it('redirects Allow to the loopback redirect_uri with code and state, and trades the code once', async () => {
    const client = await authClient();
    const { verifier, challenge } = pkcePair();
    const approved = await approveSignIn(authorizeUrl(client, challenge), SSO_USER, password, 'allow');
    expect(approved.status).toBe(302);
    const location = new URL(approved.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:43117/oauth/callback');
    expect(location.searchParams.get('state')).toBe('state-123');
    const code = location.searchParams.get('code')!;
    const token = await codeToken(client, code, verifier, 'http://127.0.0.1:43117/oauth/callback');
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    expect(token.body['refreshToken']).toMatch(/^aor/);
    expect((await codeToken(client, code, verifier, 'http://127.0.0.1:43117/oauth/callback')).errorType).toBe(
      'InvalidGrantException',
    );
  });

  it('refuses a code_verifier that does not match the challenge, and another redirect_uri', async () => {
    const client = await authClient();
    const { challenge } = pkcePair();
    const codeFor = async () => {
      const approved = await approveSignIn(authorizeUrl(client, challenge), SSO_USER, password, 'allow');
      return new URL(approved.headers.get('location')!).searchParams.get('code')!;
    };
    const redirectUri = 'http://127.0.0.1:43117/oauth/callback';
    expect(await codeToken(client, await codeFor(), pkcePair().verifier, redirectUri)).toEqual(
      oauthError('InvalidGrantException', 'invalid_grant'),
    );
    expect(
      (await codeToken(client, await codeFor(), 'x', 'http://127.0.0.1:43118/oauth/callback')).errorType,
    ).toBe('InvalidGrantException');
  });

  it('accepts localhost and [::1] redirects on any port and `scope` for `scopes`', async () => {
    const client = await registerClient(endpoint, {
      scopes: SSO_SCOPES,
      grantTypes: ['authorization_code'],
      redirectUris: ['http://localhost/cb', 'http://[::1]/cb'],
    });
    const { verifier, challenge } = pkcePair();
    for (const redirect of ['http://localhost:5000/cb', 'http://[::1]:5001/cb']) {
      const url = authorizeUrl(client, challenge, { redirect_uri: redirect, scope: 'sso:account:access' });
      const approved = await approveSignIn(
        url.replace('&scopes=sso%3Aaccount%3Aaccess', ''),
        SSO_USER,
        password,
        'allow',
      );
      const location = new URL(approved.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(redirect);
      const token = await codeToken(client, location.searchParams.get('code')!, verifier, redirect);
      expect(token.status).toBe(200);
      // Registered without refresh_token: no refresh token.
      expect(token.body['refreshToken']).toBeUndefined();
    }
  });

  it('redirects Deny with error=access_denied and the state', async () => {
    const client = await authClient();
    const denied = await approveSignIn(
      authorizeUrl(client, pkcePair().challenge),
      SSO_USER,
      password,
      'deny',
    );
    expect(denied.status).toBe(302);
    const location = new URL(denied.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('never redirects a request it refuses: unregistered or non-loopback redirect_uri, plain PKCE, unknown client', async () => {
    const client = await authClient();
    const { challenge } = pkcePair();
    const refused = [
      authorizeUrl(client, challenge, { redirect_uri: 'http://evil.example:80/oauth/callback' }),
      authorizeUrl(client, challenge, { redirect_uri: 'http://127.0.0.1:5000/elsewhere' }),
      authorizeUrl(client, challenge, { code_challenge_method: 'plain' }),
      authorizeUrl({ ...client, clientId: 'unknown' }, challenge),
      authorizeUrl(client, challenge, { scopes: 'sso:account:access codewhisperer:completions' }),
    ];
    for (const url of refused) {
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status, url).toBe(400);
      expect(page.headers.get('location')).toBeNull();
    }
  });
});

describe('the approval page’s guards', () => {
  /** A request with a Host header fetch would not let us set. */
  function rawRequest(path: string, headers: Record<string, string>, method = 'GET', body = '') {
    return new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port: t.sandbox.port, path, method, headers },
        (response) => {
          response.resume();
          resolve(response.statusCode!);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  it('answers only at its own loopback address (a DNS-rebinding guard)', async () => {
    const port = t.sandbox.port;
    expect(await rawRequest('/device', { host: `127.0.0.1:${port}` })).toBe(200);
    expect(await rawRequest('/device', { host: `localhost:${port}` })).toBe(200);
    expect(await rawRequest('/device', { host: `attacker.example:${port}` })).toBe(403);
    expect(await rawRequest('/device', { host: `127.0.0.1:${port + 1}` })).toBe(403);
  });

  it('answers a malformed request in kind: a page for the page, OIDC JSON for the API', async () => {
    const page = await fetch(`${endpoint}/device?user_code=%zz`);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const api = await fetch(`${endpoint}/token`, { method: 'POST', body: '{not json' });
    expect(api.status).toBe(400);
    expect(api.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect(await api.json()).toEqual({
      error: 'invalid_request',
      error_description: 'The request body is not valid JSON.',
    });
  });

  it('refuses a cross-origin form post, and the request stays pending', async () => {
    const client = await registerClient(endpoint);
    const device = await startDevice(client);
    const page = await fetch(device.verificationUriComplete);
    const { fields } = formOf(await page.text());
    const body = new URLSearchParams({
      ...fields,
      username: SSO_USER,
      password,
      decision: 'allow',
    }).toString();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const crossSite = await rawRequest(
      '/device',
      { ...form, host: `127.0.0.1:${t.sandbox.port}`, origin: 'https://attacker.example' },
      'POST',
      body,
    );
    expect(crossSite).toBe(403);
    t.clock.advance(2);
    expect((await deviceToken(client, device.deviceCode)).errorType).toBe('AuthorizationPendingException');
    const sameSite = await rawRequest(
      '/device',
      { ...form, host: `127.0.0.1:${t.sandbox.port}`, origin: endpoint },
      'POST',
      body,
    );
    expect(sameSite).toBe(200);
  });
});
