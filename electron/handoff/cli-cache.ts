import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { nodeCacheFileFs, writeCacheFile, type CacheFileFs } from '../core/cache-file';

// Hands a RoleTray role session to the AWS CLI v2 by writing it into the CLI's own assume-role cache,
// so `aws --profile <role profile> ...` finds it and neither calls AssumeRole nor prompts for MFA.
//
// Matched against the CLI's vendored botocore (Debian awscli 2.9.19,
// /usr/lib/python3/dist-packages/awscli/botocore/credentials.py and utils.py; python3-botocore 1.29 has
// the same logic):
// - awscli/customizations/assumerole.py: `CACHE_DIR = ~/.aws/cli/cache`, set as the assume-role
//   provider's `JSONFileCache(CACHE_DIR)`; the file is `<cache_key>.json` (JSONFileCache._convert_cache_key).
// - AssumeRoleProvider._get_role_config: `duration_seconds` becomes `int(...)` (dropped on ValueError);
//   _load_creds_via_assume_role builds extra_args: RoleSessionName (when role_session_name is set),
//   ExternalId, SerialNumber (mfa_serial), DurationSeconds, each only when configured (`is not None`).
// - BaseAssumeRoleCredentialFetcher.__init__ adds RoleArn; an empty/absent RoleSessionName is replaced
//   by a generated `botocore-session-<time>` that _create_cache_key deletes again. _create_cache_key:
//   `sha1(json.dumps(args, sort_keys=True).encode('utf-8')).hexdigest()` (default separators `', '` and
//   `': '`, ensure_ascii), then _make_file_safe (`:`, os.sep, `/` -> `_`: a no-op on hex).
// - CachedCredentialFetcher._is_expired: an entry is reused only while `Expiration - now` is at least
//   DEFAULT_EXPIRY_WINDOW_SECONDS = 60 * 15; Expiration is read with dateutil's parse (_parse_if_needed).
// - JSONFileCache.__setitem__ writes json.dumps(response, default=_serialize_if_needed) with mode 0600:
//   the parsed AssumeRole response, Expiration as strftime('%Y-%m-%dT%H:%M:%S%Z') of a UTC datetime,
//   e.g. `2026-01-01T12:00:00UTC`.

/** The CLI treats a cached session with less than this left as expired and assumes the role again. */
export const CLI_CACHE_EXPIRY_WINDOW_MS = 15 * 60 * 1000;

/** The profile settings that go into the CLI's cache key (a RoleProfile fits). */
export interface CliCacheRole {
  roleArn: string;
  roleSessionName?: string | undefined;
  externalId?: string | undefined;
  mfaSerial?: string | undefined;
  durationSeconds?: number | undefined;
}

/** What botocore caches: the AssumeRole response. */
export interface CliCacheEntry {
  Credentials: {
    AccessKeyId: string;
    SecretAccessKey: string;
    SessionToken: string;
    /** `YYYY-MM-DDTHH:MM:SSUTC`, as botocore writes it. */
    Expiration: string;
  };
  AssumedRoleUser?: { AssumedRoleId: string; Arn: string };
  ResponseMetadata?: Record<string, unknown>;
}

export interface CliCacheCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiration: number;
}

/** A string as Python's json.dumps writes it with ensure_ascii=True: only ' '..'~' stay as they are. */
function pythonJsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i); // UTF-16 code units: astral characters come out as surrogate pairs
    if (unit === 0x22) out += '\\"';
    else if (unit === 0x5c) out += '\\\\';
    else if (unit >= 0x20 && unit <= 0x7e) out += value[i];
    else if (unit === 0x0a) out += '\\n';
    else if (unit === 0x0d) out += '\\r';
    else if (unit === 0x09) out += '\\t';
    else if (unit === 0x08) out += '\\b';
    else if (unit === 0x0c) out += '\\f';
    else out += `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** The name (without `.json`) of the file the AWS CLI v2 caches this assume-role profile's session in. */
export function cliCacheKey(role: CliCacheRole): string {
  const args: Record<string, string | number> = {};
  // Python int(): a whole number; anything else was dropped by _get_role_config.
  if (role.durationSeconds !== undefined && Number.isSafeInteger(role.durationSeconds))
    args['DurationSeconds'] = role.durationSeconds;
  if (role.externalId !== undefined) args['ExternalId'] = role.externalId;
  args['RoleArn'] = role.roleArn;
  if (role.roleSessionName) args['RoleSessionName'] = role.roleSessionName;
  if (role.mfaSerial !== undefined) args['SerialNumber'] = role.mfaSerial;
  // The keys above are already in sort_keys order.
  const json = `{${Object.entries(args)
    .map(
      ([name, value]) =>
        `${pythonJsonString(name)}: ${typeof value === 'number' ? String(value) : pythonJsonString(value)}`,
    )
    .join(', ')}}`;
  return createHash('sha1').update(json, 'utf8').digest('hex');
}

/** What botocore's SSOCredentialFetcher keys an IAM Identity Center role's cached session by. */
export interface CliCacheSsoRole {
  startUrl: string;
  accountId: string;
  roleName: string;
  /** The sso-session the profile names; absent for a legacy profile (sso_start_url in it). */
  sessionName?: string | undefined;
}

/**
 * The name (without `.json`) of the file the AWS CLI v2 caches an SSO profile's role credentials in
 * (its sso customization sets the SSO provider's cache to the same ~/.aws/cli/cache). botocore's
 * SSOCredentialFetcher._create_cache_key: `{accountId, roleName}` plus `sessionName` when the
 * profile names an sso-session, else `startUrl`; json.dumps with sort_keys and separators (',', ':')
 * (compact, unlike the assume-role key), ensure_ascii; sha1 hex.
 */
export function ssoCliCacheKey(role: CliCacheSsoRole): string {
  const args: [string, string][] = [
    ['accountId', role.accountId],
    ['roleName', role.roleName],
    role.sessionName ? ['sessionName', role.sessionName] : ['startUrl', role.startUrl],
  ];
  // accountId < roleName < sessionName < startUrl: already in sort_keys order.
  const json = `{${args.map(([name, value]) => `${pythonJsonString(name)}:${pythonJsonString(value)}`).join(',')}}`;
  return createHash('sha1').update(json, 'utf8').digest('hex');
}

/** What botocore's SSOCredentialFetcher caches: ProviderType and Credentials, Expiration `…Z`. */
export interface SsoCliCacheEntry {
  ProviderType: 'sso';
  Credentials: CliCacheEntry['Credentials'];
}

/** A session as botocore caches GetRoleCredentials' answer (strftime('%Y-%m-%dT%H:%M:%SZ')). */
export function ssoCliCacheEntry(credentials: CliCacheCredentials): SsoCliCacheEntry {
  return {
    ProviderType: 'sso',
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: `${botocoreExpiration(credentials.expiration).slice(0, 19)}Z`,
    },
  };
}

/** The AWS CLI v2's assume-role cache folder. */
export function cliCacheDir(homeDir: string): string {
  return join(homeDir, '.aws', 'cli', 'cache');
}

/** botocore's strftime('%Y-%m-%dT%H:%M:%S%Z') of a UTC datetime; seconds rounded down, never later. */
function botocoreExpiration(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new Error(`invalid expiration: ${epochMs}`);
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}UTC`;
}

/** A session as botocore caches an AssumeRole response. */
export function cliCacheEntry(
  credentials: CliCacheCredentials,
  assumedRole?: { arn: string; assumedRoleId: string },
): CliCacheEntry {
  return {
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: botocoreExpiration(credentials.expiration),
    },
    ...(assumedRole
      ? { AssumedRoleUser: { AssumedRoleId: assumedRole.assumedRoleId, Arn: assumedRole.arn } }
      : {}),
  };
}

const cacheFile = (dir: string, cacheKey: string) => join(dir, `${cacheKey}.json`);

/**
 * Writes the session where the CLI looks for this role's: the folder is created 0700 when missing, the
 * file 0600 (as the CLI writes it), atomically (writeCacheFile). Returns its path.
 */
export async function writeCliCache(
  dir: string,
  role: CliCacheRole | { cacheKey: string },
  entry: CliCacheEntry | SsoCliCacheEntry,
  fs: CacheFileFs = nodeCacheFileFs,
): Promise<string> {
  const target = cacheFile(dir, 'cacheKey' in role ? role.cacheKey : cliCacheKey(role));
  await writeCacheFile(target, JSON.stringify(entry), fs);
  return target;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * Removes the cache file `<cacheKey>.json` (cliCacheKey of its role) if it still holds the session
 * RoleTray wrote (its AccessKeyId is `expectedAccessKeyId`); a file the CLI has since rewritten, or
 * cannot be read as one, is left alone. Resolves whether a file was removed.
 */
export async function removeCliCache(
  dir: string,
  cacheKey: string,
  expectedAccessKeyId: string,
  fs: CacheFileFs = nodeCacheFileFs,
): Promise<boolean> {
  const target = cacheFile(dir, cacheKey);
  let text: string;
  try {
    text = await fs.readFile(target, 'utf8');
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
  let accessKeyId: unknown;
  try {
    accessKeyId = (JSON.parse(text) as { Credentials?: { AccessKeyId?: unknown } } | null)?.Credentials
      ?.AccessKeyId;
  } catch {
    return false;
  }
  if (accessKeyId !== expectedAccessKeyId) return false;
  try {
    await fs.unlink(target);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}
