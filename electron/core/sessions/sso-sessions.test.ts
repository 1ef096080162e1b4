import { rm } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import type { ProfilesView } from '../../../shared/profiles-view';
import { dispatch } from '../../app/dispatch';
import { startCoreHarness, type CoreHarness, type HarnessOptions } from '../../../test-support/core-harness';
import { DEV, PROD, roleTrayFailure } from '../../../test-support/sandbox';
import { finishBrowserSignIn } from '../../../test-support/sso';
import { createS3Sessions } from '../s3/sessions';
import { tokenCachePath } from '../sso/token-cache-file';

// IAM Identity Center profiles through the sessions core against the sandbox: an SSO profile's
// session is its role credentials, a role chained from it is one AssumeRole hop on them, and
// everything that goes through the core (identity, S3) works with them.

let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** A harness whose "browser" signs in and approves every sign-in the app opens, counting them. */
async function start(options: HarnessOptions = {}) {
  const opened: string[] = [];
  const h = (harness = await startCoreHarness({
    identityCenterProfiles: true,
    identityCenter: { portalThrottle: { ratePerSecond: 1000 } },
    handoff: (t) => ({
      openExternal: async (url) => {
        opened.push(url);
        await finishBrowserSignIn(url, t.sandbox.scenario.identityCenter!.users[0]!.password);
      },
    }),
    ...options,
  }));
  const startUrl = h.t.sandbox.scenario.identityCenter!.startUrl;
  const signIn = () =>
    dispatch(h.services.handlers, 'sso:sign-in', { profile: 'sso-dev', method: 'browser' });
  const calls = (action: string) => h.ssoRequests.filter((line) => line.endsWith(` ${action}`)).length;
  return { h, opened, startUrl, signIn, calls };
}

it('says to sign in first, naming the start URL, for SSO profiles and the roles chained from them', async () => {
  const { h, startUrl } = await start();
  for (const profile of ['sso-dev', 'sso-legacy-dev-read-only', 'sso-prod-via-dev']) {
    const refused = await roleTrayFailure(h.manager.assume(profile));
    expect(refused.info).toEqual({ kind: 'SignInRequired', message: `Sign in to ${startUrl} first.` });
  }
  expect(h.stsCalls).toEqual([]);
});

it('assumes an SSO profile (its role credentials) and a role chained from it, and uses them through the core', async () => {
  const { h, opened, signIn, calls } = await start();
  expect(await signIn()).toMatchObject({ ok: true, value: { instance: 'roletray-sandbox', signedIn: true } });
  expect(opened).toHaveLength(1);

  const dev = await h.manager.assume('sso-dev');
  expect(dev).toMatchObject({
    profile: 'sso-dev',
    accountId: DEV,
    obtainedBy: 'sso',
    mfa: false,
  });
  const identity = await h.manager.identity('sso-dev');
  const reserved = /^AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}$/;
  expect(identity.arn).toMatch(
    new RegExp(
      `^arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}/tyler\\.dev@acme\\.example$`,
    ),
  );
  // The session names the role as AWS does (its GetCallerIdentity), not after the permission set.
  expect(dev.roleName).toMatch(reserved);
  expect(dev.roleArn).toBe(`arn:aws:iam::${DEV}:role/${dev.roleName}`);
  expect(dev.assumedRoleArn).toBe(identity.arn);
  expect(h.manager.activeSession('sso-dev')!.assumedRole).toEqual({
    arn: identity.arn,
    assumedRoleId: identity.userId,
  });
  const viaDev = await h.manager.assume('sso-prod-via-dev');
  expect(viaDev).toMatchObject({ accountId: PROD, roleName: 'ProdReadOnly-FromSso', obtainedBy: 'sso' });
  expect((await h.manager.identity('sso-prod-via-dev')).arn).toMatch(
    new RegExp(`^arn:aws:sts::${PROD}:assumed-role/ProdReadOnly-FromSso/`),
  );
  // The chain reused sso-dev's session: one GetRoleCredentials for both.
  expect(calls('GetRoleCredentials')).toBe(1);
  expect(h.stsCalls.filter((call) => call === 'AssumeRole')).toHaveLength(1);
  expect(
    h.manager
      .sessions()
      .map((session) => session.profile)
      .sort(),
  ).toEqual(['sso-dev', 'sso-prod-via-dev']);

  // The S3 browser lists with them, through the core like any role, and renews them as a role's.
  expect(await dispatch(h.services.handlers, 's3:buckets', { profile: 'sso-dev' })).toMatchObject({
    ok: true,
  });
  const s3Sessions = createS3Sessions({ manager: h.manager, profiles: h.core.profiles });
  const before = await s3Sessions.credentials('sso-dev');
  expect((await s3Sessions.renew('sso-dev', before)).accessKeyId).not.toBe(before.accessKeyId);
  expect(calls('GetRoleCredentials')).toBe(2);

  // The legacy profile has its own sign-in (its start URL names the token file).
  const legacy = await roleTrayFailure(h.manager.assume('sso-legacy-dev-read-only'));
  expect(legacy.kind).toBe('SignInRequired');
});

it('serves parallel requests with one GetRoleCredentials, and parallel sign-ins with one browser', async () => {
  const { h, opened, signIn, calls } = await start();
  const signIns = await Promise.all([signIn(), signIn(), signIn()]);
  expect(opened).toHaveLength(1);
  expect(new Set(signIns.map((answer) => JSON.stringify(answer))).size).toBe(1);
  const all = await Promise.all(Array.from({ length: 6 }, () => h.manager.credentials('sso-dev')));
  expect(new Set(all.map((credentials) => credentials.accessKeyId)).size).toBe(1);
  expect(calls('GetRoleCredentials')).toBe(1);
  expect(calls('RegisterClient')).toBe(1);
});

it('renews with the refreshed token, says to sign in again once the file is gone, and signs out', async () => {
  const { h, signIn, startUrl, calls } = await start();
  await signIn();
  await h.manager.assume('sso-dev');
  // Past the token's hour: the renewal refreshes the token, then asks the portal again.
  h.t.clock.advance(3600 - 10 * 60);
  await h.manager.assume('sso-dev', { renew: true });
  expect(calls('CreateToken')).toBe(2);
  expect(calls('GetRoleCredentials')).toBe(2);

  // `aws sso logout` (or anything else) removed the file: signed out, and so the next renewal says.
  await rm(tokenCachePath(h.t.awsDir, 'roletray-sandbox'));
  expect(await dispatch(h.services.handlers, 'sso:status', undefined)).toEqual({
    ok: true,
    value: [
      { instance: 'roletray-sandbox', startUrl, signedIn: false, signingIn: false },
      { instance: startUrl, startUrl, signedIn: false, signingIn: false },
    ],
  });
  expect((await roleTrayFailure(h.manager.assume('sso-dev', { renew: true }))).message).toBe(
    `Sign in to ${startUrl} first.`,
  );

  // Signed in again, then out: the portal's Logout, the file gone, the sessions through it ended.
  await signIn();
  await h.manager.assume('sso-prod-via-dev');
  // One `changed` for the sign-out however many profiles it ends (hundreds, with written profiles):
  // each makes every window ask for its lists again.
  const heard: string[] = [];
  const stop = h.manager.on((event) => heard.push(event.type));
  const out = await dispatch(h.services.handlers, 'sso:sign-out', { profile: 'sso-prod-via-dev' });
  stop();
  expect(heard).toEqual(['changed']);
  expect(out).toEqual({
    ok: true,
    value: { instance: 'roletray-sandbox', startUrl, signedIn: false, signingIn: false },
  });
  expect(calls('Logout')).toBe(1);
  expect(h.manager.sessions()).toEqual([]);
});

it('refuses sign-in for a profile that does not use Identity Center', async () => {
  const { h } = await start();
  expect(
    await dispatch(h.services.handlers, 'sso:sign-in', { profile: 'dev', method: 'device' }),
  ).toMatchObject({
    ok: false,
    error: {
      kind: 'ConfigError',
      message: expect.stringMatching(/^Profile dev does not sign in to IAM Identity Center/),
    },
  });
});

it('hands an SSO profile to the console and a terminal like a role', async () => {
  const browser: string[] = [];
  const terminals: Record<string, string>[] = [];
  const { h, signIn } = await start({
    handoff: (t) => ({
      openExternal: async (url) => {
        if (url.includes('/authorize?'))
          await finishBrowserSignIn(url, t.sandbox.scenario.identityCenter!.users[0]!.password);
        else browser.push(url);
      },
      openTerminal: async (env) => void terminals.push(env),
      federationEndpoint: `${t.sandbox.endpoint}/federation`,
    }),
  });
  await signIn();
  expect(await dispatch(h.services.handlers, 'handoff:open-console', { profile: 'sso-dev' })).toEqual({
    ok: true,
  });
  const page = await fetch(browser[0]!);
  expect(await page.text()).toMatch(
    new RegExp(`arn:aws:sts::${DEV}:assumed-role/AWSReservedSSO_DeveloperAccess_`),
  );
  expect(
    await dispatch(h.services.handlers, 'handoff:open-terminal', { profile: 'sso-prod-via-dev' }),
  ).toEqual({
    ok: true,
  });
  const env = terminals[0]!;
  const served = await fetch(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']!, {
    headers: { authorization: env['AWS_CONTAINER_AUTHORIZATION_TOKEN']! },
  });
  expect(((await served.json()) as { AccessKeyId: string }).AccessKeyId).toBe(
    h.manager.activeSession('sso-prod-via-dev')!.credentials.accessKeyId,
  );
});

it('shows the role ARN AWS names (AWSReservedSSO_…) in the roles view once a session has it', async () => {
  const { h, signIn } = await start();
  const roleArnOf = async () => {
    const view = await dispatch(h.services.handlers, 'profiles:list', undefined);
    if (!view.ok) throw new Error(view.error.message);
    return (view.value as ProfilesView).roles.find((role) => role.name === 'sso-dev')!.roleArn;
  };
  // Before any session the settings say only the permission set.
  expect(await roleArnOf()).toBe(`arn:aws:iam::${DEV}:role/DeveloperAccess`);
  await signIn();
  await h.manager.assume('sso-dev');
  const identity = await h.manager.identity('sso-dev');
  const role = /assumed-role\/([^/]+)\//.exec(identity.arn)![1]!;
  expect(role).toMatch(/^AWSReservedSSO_DeveloperAccess_[0-9a-f]{16}$/);
  expect(await roleArnOf()).toBe(`arn:aws:iam::${DEV}:role/${role}`);
});
