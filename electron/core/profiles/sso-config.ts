import type { NamedSection, Place, ProfileEntry } from './aws-config-map';
import { pyStrip } from './config-parser';
import type { SsoLogin, SsoSession } from './profiles';

// A profile's IAM Identity Center settings, read as botocore reads them (1.43,
// credentials.py SSOProvider._load_sso_config and _resolve_sso_session_reference, then
// tokens.py SSOTokenProvider._load_sso_config, which the credential fetch runs for an
// sso-session profile). The SSO provider applies when the profile has sso_account_id or
// sso_role_name; an sso_session then copies every key of its [sso-session NAME] section in,
// and a key set in both must hold the same value. Messages are botocore's, followed by where.

/** botocore's _PROFILE_REQUIRED_CONFIG_VARS: either key makes the SSO provider take the profile. */
const PROFILE_KEYS = ['sso_role_name', 'sso_account_id'] as const;
/** _ALL_REQUIRED_CONFIG_VARS, in botocore's order (it names the missing ones in that order). */
const REQUIRED = [...PROFILE_KEYS, 'sso_start_url', 'sso_region'] as const;

type Value = string | Record<string, string>;

/** The file names as the user knows them, for the place in a message. */
export interface ShownFiles {
  config: string;
  credentials: string;
}

export type SsoConfig = { login: SsoLogin } | { error: string };

const valueOf = (section: Pick<NamedSection, 'values' | 'nested'>, key: string): Value | undefined =>
  section.values[key] ?? section.nested[key];

/** Whether botocore's SSO provider takes this profile (before any other source of credentials). */
export const takesSso = (entry: ProfileEntry) =>
  PROFILE_KEYS.some((key) => valueOf(entry, key) !== undefined);

/** Python's `==` between two config values: strings, or sub-sections compared key by key. */
function sameValue(a: Value, b: Value): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/** Python's str() of a value, as botocore puts it in a message. */
function pyStr(value: Value): string {
  if (typeof value === 'string') return value;
  const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return `{${Object.entries(value)
    .map(([key, inner]) => `${quote(key)}: ${quote(inner)}`)
    .join(', ')}}`;
}

/** awscli's parse_sso_registration_scopes: comma separated, each stripped, empty ones dropped. */
export function registrationScopes(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map(pyStrip)
    .filter((scope) => scope !== '');
}

/**
 * The SSO settings of a profile the SSO provider takes (takesSso), or botocore's refusal with the
 * file and line it is about. `sessions`: the config's [sso-session NAME] sections.
 */
export function ssoConfig(
  entry: ProfileEntry,
  sessions: ReadonlyMap<string, NamedSection>,
  shown: ShownFiles,
): SsoConfig {
  const name = entry.name;
  const at = (place: Place | undefined) => (place ? `${shown[place.file]} line ${place.line}` : shown.config);
  const keyAt = (key: string) => at(entry.keyPlaces.get(key) ?? entry.headers[0]);
  const fail = (message: string, where: string) => ({ error: `${message} (${where})` });

  const merged = new Map<string, Value>();
  for (const [key, value] of [...Object.entries(entry.values), ...Object.entries(entry.nested)]) {
    merged.set(key, value);
  }
  const sessionName = valueOf(entry, 'sso_session');
  let session: NamedSection | undefined;
  if (sessionName !== undefined) {
    session = typeof sessionName === 'string' ? sessions.get(sessionName) : undefined;
    if (!session) {
      return fail(
        `The specified sso-session does not exist: "${pyStr(sessionName)}"`,
        `${keyAt('sso_session')}: no [sso-session ${pyStr(sessionName)}] section in ${shown.config}`,
      );
    }
    for (const [key, value] of [...Object.entries(session.values), ...Object.entries(session.nested)]) {
      const own = merged.get(key);
      if (own !== undefined && !sameValue(own, value)) {
        return fail(
          `The value for ${key} is inconsistent between profile (${pyStr(own)}) and sso-session (${pyStr(value)}).`,
          `${keyAt(key)}, and [sso-session ${session.name}] at ${shown.config} line ${session.line}`,
        );
      }
      merged.set(key, value);
    }
  }

  const required = session ? [...REQUIRED, 'sso_session'] : REQUIRED;
  const missing = required.filter((key) => !merged.has(key));
  if (missing.length > 0) {
    return fail(
      `The profile "${name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
      `[profile ${name}] at ${at(entry.headers[0])}${session ? `, [sso-session ${session.name}] at ${shown.config} line ${session.line}` : ''}`,
    );
  }
  if (session) {
    // The token provider, run when credentials are fetched, reads the two from the section alone;
    // a section without any key is no configuration to it (Python's `if not sso_config`).
    if (Object.keys(session.values).length + Object.keys(session.nested).length === 0) {
      return fail(
        `The profile "${name}" is configured to use the SSO token provider but the "${session.name}" sso_session configuration does not exist.`,
        `[sso-session ${session.name}] at ${shown.config} line ${session.line} is empty`,
      );
    }
    const absent = ['sso_start_url', 'sso_region'].filter((key) => valueOf(session, key) === undefined);
    if (absent.length > 0) {
      return fail(
        `The profile "${name}" is configured to use the SSO token provider but is missing the following configuration: [${absent.map((key) => `'${key}'`).join(', ')}].`,
        `[sso-session ${session.name}] at ${shown.config} line ${session.line}`,
      );
    }
  }

  const text = {} as Record<(typeof REQUIRED)[number], string>;
  for (const key of REQUIRED) {
    const value = merged.get(key)!;
    if (typeof value !== 'string') {
      return fail(`${key} is a sub-section, not a value`, keyAt(key));
    }
    // botocore passes an empty value on; the OIDC service and the portal refuse it.
    if (pyStrip(value) === '')
      return fail(`${key} is empty; IAM Identity Center refuses an empty value`, keyAt(key));
    text[key] = value;
  }
  const ssoSession: SsoSession | undefined = session && {
    name: session.name,
    startUrl: text.sso_start_url,
    region: text.sso_region,
    registrationScopes: registrationScopes(
      typeof session.values['sso_registration_scopes'] === 'string'
        ? session.values['sso_registration_scopes']
        : undefined,
    ),
  };
  return {
    login: {
      ...(ssoSession ? { session: ssoSession } : {}),
      startUrl: text.sso_start_url,
      region: text.sso_region,
      accountId: text.sso_account_id,
      roleName: text.sso_role_name,
      // botocore's SSOTokenLoader._generate_cache_key: the session name, else the start URL as written.
      tokenCacheKey: ssoSession ? ssoSession.name : text.sso_start_url,
    },
  };
}
