import { RoleTrayError } from '../errors';
import type { Clock } from '../credentials';
import { DEVICE_GRANT, type ClientRegistration, type CreatedToken, type OidcApi } from './oidc';
import { oauthError, ssoError } from './sso-errors';
import { oidcEndpointOf, type SsoTarget } from './sso-target';

// The device authorization grant (RFC 8628) as botocore's SSOTokenFetcher runs it: start it, show
// the user code, then CreateToken every `interval` seconds: authorization_pending waits another
// interval, slow_down adds 5 seconds to it, expired_token (or the code's own expiry) and
// access_denied end it.

/** What the user sees while the code waits: no secret (the device code stays here). */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface DeviceFlowDeps {
  oidc: OidcApi;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Called once the code is known; the UI shows it (and may open verificationUriComplete). */
  onCode: (prompt: DeviceCodePrompt) => void;
  /** Aborts the wait (the user cancelled, the app quits). */
  signal?: AbortSignal;
}

const SLOW_DOWN_SECONDS = 5;

export async function deviceCodeSignIn(
  target: SsoTarget,
  client: ClientRegistration,
  deps: DeviceFlowDeps,
): Promise<CreatedToken> {
  const context = {
    action: 'StartDeviceAuthorization',
    startUrl: target.startUrl,
    endpoint: oidcEndpointOf(target),
  };
  let device;
  try {
    device = await deps.oidc.startDeviceAuthorization(target, client);
  } catch (error) {
    throw ssoError(error, context);
  }
  const expiresAt = deps.clock() + device.expiresIn * 1000;
  deps.onCode({
    userCode: device.userCode,
    verificationUri: device.verificationUri,
    verificationUriComplete: device.verificationUriComplete,
    expiresAt,
  });
  let interval = device.interval;
  for (;;) {
    await deps.sleep(interval * 1000);
    if (deps.signal?.aborted) throw cancelled(target);
    if (deps.clock() >= expiresAt) throw expired();
    try {
      return await deps.oidc.createToken(target, client, {
        grantType: DEVICE_GRANT,
        deviceCode: device.deviceCode,
      });
    } catch (error) {
      const code = oauthError(error);
      if (code === 'authorization_pending') continue;
      if (code === 'slow_down') {
        interval += SLOW_DOWN_SECONDS;
        continue;
      }
      if (code === 'expired_token') throw expired();
      if (code === 'access_denied') throw denied(target);
      throw ssoError(error, { ...context, action: 'CreateToken' });
    }
  }
}

export const denied = (target: SsoTarget) =>
  new RoleTrayError('AccessDenied', `The sign-in to ${target.startUrl} was denied.`);

// Whichever side saw it first: the code's own expiry, or the service's expired_token.
// The sign-in panel it shows in names the instance.
const expired = () => new RoleTrayError('SignInRequired', 'The sign-in code expired; start again.');

export const cancelled = (target: SsoTarget) =>
  new RoleTrayError('SignInRequired', `The sign-in to ${target.startUrl} was cancelled.`);
