import { expect, it } from 'vitest';
import { canRefresh, isExpired, needsRefresh, SSO_REFRESH_WINDOW_MS } from './token-refresh';

// The refresh rule: botocore's 15-minute window, and the keys a refresh needs.

const NOW = Date.UTC(2026, 11, 2, 10);
const MINUTE = 60_000;

it('refreshes with under 15 minutes left, not at exactly 15', () => {
  expect(SSO_REFRESH_WINDOW_MS).toBe(15 * MINUTE);
  expect(needsRefresh({ expiresAt: NOW + 15 * MINUTE }, NOW)).toBe(false);
  expect(needsRefresh({ expiresAt: NOW + 15 * MINUTE - 1 }, NOW)).toBe(true);
  expect(needsRefresh({ expiresAt: NOW - MINUTE }, NOW)).toBe(true);
  expect(isExpired({ expiresAt: NOW }, NOW)).toBe(true);
  expect(isExpired({ expiresAt: NOW + 1 }, NOW)).toBe(false);
});

it('can refresh only with the refresh token, the client and an unexpired registration', () => {
  const full = { refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: NOW + 1 };
  expect(canRefresh(full, NOW)).toBe(true);
  expect(canRefresh({ ...full, registrationExpiresAt: NOW }, NOW)).toBe(false);
  for (const key of ['refreshToken', 'clientId', 'clientSecret', 'registrationExpiresAt'] as const) {
    const { [key]: _dropped, ...rest } = full;
    expect(canRefresh(rest, NOW), key).toBe(false);
  }
});
