import { createHash, randomInt } from 'node:crypto';
import { AwsError } from './errors';
import { randomToken, type IdentityCenter, type SignInSession } from './identity-center';

// IAM Identity Center's OIDC service (`oidc.<region>.amazonaws.com`, rest-json, unsigned), as
// botocore's SSOTokenFetcher (device flow), SSOTokenFetcherAuth (authorization code with PKCE) and
// SSOTokenProvider (refresh) call it: RegisterClient, StartDeviceAuthorization and CreateToken for
// the device_code, authorization_code and refresh_token grants, with AWS's exceptions (named in
// x-amzn-ErrorType) and OAuth bodies (`{"error":"authorization_pending","error_description":...}`).
//
// As on AWS: refresh tokens only for clients registered with scopes, every refresh rotates it (the
// old one is refused from then on), and every token of a sign-in session is refused once the session
// ends or is logged out. The approval page (sso-approval-page.ts) approves device codes and issues
// authorization codes through the methods at the end.

export const OIDC_ACTIONS: Record<string, string> = {
  '/client/register': 'RegisterClient',
  '/device_authorization': 'StartDeviceAuthorization',
  '/token': 'CreateToken',
};

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const GRANTS = new Set([DEVICE_GRANT, 'authorization_code', 'refresh_token']);
const CLIENT_SECRET_DAYS = 90;
const AUTHORIZATION_CODE_SECONDS = 300;
/** Clients poll on a timer; a poll this much early still counts as on time. */
const POLL_TOLERANCE_MS = 100;
const SLOW_DOWN_SECONDS = 5;

export function oidcError(exception: string, error: string, description: string, status = 400): AwsError {
  return new AwsError(exception, description, status, { error, error_description: description });
}

const invalidRequest = (description: string) =>
  oidcError('InvalidRequestException', 'invalid_request', description);
const invalidGrant = (description: string) =>
  oidcError('InvalidGrantException', 'invalid_grant', description);
const invalidClient = () =>
  oidcError('InvalidClientException', 'invalid_client', 'Invalid client provided', 401);

interface Client {
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** The grants it registered for; undefined: the device flow and refresh, as the CLI's registration. */
  grantTypes: Set<string> | undefined;
  redirectUris: string[];
  secretExpiresAt: number;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  client: Client;
  expiresAt: number;
  lastPollAt?: number;
  /** The interval this code must be polled at: the one announced, 5 s more per slow_down. */
  intervalSeconds: number;
  /** Polls answered so far (for IdentityCenterOptions.slowDownPolls). */
  polls: number;
  state: 'pending' | 'denied' | 'used' | SignInSession;
}

/** A checked `GET /authorize` request, which the approval page shows and then answers. */
export interface AuthorizeRequest {
  client: Client;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes: string[];
}

interface AuthorizationCode extends AuthorizeRequest {
  session: SignInSession;
  expiresAt: number;
}

interface RefreshToken {
  client: Client;
  session: SignInSession;
}

/** A loopback `http://` redirect (127.0.0.1, localhost or [::1], any port), as RFC 8252 has native apps use. */
export function loopbackRedirect(uri: string): URL | undefined {
  if (!URL.canParse(uri)) return undefined;
  const url = new URL(uri);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback && url.username === '' && url.hash === '' ? url : undefined;
}

/** A registered redirect without a port takes any port (RFC 8252 §7.3); otherwise all must match. */
function redirectMatches(registered: string, requested: URL): boolean {
  const url = loopbackRedirect(registered);
  if (!url) return false;
  return (
    url.hostname === requested.hostname &&
    url.pathname === requested.pathname &&
    (url.port === '' || url.port === requested.port)
  );
}

function stringField(body: Record<string, unknown>, name: string, needed = false): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (needed) throw invalidRequest(`Missing required parameter: ${name}`);
    return undefined;
  }
  if (typeof value !== 'string' || (needed && value === ''))
    throw invalidRequest(`Invalid value for parameter: ${name}`);
  return value;
}

function stringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw invalidRequest(`Invalid value for parameter: ${name}`);
  return value;
}

const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';
const userCode = () =>
  Array.from({ length: 8 }, (_, i) => (i === 4 ? '-' : '') + USER_CODE_LETTERS[randomInt(20)]).join('');

/** PKCE S256: base64url(SHA-256(verifier)), compared without the padding clients trim. */
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class SsoOidc {
  private readonly clients = new Map<string, Client>();
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshToken>();

  constructor(
    private readonly center: IdentityCenter,
    private readonly now: () => number,
    /** Where the approval page is served (the sandbox's own origin), for the verification URIs. */
    private readonly pageOrigin: () => string,
  ) {}

  handle(action: string, body: Record<string, unknown>): unknown {
    if (action === 'RegisterClient') return this.registerClient(body);
    if (action === 'StartDeviceAuthorization') return this.startDeviceAuthorization(body);
    return this.createToken(body);
  }

  private registerClient(body: Record<string, unknown>) {
    stringField(body, 'clientName', true);
    const clientType = stringField(body, 'clientType', true);
    if (clientType !== 'public')
      throw oidcError('InvalidClientMetadataException', 'invalid_client_metadata', 'Invalid client type');
    const grantTypes = stringList(body, 'grantTypes');
    for (const grant of grantTypes ?? [])
      if (!GRANTS.has(grant))
        throw oidcError(
          'UnsupportedGrantTypeException',
          'unsupported_grant_type',
          `Unsupported grant type: ${grant}`,
        );
    const redirectUris = stringList(body, 'redirectUris') ?? [];
    for (const uri of redirectUris)
      if (!loopbackRedirect(uri))
        throw oidcError(
          'InvalidRedirectUriException',
          'invalid_redirect_uri',
          `Invalid redirect URI: ${uri}`,
        );
    const now = this.now();
    const client: Client = {
      clientId: randomToken('', 16),
      clientSecret: randomToken('eyJraWQiOiJrZXktMTU2', 300),
      scopes: stringList(body, 'scopes') ?? [],
      grantTypes: grantTypes ? new Set(grantTypes) : undefined,
      redirectUris,
      secretExpiresAt: now + CLIENT_SECRET_DAYS * 86_400_000,
    };
    this.clients.set(client.clientId, client);
    return {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      clientIdIssuedAt: Math.floor(now / 1000),
      clientSecretExpiresAt: Math.floor(client.secretExpiresAt / 1000),
    };
  }

  /** The client the id and secret name, while its secret lasts; InvalidClientException otherwise. */
  private client(body: Record<string, unknown>): Client {
    const clientId = stringField(body, 'clientId', true)!;
    const clientSecret = stringField(body, 'clientSecret', true)!;
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret || client.secretExpiresAt <= this.now())
      throw invalidClient();
    return client;
  }

  private startDeviceAuthorization(body: Record<string, unknown>) {
    const client = this.client(body);
    const startUrl = stringField(body, 'startUrl', true)!;
    if (startUrl.replace(/\/$/, '') !== this.center.instance.startUrl.replace(/\/$/, ''))
      throw invalidRequest(`Invalid start URL: ${startUrl}`);
    if (client.grantTypes && !client.grantTypes.has(DEVICE_GRANT))
      throw oidcError(
        'UnauthorizedClientException',
        'unauthorized_client',
        'Client is not authorized for the device flow',
      );
    const { deviceCodeSeconds, pollIntervalSeconds } = this.center.settings;
    const device: DeviceAuthorization = {
      deviceCode: randomToken('', 48),
      userCode: userCode(),
      client,
      expiresAt: this.now() + deviceCodeSeconds * 1000,
      intervalSeconds: pollIntervalSeconds,
      polls: 0,
      state: 'pending',
    };
    this.devices.set(device.deviceCode, device);
    const verificationUri = `${this.pageOrigin()}/device`;
    return {
      deviceCode: device.deviceCode,
      userCode: device.userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${device.userCode}`,
      expiresIn: deviceCodeSeconds,
      interval: pollIntervalSeconds,
    };
  }

  private createToken(body: Record<string, unknown>) {
    const grantType = stringField(body, 'grantType', true)!;
    const client = this.client(body);
    if (!GRANTS.has(grantType))
      throw oidcError(
        'UnsupportedGrantTypeException',
        'unsupported_grant_type',
        `Unsupported grant type: ${grantType}`,
      );
    const allowed = client.grantTypes ?? new Set([DEVICE_GRANT, 'refresh_token']);
    if (!allowed.has(grantType))
      throw oidcError(
        'UnauthorizedClientException',
        'unauthorized_client',
        `Client is not authorized for ${grantType}`,
      );
    const session =
      grantType === DEVICE_GRANT
        ? this.deviceGrant(client, stringField(body, 'deviceCode', true)!)
        : grantType === 'authorization_code'
          ? this.codeGrant(client, body)
          : this.refreshGrant(client, stringField(body, 'refreshToken', true)!);
    return this.tokens(client, session);
  }

  private deviceGrant(client: Client, deviceCode: string): SignInSession {
    const device = this.devices.get(deviceCode);
    if (!device || device.client !== client || device.state === 'used')
      throw invalidGrant('Invalid device code provided');
    const now = this.now();
    if (device.expiresAt <= now)
      throw oidcError('ExpiredTokenException', 'expired_token', 'Device code has expired');
    if (device.state === 'denied')
      throw oidcError('AccessDeniedException', 'access_denied', 'The user denied the authorization request');
    if (device.state === 'pending') {
      // RFC 8628 3.5: polling sooner than the interval is slow_down, and the interval grows by 5 s.
      const early =
        device.lastPollAt !== undefined &&
        now - device.lastPollAt < device.intervalSeconds * 1000 - POLL_TOLERANCE_MS;
      device.lastPollAt = now;
      device.polls += 1;
      if (early || device.polls <= this.center.settings.slowDownPolls) {
        device.intervalSeconds += SLOW_DOWN_SECONDS;
        throw oidcError('SlowDownException', 'slow_down', 'Client is polling too frequently');
      }
      throw oidcError(
        'AuthorizationPendingException',
        'authorization_pending',
        'Authorization is still pending',
      );
    }
    const session = device.state;
    device.state = 'used';
    return session;
  }

  private codeGrant(client: Client, body: Record<string, unknown>): SignInSession {
    const code = stringField(body, 'code', true)!;
    const redirectUri = stringField(body, 'redirectUri', true)!;
    const verifier = stringField(body, 'codeVerifier', true)!;
    const grant = this.codes.get(code);
    // Single use: gone once presented, whether or not the rest matched.
    this.codes.delete(code);
    if (!grant || grant.client !== client || grant.expiresAt <= this.now())
      throw invalidGrant('Invalid authorization code provided');
    if (grant.redirectUri !== redirectUri) throw invalidGrant('Invalid redirect URI provided');
    if (s256(verifier) !== grant.codeChallenge.replace(/=+$/, ''))
      throw invalidGrant('Invalid code verifier provided');
    return grant.session;
  }

  private refreshGrant(client: Client, refreshToken: string): SignInSession {
    const record = this.refreshTokens.get(refreshToken);
    this.refreshTokens.delete(refreshToken);
    if (!record || record.client !== client || !this.center.isLive(record.session))
      throw invalidGrant('Invalid refresh token provided');
    return record.session;
  }

  private tokens(client: Client, session: SignInSession) {
    if (!this.center.isLive(session)) throw invalidGrant('The sign-in session has ended');
    const refreshable =
      client.scopes.length > 0 && (client.grantTypes === undefined || client.grantTypes.has('refresh_token'));
    const { accessToken, expiresIn } = this.center.issueAccessToken(session, refreshable);
    const answer: Record<string, unknown> = { accessToken, tokenType: 'Bearer', expiresIn };
    if (refreshable) {
      const refreshToken = randomToken('aor');
      this.refreshTokens.set(refreshToken, { client, session });
      answer['refreshToken'] = refreshToken;
    }
    return answer;
  }

  /** The device authorization a user code names while it waits for a decision. */
  pendingDevice(code: string): DeviceAuthorization | undefined {
    const normalized = code.trim().toUpperCase();
    const device = [...this.devices.values()].find((candidate) => candidate.userCode === normalized);
    return device && device.state === 'pending' && device.expiresAt > this.now() ? device : undefined;
  }

  decideDevice(device: DeviceAuthorization, session: SignInSession | undefined): void {
    device.state = session ?? 'denied';
  }

  /** A `GET /authorize` request checked as AWS checks it; the reason it is refused otherwise. */
  authorizeRequest(params: Record<string, string | undefined>): AuthorizeRequest | string {
    if (params['response_type'] !== 'code') return 'response_type must be code.';
    const client = this.clients.get(params['client_id'] ?? '');
    if (!client || client.secretExpiresAt <= this.now()) return 'Unknown client_id.';
    if (client.grantTypes && !client.grantTypes.has('authorization_code'))
      return 'The client is not registered for the authorization_code grant.';
    const redirect = loopbackRedirect(params['redirect_uri'] ?? '');
    if (!redirect) return 'redirect_uri must be a loopback http:// address.';
    if (!client.redirectUris.some((registered) => redirectMatches(registered, redirect)))
      return 'redirect_uri is not one the client registered.';
    if (params['code_challenge_method'] !== 'S256') return 'code_challenge_method must be S256.';
    const codeChallenge = params['code_challenge'] ?? '';
    if (!/^[A-Za-z0-9_-]{43}=?$/.test(codeChallenge)) return 'code_challenge must be a base64url SHA-256.';
    const scopes = (params['scopes'] ?? params['scope'] ?? '').split(/[\s,]+/).filter(Boolean);
    const unknown = scopes.find((scope) => !client.scopes.includes(scope));
    if (unknown !== undefined) return `The client did not register the scope ${unknown}.`;
    return {
      client,
      redirectUri: params['redirect_uri']!,
      state: params['state'] ?? '',
      codeChallenge,
      scopes,
    };
  }

  issueCode(request: AuthorizeRequest, session: SignInSession): string {
    const code = randomToken('', 32);
    this.codes.set(code, { ...request, session, expiresAt: this.now() + AUTHORIZATION_CODE_SECONDS * 1000 });
    return code;
  }
}
