import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { DEV, roleTrayFailure, startTestSandbox, type TestSandbox } from '../../../test-support/sandbox';
import {
  approveSignIn,
  finishBrowserSignIn,
  oidcCall,
  portalCall,
  signInWithDeviceCode,
  SSO_SCOPES,
  SSO_USER,
} from '../../../test-support/sso';
import type { DeviceCodePrompt } from './device-flow';
import { createSsoPortal } from './portal';
import type { SsoTarget } from './sso-target';
import { SsoTokens, type SsoTokensDeps } from './sso-tokens';
import { formatCacheTime, tokenCachePath } from './token-cache-file';
import { readSsoToken, writeSsoToken } from './token-cache';

// Signing in to the sandbox's Identity Center through real HTTP, as the app does: the browser's
// part (the approval page, the redirect to the loopback listener) played by fetch.

let t: TestSandbox;
let password: string;
let target: SsoTarget;
let home: string;
let opened: string[];
let codes: DeviceCodePrompt[];

beforeAll(async () => {
  t = await startTestSandbox({ identityCenter: { portalThrottle: { ratePerSecond: 1000 } } });
  const instance = t.sandbox.scenario.identityCenter!;
  password = instance.users[0]!.password;
  target = {
    startUrl: instance.startUrl,
    region: 'eu-west-1',
    scopes: SSO_SCOPES,
    tokenCacheKey: 'roletray-sandbox',
    session: 'roletray-sandbox',
    oidcEndpoint: t.sandbox.endpoint,
    portalEndpoint: t.sandbox.endpoint,
  };
});
afterAll(() => t.stop());
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'roletray-sso-home-'));
  opened = [];
  codes = [];
});
afterEach(() => rm(home, { recursive: true, force: true }));

type Browser = (url: string) => Promise<void>;

/** The browser: signs in and presses the button, then follows the redirect to the loopback listener. */
const browser =
  (decision: 'allow' | 'deny' = 'allow'): Browser =>
  async (url) => {
    opened.push(url);
    expect(await finishBrowserSignIn(url, password, decision)).toMatch(/You can close this tab/);
  };

function tokens(deps: Partial<SsoTokensDeps> = {}): SsoTokens {
  return new SsoTokens({
    homeDir: home,
    clock: t.clock.now,
    openBrowser: browser(),
    onDeviceCode: (_target, prompt) => {
      codes.push(prompt);
      void approveSignIn(prompt.verificationUriComplete, SSO_USER, password, 'allow');
    },
    ...deps,
  });
}

const portal = createSsoPortal({ maxAttempts: 1 });
const devAccess = { accountId: DEV, roleName: 'DeveloperAccess' };

it('signs in in the browser with PKCE and writes the AWS CLI token file, 0600, that the portal takes', async () => {
  const sso = tokens();
  const state = await sso.signIn(target, 'browser');
  expect(state).toMatchObject({ signedIn: true, refreshable: true });
  expect(opened).toHaveLength(1);
  const authorize = new URL(opened[0]!);
  expect(authorize.pathname).toBe('/authorize');
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
  const file = tokenCachePath(home, 'roletray-sandbox');
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  expect(Object.keys(written).sort()).toEqual(
    [
      'accessToken',
      'clientId',
      'clientSecret',
      'expiresAt',
      'receivedAt',
      'refreshToken',
      'region',
      'registrationExpiresAt',
      'startUrl',
    ].sort(),
  );
  expect(written['expiresAt']).toBe(formatCacheTime(t.clock.now() + 3600_000));
  const credentials = await portal.getRoleCredentials(target, await sso.accessToken(target), devAccess);
  expect(credentials.expiration).toBeGreaterThan(t.clock.now());
  // The listener is gone once the callback came.
  await expect(fetch(authorize.searchParams.get('redirect_uri')!)).rejects.toThrow();
});

it("refuses a callback with another state and keeps waiting for the sign-in's own", async () => {
  const refused: number[] = [];
  const sso = tokens({
    openBrowser: async (url) => {
      const redirect = new URL(url).searchParams.get('redirect_uri')!;
      const forged = await fetch(`${redirect}?code=forged&state=not-the-state`);
      refused.push(forged.status);
      await browser()(url);
    },
  });
  expect((await sso.signIn(target, 'browser')).signedIn).toBe(true);
  expect(refused).toEqual([400]);
});

it('says the browser did not finish in time, and that the sign-in was denied', async () => {
  const late = await roleTrayFailure(
    tokens({ openBrowser: async () => undefined, authCodeTimeoutMs: 200 }).signIn(target, 'browser'),
  );
  expect(late.kind).toBe('SignInRequired');
  expect(late.message).toBe(
    `The browser did not finish the sign-in to ${target.startUrl} in time; sign in again.`,
  );
  const denied = await roleTrayFailure(tokens({ openBrowser: browser('deny') }).signIn(target, 'browser'));
  expect(denied).toMatchObject({
    kind: 'AccessDenied',
    message: `The sign-in to ${target.startUrl} was denied.`,
  });
  expect(await readSsoToken(tokenCachePath(home, 'roletray-sandbox'))).toEqual({ status: 'missing' });
});

it('signs in with a device code, shown once, polling until the user approved', async () => {
  const sso = tokens();
  const started = t.clock.now();
  expect((await sso.signIn(target, 'device')).signedIn).toBe(true);
  expect(codes).toHaveLength(1);
  expect(codes[0]!.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  expect(codes[0]!.verificationUriComplete).toBe(
    `${codes[0]!.verificationUri}?user_code=${codes[0]!.userCode}`,
  );
  expect(codes[0]!.expiresAt).toBeGreaterThanOrEqual(started + 600_000);
  expect(codes[0]!.expiresAt).toBeLessThanOrEqual(t.clock.now() + 600_000);
  await portal.getRoleCredentials(target, await sso.accessToken(target), devAccess);
});

it('one sign-in serves every caller meanwhile', async () => {
  const sso = tokens();
  const [first, second, third] = await Promise.all([
    sso.signIn(target, 'browser'),
    sso.signIn(target, 'browser'),
    sso.signIn(target, 'device'),
  ]);
  expect(opened).toHaveLength(1);
  expect(codes).toHaveLength(0);
  expect(second).toEqual(first);
  expect(third).toEqual(first);
});

it('refreshes under 15 minutes before expiry, storing the rotated refresh token; the old one is refused', async () => {
  const sso = tokens();
  await sso.signIn(target, 'browser');
  const file = tokenCachePath(home, 'roletray-sandbox');
  const before = await readSsoToken(file);
  if (before.status !== 'found') throw new Error('no token');
  // 16 minutes left: used as it is.
  t.clock.advance(3600 - 16 * 60);
  expect(await sso.accessToken(target)).toBe(before.token.accessToken);
  // 14 minutes left: refreshed, in parallel calls once.
  t.clock.advance(2 * 60);
  const [refreshed, again] = await Promise.all([sso.accessToken(target), sso.accessToken(target)]);
  expect(refreshed).not.toBe(before.token.accessToken);
  expect(again).toBe(refreshed);
  const after = await readSsoToken(file);
  if (after.status !== 'found') throw new Error('no token');
  expect(after.token.accessToken).toBe(refreshed);
  // A new hour from the refresh (the file keeps whole seconds).
  expect(after.token.expiresAt).toBeGreaterThan(t.clock.now() + 3600_000 - 2000);
  expect(after.token.expiresAt).toBeLessThanOrEqual(t.clock.now() + 3600_000);
  expect(after.token.refreshToken).not.toBe(before.token.refreshToken);
  expect(after.token.clientId).toBe(before.token.clientId);
  const reused = await oidcCall(t.sandbox.endpoint, '/token', {
    clientId: before.token.clientId,
    clientSecret: before.token.clientSecret,
    grantType: 'refresh_token',
    refreshToken: before.token.refreshToken,
  });
  expect(reused.errorType).toBe('InvalidGrantException');
  await portal.getRoleCredentials(target, refreshed, devAccess);
});

it('says to sign in again once a logged-out sign-in can no longer be refreshed', async () => {
  const sso = tokens();
  await sso.signIn(target, 'device');
  // Logged out elsewhere (another tool, the portal): the refresh token is refused.
  expect(
    (await portalCall(t.sandbox.endpoint, '/logout', await sso.accessToken(target), {}, 'POST')).status,
  ).toBe(200);
  t.clock.advance(3601);
  const refused = await roleTrayFailure(sso.accessToken(target));
  expect(refused.kind).toBe('SignInRequired');
  expect(refused.message).toMatch(new RegExp(`^Sign in to ${target.startUrl} again: `));
});

it('uses a token another tool wrote as it is, and reads a removed file as signed out', async () => {
  const file = tokenCachePath(home, 'roletray-sandbox');
  const signed = await signInWithDeviceCode(t.sandbox.endpoint, target.startUrl, password);
  await writeSsoToken(file, {
    startUrl: target.startUrl,
    region: target.region,
    accessToken: signed.accessToken,
    expiresAt: t.clock.now() + signed.expiresIn * 1000,
    extra: { receivedAt: 'by the AWS CLI' },
  });
  const sso = tokens({ openBrowser: () => Promise.reject(new Error('no browser wanted')) });
  expect(await sso.accessToken(target)).toBe(signed.accessToken);
  expect(await sso.state(target)).toMatchObject({ signedIn: true, refreshable: false });
  await rm(file);
  expect(await sso.state(target)).toEqual({ signedIn: false });
  expect((await roleTrayFailure(sso.accessToken(target))).message).toBe(
    `Sign in to ${target.startUrl} first.`,
  );
});

it('signs out: Logout at the portal, then the file removed', async () => {
  const sso = tokens();
  await sso.signIn(target, 'browser');
  const accessToken = await sso.accessToken(target);
  await sso.signOut(target, (token) => portal.logout(target, token));
  expect(await readSsoToken(tokenCachePath(home, 'roletray-sandbox'))).toEqual({ status: 'missing' });
  const refused = await roleTrayFailure(portal.getRoleCredentials(target, accessToken, devAccess));
  expect(refused.kind).toBe('SignInRequired');
  // Signing out twice, or with a token the portal already refuses, still removes what is there.
  await sso.signOut(target, (token) => portal.logout(target, token));
});
