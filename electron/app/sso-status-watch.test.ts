import { rm } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import type { IdentityCenterStatus } from '../../shared/identity-center-view';
import type { EventChannel } from '../../shared/ipc-contract';
import type { SsoDiscoveryEvent, SsoInstanceView } from '../../shared/sso-accounts-view';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { approveSignIn, SSO_USER } from '../../test-support/sso';
import { FAST_SSO, signInToSandboxInstance } from '../../test-support/sso-accounts-walk';
import { runClient, cliMissing, AWS_CLI } from '../../sandbox/test/real-client-runs';
import { writeSsoEndpointRules } from '../../sandbox/test/sso-client-files';
import { tokenCachePath } from '../core/sso/token-cache-file';
import { dispatch } from './dispatch';

// The sign-ins as other tools change them, and the accounts on the next start, against the
// sandbox: a token file written or removed as the AWS CLI does is told as `sso:changed` with the
// new status; the real `aws sso logout` signs the window out too; on a start with a valid token
// the cached accounts answer at once and a refresh starts by itself, without one nothing is listed.

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const FAST_WATCH = { ssoWatch: { intervalMs: 25 } };

const call = async <T>(harness: CoreHarness, channel: string, payload?: unknown): Promise<T> => {
  const result = await dispatch(harness.services.handlers, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
};

/** The next `event` whose payload passes `test`, within `ms`. */
function next<T>(harness: CoreHarness, event: EventChannel, test: (payload: T) => boolean, ms = 10_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${event} event within ${ms} ms`));
    }, ms);
    const stop = harness.services.hub.subscribe((name, payload) => {
      if (name !== event || !test(payload as T)) return;
      clearTimeout(timer);
      stop();
      resolve(payload as T);
    });
  });
}

const portalListings = (harness: CoreHarness) =>
  harness.ssoRequests.filter((line) => / 200 ListAccounts$/.test(line)).length;

it('a token file the AWS CLI writes or removes is told as sso:changed with the new status', async () => {
  h = await startCoreHarness({ ...FAST_SSO, ...FAST_WATCH });
  const center = h.t.description.identityCenter!;
  const signedIn = next<IdentityCenterStatus>(h, 'sso:changed', (status) => status.signedIn);
  // The walk adds the sso-session profile, then writes the token file as `aws sso login` would.
  await signInToSandboxInstance(h);
  expect(await signedIn).toMatchObject({ instance: center.ssoSession, startUrl: center.startUrl });
  // A sign-in that starts to hold lists its accounts without being asked.
  await next<SsoDiscoveryEvent>(
    h,
    'sso:discovery',
    (event) => event.kind === 'instance' && !event.instance.refreshing && event.instance.accounts.length > 0,
  );

  const signedOut = next<IdentityCenterStatus>(h, 'sso:changed', (status) => !status.signedIn);
  const instanceSignedOut = next<SsoDiscoveryEvent>(
    h,
    'sso:discovery',
    (event) => event.kind === 'instance' && event.instance.signedIn === false,
  );
  await rm(tokenCachePath(h.t.awsDir, center.ssoSession));
  expect(await signedOut).toMatchObject({ instance: center.ssoSession, signedIn: false, signingIn: false });
  // The accounts say the sign-in is gone, and keep the list they had.
  const { instance } = (await instanceSignedOut) as { instance: SsoInstanceView };
  expect(instance.accounts).toHaveLength(center.accountCount);
  const [status] = await call<IdentityCenterStatus[]>(h, 'sso:status');
  expect(status).toMatchObject({ signedIn: false });
});

it.skipIf(cliMissing !== undefined)(
  `the real \`aws sso logout\` (${AWS_CLI}) signs the window out`,
  async () => {
    h = await startCoreHarness({ ...FAST_SSO, ...FAST_WATCH, identityCenterProfiles: true });
    const signedIn = next<IdentityCenterStatus>(h, 'sso:changed', (status) => status.signedIn);
    // RoleTray's own device sign-in; the sandbox approves it as the user would.
    const center = h.t.sandbox.scenario.identityCenter!;
    const code = next<{ verificationUriComplete: string }>(h, 'sso:device-code', () => true);
    const signingIn = call(h, 'sso:sign-in', { profile: 'sso-dev', method: 'device' });
    await approveSignIn((await code).verificationUriComplete, SSO_USER, center.users[0]!.password, 'allow');
    await signingIn;
    expect(await signedIn).toMatchObject({ instance: 'roletray-sandbox' });

    const signedOut = next<IdentityCenterStatus>(h, 'sso:changed', (status) => !status.signedIn);
    // The CLI v2 reaches the sandbox's portal by AWS_DATA_PATH rule sets; HOME is the app's.
    const dataPath = `${h.t.awsDir}/data-path`;
    await writeSsoEndpointRules(dataPath, h.t.sandbox.endpoint);
    const logout = await runClient(h.t, h.t.awsDir, AWS_CLI, ['sso', 'logout', '--profile', 'sso-dev'], {
      AWS_DATA_PATH: dataPath,
    });
    expect(logout.code, `${logout.stdout}${logout.stderr}`).toBe(0);
    expect(await signedOut).toMatchObject({ instance: 'roletray-sandbox', signedIn: false });
  },
  120_000,
);

it('on the next start the cached accounts answer at once and a refresh starts by itself while the sign-in holds', async () => {
  h = await startCoreHarness({ ...FAST_SSO, ...FAST_WATCH });
  const center = h.t.description.identityCenter!;
  await signInToSandboxInstance(h);
  const first = await call<SsoInstanceView>(h, 'sso:discover', { startUrl: center.startUrl });
  expect(first.accounts).toHaveLength(center.accountCount);
  const listedBefore = portalListings(h);
  h.t.clock.advance(60);

  const restarted = await h.restart();
  // At once: the store's list, while the refresh the start began is under way.
  const [cached] = await call<SsoInstanceView[]>(restarted, 'sso:instances');
  expect(cached!.accounts).toHaveLength(center.accountCount);
  expect(cached!.discoveredAt).toBe(first.discoveredAt);
  expect(cached!.refreshing).toBe(true);
  const done = await next<SsoDiscoveryEvent>(
    restarted,
    'sso:discovery',
    (event) => event.kind === 'instance' && !event.instance.refreshing,
  );
  expect(done.kind === 'instance' && done.instance.discoveredAt).toBeGreaterThan(first.discoveredAt!);
  expect(portalListings(h)).toBeGreaterThan(listedBefore);
});

it('on a start without a sign-in the cached accounts are shown and nothing is listed', async () => {
  h = await startCoreHarness({ ...FAST_SSO, ...FAST_WATCH });
  const center = h.t.description.identityCenter!;
  await signInToSandboxInstance(h);
  await call(h, 'sso:discover', { startUrl: center.startUrl });
  await rm(tokenCachePath(h.t.awsDir, center.ssoSession));
  const listedBefore = portalListings(h);

  const restarted = await h.restart();
  const [cached] = await call<SsoInstanceView[]>(restarted, 'sso:instances');
  expect(cached).toMatchObject({ refreshing: false, signedIn: false });
  expect(cached!.accounts).toHaveLength(center.accountCount);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(portalListings(h)).toBe(listedBefore);
});
