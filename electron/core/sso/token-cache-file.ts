import { createHash } from 'node:crypto';
import { join } from 'node:path';

// The AWS CLI's IAM Identity Center token cache file: where it is and what it holds, as botocore
// names, reads and writes it (1.43):
// - utils.py SSOTokenLoader._generate_cache_key: sha1 (hex) of the sso-session's name, or for a
//   legacy profile of its sso_start_url as written; JSONFileCache makes it `<key>.json` in
//   `~/.aws/sso/cache` (tokens.py SSOTokenProvider._SSO_TOKEN_CACHE_DIR, expanduser: HOME, not
//   AWS_CONFIG_FILE's folder).
// - SSOTokenLoader.__call__ wants `accessToken` and `expiresAt`; tokens.py reads `expiresAt` and
//   `registrationExpiresAt` with dateutil.parser.parse. Writers differ: botocore's refresh writes
//   strftime('%Y-%m-%dT%H:%M:%SZ'), the CLI v2's `aws sso login` '%Y-%m-%dT%H:%M:%S%Z' (…UTC), the
//   JavaScript SDK toISOString() (with milliseconds). All are read here.
// - The refresh (SSOTokenProvider._attempt_create_token) writes startUrl, region, accessToken,
//   expiresAt, clientId, clientSecret, registrationExpiresAt and refreshToken; `aws sso login`
//   adds receivedAt. Keys RoleTray does not know are kept when it writes the file back.

/** A token as the cache holds it, times as epoch milliseconds. */
export interface SsoToken {
  startUrl?: string;
  /** The sso_region the token was issued in. */
  region?: string;
  accessToken: string;
  expiresAt: number;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: number;
  refreshToken?: string;
  /** Every other key the file had, written back as it was. */
  extra: Record<string, unknown>;
}

const KNOWN = [
  'startUrl',
  'region',
  'accessToken',
  'expiresAt',
  'clientId',
  'clientSecret',
  'registrationExpiresAt',
  'refreshToken',
] as const;

/** The CLI's token cache folder for a home directory. */
export function ssoCacheDir(homeDir: string): string {
  return join(homeDir, '.aws', 'sso', 'cache');
}

/** `<sha1 hex>.json` for a profile's SsoLogin.tokenCacheKey (the session name, or the legacy start URL). */
export function tokenCacheFileName(tokenCacheKey: string): string {
  return `${createHash('sha1').update(tokenCacheKey, 'utf8').digest('hex')}.json`;
}

/** The token file of a profile's SsoLogin.tokenCacheKey under `homeDir`. */
export function tokenCachePath(homeDir: string, tokenCacheKey: string): string {
  return join(ssoCacheDir(homeDir), tokenCacheFileName(tokenCacheKey));
}

/** As botocore's refresh writes a time: UTC to the second, `2026-12-02T11:00:00Z` (rounded down, never later). */
export function formatCacheTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new Error(`not a time: ${epochMs}`);
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A cache time as the writers above write it: ISO 8601 date and time, seconds and fractions
 * optional, zone `Z`, `UTC`, `GMT` or an offset. Without a zone, UTC (every writer writes UTC;
 * botocore itself would fail comparing it with an aware time). undefined when unreadable.
 */
export function parseCacheTime(text: string): number | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  // Date.UTC rolls 31 February into March: refuse a day the month does not have.
  if (new Date(utc).getUTCDate() !== day) return undefined;
  const offset = /^[+-]/.test(zone)
    ? (zone.startsWith('-') ? -1 : 1) *
      (Number(zone.slice(1, 3)) * 60 + Number(zone.replace(':', '').slice(3, 5) || '0'))
    : 0;
  return utc - offset * 60_000;
}

/** The file's text as a token, or why it is not one (a sentence naming the file). */
export function parseTokenFile(text: string, file: string): SsoToken | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: `${file} is not JSON, so it holds no IAM Identity Center token.` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { problem: `${file} is not a JSON object, so it holds no IAM Identity Center token.` };
  }
  const record = json as Record<string, unknown>;
  const stringAt = (key: string) => {
    const value = record[key];
    return typeof value === 'string' ? value : undefined;
  };
  const accessToken = stringAt('accessToken');
  const expiresText = stringAt('expiresAt');
  if (!accessToken || expiresText === undefined) {
    return { problem: `${file} has no accessToken and expiresAt, as a token needs.` };
  }
  const expiresAt = parseCacheTime(expiresText);
  if (expiresAt === undefined) return { problem: `${file}: expiresAt = ${expiresText} is not a time.` };
  const registrationText = stringAt('registrationExpiresAt');
  const registrationExpiresAt = registrationText === undefined ? undefined : parseCacheTime(registrationText);
  const optional = (key: 'startUrl' | 'region' | 'clientId' | 'clientSecret' | 'refreshToken') => {
    const value = stringAt(key);
    return value === undefined ? {} : { [key]: value };
  };
  const extra = Object.fromEntries(
    Object.entries(record).filter(([key]) => !(KNOWN as readonly string[]).includes(key)),
  );
  // An unreadable registrationExpiresAt is kept as it was, and the token cannot be refreshed with it.
  if (registrationText !== undefined && registrationExpiresAt === undefined) {
    extra['registrationExpiresAt'] = registrationText;
  }
  return {
    ...optional('startUrl'),
    ...optional('region'),
    accessToken,
    expiresAt,
    ...optional('clientId'),
    ...optional('clientSecret'),
    ...(registrationExpiresAt !== undefined ? { registrationExpiresAt } : {}),
    ...optional('refreshToken'),
    extra,
  };
}

/** The file's text for a token: the keys it did not know first, as they were, then botocore's. */
export function formatTokenFile(token: SsoToken): string {
  const known: Record<string, string> = {
    ...(token.startUrl !== undefined ? { startUrl: token.startUrl } : {}),
    ...(token.region !== undefined ? { region: token.region } : {}),
    accessToken: token.accessToken,
    expiresAt: formatCacheTime(token.expiresAt),
    ...(token.clientId !== undefined ? { clientId: token.clientId } : {}),
    ...(token.clientSecret !== undefined ? { clientSecret: token.clientSecret } : {}),
    ...(token.registrationExpiresAt !== undefined
      ? { registrationExpiresAt: formatCacheTime(token.registrationExpiresAt) }
      : {}),
    ...(token.refreshToken !== undefined ? { refreshToken: token.refreshToken } : {}),
  };
  const extra = Object.fromEntries(Object.entries(token.extra).filter(([key]) => !(key in known)));
  return JSON.stringify({ ...extra, ...known });
}
