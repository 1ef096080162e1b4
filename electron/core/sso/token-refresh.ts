import type { SsoToken } from './token-cache-file';

// When a cached IAM Identity Center token is refreshed, and whether it can be, as botocore's
// tokens.py decides (1.43):
// - SSOTokenProvider._REFRESH_WINDOW = 15 * 60: _refresher refreshes a cached token with less than
//   15 minutes left (DeferredRefreshableToken's _advisory_refresh_timeout is the same 15 minutes;
//   its mandatory one, 10 minutes, is when callers wait for the refresh).
// - _refresh_access_token refreshes only with refreshToken, clientId, clientSecret and
//   registrationExpiresAt all in the file, and the registration not yet expired.

export const SSO_REFRESH_WINDOW_MS = 15 * 60 * 1000;

/** Whether the token is to be refreshed now: under 15 minutes left, or already expired. */
export function needsRefresh(token: Pick<SsoToken, 'expiresAt'>, now: number): boolean {
  return token.expiresAt - now < SSO_REFRESH_WINDOW_MS;
}

/** Whether the token is past its expiry (then only a refresh or a new sign-in gives another). */
export function isExpired(token: Pick<SsoToken, 'expiresAt'>, now: number): boolean {
  return token.expiresAt - now <= 0;
}

/** Whether a refresh can be tried: the refresh token and an unexpired client registration are there. */
export function canRefresh(
  token: Pick<SsoToken, 'refreshToken' | 'clientId' | 'clientSecret' | 'registrationExpiresAt'>,
  now: number,
): boolean {
  return (
    token.refreshToken !== undefined &&
    token.clientId !== undefined &&
    token.clientSecret !== undefined &&
    token.registrationExpiresAt !== undefined &&
    token.registrationExpiresAt - now > 0
  );
}
