import { createHash, randomBytes } from 'node:crypto';
import { RoleTrayError } from '../errors';
import { CALLBACK_PATH, listenForCallback } from './loopback-callback';
import type { ClientRegistration, CreatedToken, OidcApi, RegisterInput } from './oidc';
import { cancelled, denied } from './device-flow';
import { ssoError } from './sso-errors';
import { oidcEndpointOf, type SsoTarget } from './sso-target';

// The authorization code grant with PKCE (RFC 7636, S256) in the default browser, as awscli's
// AuthCodeFetcher runs it: the loopback listener is bound first, the client registered for that
// redirect (any port), the /authorize page opened with a random state and the code challenge;
// the code that comes back is traded with the verifier.

/** How long the browser has to come back (awscli waits as long). */
export const AUTH_CODE_TIMEOUT_MS = 10 * 60 * 1000;

/** The redirect a client registers: the loopback callback, any port (RFC 8252 §7.3). */
export const REGISTERED_REDIRECT = `http://127.0.0.1${CALLBACK_PATH}`;

export function pkce(): { verifier: string; challenge: string } {
  // 64 random bytes: an 86-character verifier, within RFC 7636's 43 to 128.
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(
  target: SsoTarget,
  input: { clientId: string; redirectUri: string; state: string; challenge: string },
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    state: input.state,
    code_challenge_method: 'S256',
    scopes: target.scopes.join(' '),
    code_challenge: input.challenge,
  });
  return `${oidcEndpointOf(target)}/authorize?${query.toString()}`;
}

export interface AuthCodeDeps {
  oidc: OidcApi;
  /** Registers (or reuses) the client for the code grant. */
  register: (input: RegisterInput['authorizationCode']) => Promise<ClientRegistration>;
  /** Opens the page in the user's browser. */
  openBrowser: (url: string) => Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function authCodeSignIn(
  target: SsoTarget,
  deps: AuthCodeDeps,
): Promise<{ token: CreatedToken; client: ClientRegistration }> {
  const state = randomBytes(24).toString('base64url');
  const { verifier, challenge } = pkce();
  const listener = await listenForCallback({
    state,
    timeoutMs: deps.timeoutMs ?? AUTH_CODE_TIMEOUT_MS,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  try {
    const client = await deps.register({ redirectUri: REGISTERED_REDIRECT, issuerUrl: target.startUrl });
    await deps.openBrowser(
      authorizeUrl(target, {
        clientId: client.clientId,
        redirectUri: listener.redirectUri,
        state,
        challenge,
      }),
    );
    const result = await listener.result;
    if (result.outcome === 'timeout') {
      throw new RoleTrayError(
        'SignInRequired',
        `The browser did not finish the sign-in to ${target.startUrl} in time; sign in again.`,
      );
    }
    if (result.outcome === 'aborted') throw cancelled(target);
    if (result.outcome === 'error') {
      if (result.error === 'access_denied') throw denied(target);
      throw new RoleTrayError(
        'AccessDenied',
        `IAM Identity Center did not sign in to ${target.startUrl}: ${result.description ?? result.error}`,
      );
    }
    try {
      const token = await deps.oidc.createToken(target, client, {
        grantType: 'authorization_code',
        code: result.code,
        redirectUri: listener.redirectUri,
        codeVerifier: verifier,
      });
      return { token, client };
    } catch (error) {
      throw ssoError(error, {
        action: 'CreateToken',
        startUrl: target.startUrl,
        endpoint: oidcEndpointOf(target),
      });
    }
  } finally {
    listener.close();
  }
}
