import { appendFile, readFile } from 'node:fs/promises';
import type { RequestChannel } from '../shared/ipc-contract';
import type { SsoInstanceView } from '../shared/sso-accounts-view';
import { PortalPacer } from '../electron/core/sso/portal-pacer';
import { writeSsoToken } from '../electron/core/sso/token-cache';
import { tokenCachePath } from '../electron/core/sso/token-cache-file';
import type { CoreHarness, HarnessOptions } from './core-harness';
import { signInWithDeviceCode, SSO_SCOPES, type DeviceSignIn } from './sso';

// Every sso:* channel once, as the leak tests walk the contract: an sso-session profile added to
// the harness's config, a real device-flow sign-in left in the AWS CLI's token cache (where the app
// reads it until it signs in itself), the instance listed, discovered, its profiles written into
// the config and removed again. Returns the secrets this made, which no answer may hold.

/** The harness option the walk needs: a pacer fast enough for 302 accounts in a test. */
export const FAST_SSO: Pick<HarnessOptions, 'sso'> = {
  sso: { pacer: () => new PortalPacer({ ratePerSecond: 2000, concurrency: 16 }) },
};

const value = (answer: unknown): SsoInstanceView => {
  const result = (answer as { body?: unknown }).body ?? answer;
  const { ok, value: view } = result as { ok: boolean; value: SsoInstanceView };
  if (!ok) throw new Error(`an sso channel failed: ${JSON.stringify(result)}`);
  return view;
};

/**
 * Adds `[profile sso-walk]` (Dev, DeveloperAccess) through the sandbox's sso-session to the
 * harness's config, signs in with the device flow and leaves the token in the AWS CLI's cache.
 */
export async function signInToSandboxInstance(h: CoreHarness): Promise<DeviceSignIn> {
  const center = h.t.description.identityCenter!;
  h.t.sandbox.setPortalThrottle({ ratePerSecond: 5000 });
  await appendFile(
    h.t.description.configFile,
    [
      '',
      `[sso-session ${center.ssoSession}]`,
      `sso_start_url = ${center.startUrl}`,
      `sso_region = ${center.region}`,
      '[profile sso-walk]',
      `sso_session = ${center.ssoSession}`,
      'sso_account_id = 210987654321',
      'sso_role_name = DeveloperAccess',
      `endpoint_url = ${h.t.sandbox.endpoint}`,
      '',
    ].join('\n'),
  );
  await h.core.reloadProfiles();
  const signIn = await signInWithDeviceCode(
    h.t.sandbox.endpoint,
    center.startUrl,
    center.users[0]!.password,
    {
      scopes: SSO_SCOPES,
    },
  );
  await writeSsoToken(tokenCachePath(h.t.awsDir, center.ssoSession), {
    startUrl: center.startUrl,
    region: center.region,
    accessToken: signIn.accessToken,
    expiresAt: h.t.clock.now() + signIn.expiresIn * 1000,
    extra: {},
  });
  return signIn;
}

export async function discoverEveryChannel(
  h: CoreHarness,
  call: (channel: RequestChannel, payload: unknown) => Promise<unknown>,
): Promise<string[]> {
  const center = h.t.description.identityCenter!;
  const signIn = await signInToSandboxInstance(h);
  const before = await readFile(h.t.description.configFile, 'utf8');

  await call('sso:instances', undefined);
  const discovered = value(await call('sso:discover', { startUrl: center.startUrl }));
  if (discovered.accounts.length !== center.accountCount)
    throw new Error(
      `discovered ${discovered.accounts.length} accounts, the sandbox has ${center.accountCount}`,
    );
  const written = { startUrl: center.startUrl, template: '{account}.{role}' };
  value(await call('sso:write-profiles', { ...written, enabled: true }));
  if (!(await readFile(h.t.description.configFile, 'utf8')).includes('# BEGIN RoleTray managed profiles'))
    throw new Error('the walk did not write the managed profiles');
  value(await call('sso:write-profiles', { ...written, enabled: false }));
  if ((await readFile(h.t.description.configFile, 'utf8')) !== before)
    throw new Error('removing the managed profiles did not give the config back');
  return [
    signIn.accessToken,
    signIn.client.clientSecret,
    ...(signIn.refreshToken ? [signIn.refreshToken] : []),
  ];
}
