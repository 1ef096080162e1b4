import { RoleTrayError } from '../core/errors';
import { networkCode } from '../core/network-errors';

// "Open the AWS console as the session": AWS's federation sign-in flow
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html).
// A role session's keys are traded for a SigninToken at the partition's /federation endpoint
// (Action=getSigninToken), then a login URL (Action=login) carrying that token opens the console.
//
// SECURITY: the returned login URL holds a SigninToken that grants console access as the session to
// whoever opens it within 15 minutes, and the getSigninToken request URL holds the secret key. Never
// log either URL, never put them in an error message, telemetry or IPC payload other than the one that
// opens the browser. Errors below name only the endpoint's host and the HTTP status.
//
// getSigninToken is sent as a GET with the Session JSON in the query string, as AWS documents it. A
// POST form body would keep the secrets out of request-line logs, but AWS does not document POST for
// this action, so RoleTray does not rely on it; the request only ever goes over TLS to AWS's endpoint.

export interface ConsoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ConsoleSigninOptions {
  credentials: ConsoleCredentials;
  /** The federation endpoint, from federationEndpoint(). */
  endpoint: string;
  /** The console page to land on, from consoleDestination(). */
  destination: string;
  /** Where AWS sends the user when the console session ends; omitted when not given. */
  issuer?: string;
  /** Console session length, 900..43200 s. AWS refuses it for role-chained credentials. */
  sessionDurationSeconds?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

const FEDERATION_ENDPOINTS: Record<string, string> = {
  aws: 'https://signin.aws.amazon.com/federation',
  'aws-cn': 'https://signin.amazonaws.cn/federation',
  'aws-us-gov': 'https://signin.amazonaws-us-gov.com/federation',
};

// Console hosts per partition. The commercial partition has regional console hosts
// (https://us-east-1.console.aws.amazon.com/...); for China and GovCloud AWS documents only the global
// hosts (console.amazonaws.cn, console.amazonaws-us-gov.com), which pick the region from ?region=.
const CONSOLE_HOSTS: Record<string, { host: string; regional: boolean; regionPrefix?: string }> = {
  aws: { host: 'console.aws.amazon.com', regional: true },
  'aws-cn': { host: 'console.amazonaws.cn', regional: false, regionPrefix: 'cn-' },
  'aws-us-gov': { host: 'console.amazonaws-us-gov.com', regional: false, regionPrefix: 'us-gov-' },
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43_200;

/**
 * The SessionDuration to ask getSigninToken for: the session's time left, whole seconds, at most
 * 12 h, for a session AWS lets set it (not role chaining: AWS refuses SessionDuration there). None
 * for a chained session, or one with under 15 minutes left (AWS's minimum); AWS's default applies.
 */
export function consoleSessionSeconds(
  session: { chained: boolean; expiration: number },
  now: number,
): number | undefined {
  if (session.chained) return undefined;
  const left = Math.floor((session.expiration - now) / 1000);
  return left < MIN_SESSION_SECONDS ? undefined : Math.min(left, MAX_SESSION_SECONDS);
}

function unknownPartition(partition: string): RoleTrayError {
  return new RoleTrayError(
    'Validation',
    `RoleTray cannot open the console for partition "${partition}": only aws, aws-cn and aws-us-gov are supported.`,
  );
}

/** The partition's federation endpoint; `override` (e.g. the sandbox's `<endpoint>/federation`) wins. */
export function federationEndpoint(partition: string, override?: string): string {
  if (override !== undefined && override !== '') return override;
  const endpoint = FEDERATION_ENDPOINTS[partition];
  if (endpoint === undefined) throw unknownPartition(partition);
  return endpoint;
}

/**
 * The console URL to land on: `https://<region>.console.aws.amazon.com/<service>/home?region=<region>`
 * for aws, `https://console.amazonaws.cn/<service>/home?region=<region>` for aws-cn and
 * `https://console.amazonaws-us-gov.com/<service>/home?region=<region>` for aws-us-gov. `service` is
 * the console's path segment (`s3`, `ec2`, ...), `console` (the console home) by default.
 */
export function consoleDestination(partition: string, region?: string, service = 'console'): string {
  const hosts = CONSOLE_HOSTS[partition];
  if (hosts === undefined) throw unknownPartition(partition);
  if (!SERVICE.test(service))
    throw new RoleTrayError('Validation', `"${service}" is not a console service name.`);
  if (region === undefined || region === '') return `https://${hosts.host}/${service}/home`;
  const inPartition =
    hosts.regionPrefix !== undefined
      ? region.startsWith(hosts.regionPrefix)
      : !/^(cn|us-gov|us-iso[a-z]?|eu-isoe?)-/.test(region);
  if (!REGION.test(region) || !inPartition)
    throw new RoleTrayError('Validation', `"${region}" is not a region of partition ${partition}.`);
  const host = hosts.regional ? `${region}.${hosts.host}` : hosts.host;
  return `https://${host}/${service}/home?region=${region}`;
}

function parsedUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RoleTrayError('Validation', `The ${what} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new RoleTrayError('Validation', `The ${what} must be an http(s) URL.`);
  return url;
}

/**
 * Trades a role session for a console sign-in URL. The result contains a SigninToken granting console
 * access: hand it to the browser and nothing else; never log it.
 */
export async function consoleSigninUrl(options: ConsoleSigninOptions): Promise<string> {
  const { credentials, sessionDurationSeconds, signal } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  if (credentials.sessionToken === undefined || credentials.sessionToken === '') {
    throw new RoleTrayError(
      'Validation',
      'The AWS console needs a role session: long-term access keys cannot sign in to the console. Assume a role first.',
    );
  }
  if (
    sessionDurationSeconds !== undefined &&
    (!Number.isInteger(sessionDurationSeconds) ||
      sessionDurationSeconds < MIN_SESSION_SECONDS ||
      sessionDurationSeconds > MAX_SESSION_SECONDS)
  ) {
    throw new RoleTrayError(
      'Validation',
      `The console session duration must be a whole number of seconds from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}.`,
    );
  }
  const endpoint = parsedUrl(options.endpoint, 'federation endpoint');
  parsedUrl(options.destination, 'console destination');
  const host = endpoint.host;

  const tokenUrl = new URL(endpoint);
  tokenUrl.searchParams.set('Action', 'getSigninToken');
  if (sessionDurationSeconds !== undefined)
    tokenUrl.searchParams.set('SessionDuration', String(sessionDurationSeconds));
  tokenUrl.searchParams.set(
    'Session',
    JSON.stringify({
      sessionId: credentials.accessKeyId,
      sessionKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    }),
  );

  let response: Response;
  try {
    response = await doFetch(tokenUrl, {
      method: 'GET',
      headers: { accept: 'application/json' },
      redirect: 'error',
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    const code = networkCode(error);
    if (code !== undefined) {
      throw new RoleTrayError(
        'Network',
        `Cannot reach the AWS sign-in endpoint at ${host} (${code}); check your connection and try again.`,
      );
    }
    // The error could quote the request URL, which holds the secret key: say only what failed.
    throw new RoleTrayError('Internal', `Could not ask ${host} for a console sign-in token.`);
  }

  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 400 && response.status < 500) {
      throw new RoleTrayError(
        'InvalidCredentials',
        `AWS sign-in at ${host} refused the session (HTTP ${response.status}): it may have expired or come from role chaining with a session duration. Renew the session and try again.`,
      );
    }
    throw new RoleTrayError(
      'Internal',
      `AWS sign-in at ${host} answered HTTP ${response.status} instead of a sign-in token; try again later.`,
    );
  }

  let token: unknown;
  try {
    token = ((await response.json()) as { SigninToken?: unknown } | null)?.SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '')
    throw new RoleTrayError('Internal', `AWS sign-in at ${host} answered without a sign-in token.`);

  const loginUrl = new URL(endpoint);
  loginUrl.searchParams.set('Action', 'login');
  if (options.issuer !== undefined) loginUrl.searchParams.set('Issuer', options.issuer);
  loginUrl.searchParams.set('Destination', options.destination);
  loginUrl.searchParams.set('SigninToken', token);
  return loginUrl.toString();
}
