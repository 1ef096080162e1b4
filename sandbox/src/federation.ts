import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CredentialRecord, Identities } from './identities';
import { MalformedQuery, parseQuery, single } from './request';
import { htmlPage } from './html-page';
import type { SandboxResponse } from './s3';
import { escapeXml } from './xml';

// AWS's console federation endpoint (https://signin.aws.amazon.com/federation) on the sandbox's port:
//
// - `GET /federation?Action=getSigninToken&Session=<JSON>[&SessionDuration=900..43200]` trades a
//   temporary role session for `{"SigninToken": "..."}`.
// - `GET /federation?Action=login&Destination=<url>&SigninToken=<token>[&Issuer=<url>]` spends the
//   token (once, within 15 minutes) and redirects. The real console is out of reach, so the redirect
//   goes to `/federation/console`, a small page naming the assumed-role ARN and the destination.
//
// What AWS does and the sandbox copies: the endpoint takes no SigV4 signature (the Session JSON is the
// credential), answers a bare HTTP 400 when the credentials are unknown, expired, long-term IAM user
// keys or from GetSessionToken (only AssumeRole* / GetFederationToken sessions may sign in to the
// console), and a SigninToken is good for one login within 15 minutes. AWS's 400 bodies carry no
// machine-readable error code; the sandbox answers a small HTML page with a one-line reason.
//
// SessionDuration (900..43200) is refused, with a 400 as AWS answers, for credentials from role
// chaining (a role assumed with temporary credentials: another role's session, a GetSessionToken
// session or IAM Identity Center role credentials); AWS documents that it fails there. Sessions from
// AssumeRole with long-term keys, AssumeRoleWithWebIdentity and IAM Identity Center's
// GetRoleCredentials take it.

export const SIGNIN_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const MIN_SESSION_DURATION = 900;
const MAX_SESSION_DURATION = 43_200;

interface SigninTokenRecord {
  accessKeyId: string;
  issuedAt: number;
  /** When the console session would end: now + SessionDuration, else the credentials' expiry. */
  consoleUntil: number;
}

interface ConsoleSession {
  arn: string;
  until: number;
}

const FEDERATION_PATH = '/federation';
const CONSOLE_PATH = '/federation/console';

/** A federation request: an unsigned GET to /federation or /federation/console (signed ones stay S3's). */
export function isFederationRequest(message: IncomingMessage): boolean {
  if (message.method !== 'GET') return false;
  const url = message.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  if (path !== FEDERATION_PATH && path !== CONSOLE_PATH) return false;
  if (message.headers.authorization !== undefined) return false;
  return !/(^|&)X-Amz-Signature=/i.test(queryStart < 0 ? '' : url.slice(queryStart + 1));
}

function badRequest(reason: string): SandboxResponse {
  return htmlPage(400, 'Bad Request', `<h1>400 Bad Request</h1>\n<p id="error">${escapeXml(reason)}</p>`);
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export class FederationService {
  private readonly signinTokens = new Map<string, SigninTokenRecord>();
  private readonly consoleSessions = new Map<string, ConsoleSession>();

  constructor(
    private readonly identities: Identities,
    private readonly now: () => number,
  ) {}

  handle(message: IncomingMessage): { response: SandboxResponse; action: string } {
    const url = message.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart < 0 ? url : url.slice(0, queryStart);
    let query: Record<string, string | string[]>;
    try {
      query = parseQuery(queryStart < 0 ? '' : url.slice(queryStart + 1));
    } catch (error) {
      if (error instanceof MalformedQuery)
        return { action: 'federation malformed query', response: badRequest(error.message) };
      throw error;
    }
    if (path === CONSOLE_PATH) return { action: 'console', response: this.console(query) };
    const action = single(query, 'Action');
    // Never echo the query into the log line: it holds the secret key or a sign-in token.
    if (action === 'getSigninToken') return { action, response: this.getSigninToken(query) };
    if (action === 'login') return { action, response: this.login(query) };
    return { action: 'federation unknown action', response: badRequest('Unknown or missing Action.') };
  }

  private getSigninToken(query: Record<string, string | string[]>): SandboxResponse {
    const raw = single(query, 'Session');
    if (raw === undefined) return badRequest('Missing Session parameter.');
    let session: unknown;
    try {
      session = JSON.parse(raw);
    } catch {
      return badRequest('Session is not valid JSON.');
    }
    if (session === null || typeof session !== 'object' || Array.isArray(session))
      return badRequest('Session must be a JSON object.');
    const { sessionId, sessionKey, sessionToken } = session as Record<string, unknown>;
    if (typeof sessionId !== 'string' || typeof sessionKey !== 'string')
      return badRequest('Session needs sessionId and sessionKey.');
    const now = this.now();

    let duration: number | undefined;
    const rawDuration = single(query, 'SessionDuration');
    if (rawDuration !== undefined) {
      duration = Number(rawDuration);
      if (!/^\d+$/.test(rawDuration) || duration < MIN_SESSION_DURATION || duration > MAX_SESSION_DURATION)
        return badRequest(
          `SessionDuration must be an integer from ${MIN_SESSION_DURATION} to ${MAX_SESSION_DURATION}.`,
        );
    }

    const record = this.identities.credential(sessionId);
    const problem = this.refusal(record, sessionKey, sessionToken, now);
    if (problem !== undefined || record === undefined) return badRequest(problem ?? 'Invalid credentials.');
    if (duration !== undefined && record.chained)
      return badRequest('SessionDuration cannot be used with credentials from role chaining.');

    const expiresAt = record.expiresAt ?? now;
    const token = randomBytes(96).toString('base64url');
    this.signinTokens.set(token, {
      accessKeyId: record.accessKeyId,
      issuedAt: now,
      consoleUntil: duration === undefined ? expiresAt : now + duration * 1000,
    });
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify({ SigninToken: token }),
    };
  }

  /** Why these credentials may not sign in to the console, or undefined when they may. */
  private refusal(
    record: CredentialRecord | undefined,
    sessionKey: string,
    sessionToken: unknown,
    now: number,
  ): string | undefined {
    if (record === undefined) return 'The credentials are not valid.';
    if (!sameSecret(record.secretAccessKey, sessionKey)) return 'The credentials are not valid.';
    if (record.kind === 'long-term')
      return 'Long-term IAM user access keys cannot sign in to the console; use a role session.';
    if (typeof sessionToken !== 'string' || record.sessionToken !== sessionToken)
      return 'The session token is not valid.';
    if (record.kind !== 'role-session')
      return 'Credentials from GetSessionToken cannot sign in to the console; use a role session.';
    if (record.expiresAt === undefined || record.expiresAt <= now) return 'The session has expired.';
    return undefined;
  }

  private login(query: Record<string, string | string[]>): SandboxResponse {
    const token = single(query, 'SigninToken');
    const destination = single(query, 'Destination');
    if (token === undefined || token === '') return badRequest('Missing SigninToken parameter.');
    if (destination === undefined || !/^https?:\/\//i.test(destination) || !URL.canParse(destination))
      return badRequest('Destination must be an absolute http(s) URL.');
    const record = this.signinTokens.get(token);
    // Single use: a token is gone once presented, whether or not it was still good.
    this.signinTokens.delete(token);
    const now = this.now();
    if (record === undefined || now - record.issuedAt > SIGNIN_TOKEN_LIFETIME_MS)
      return badRequest('The sign-in token is invalid, expired or already used.');
    const credential = this.identities.credential(record.accessKeyId);
    if (credential === undefined || (credential.expiresAt ?? 0) <= now)
      return badRequest('The session behind the sign-in token has expired.');
    const sessionId = randomBytes(24).toString('base64url');
    this.consoleSessions.set(sessionId, { arn: credential.principal.arn, until: record.consoleUntil });
    const location =
      `${CONSOLE_PATH}?destination=${encodeURIComponent(destination)}` +
      `&session=${encodeURIComponent(sessionId)}`;
    return {
      status: 302,
      headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    };
  }

  private console(query: Record<string, string | string[]>): SandboxResponse {
    const sessionId = single(query, 'session') ?? '';
    const destination = single(query, 'destination') ?? '';
    const session = this.consoleSessions.get(sessionId);
    if (session === undefined || session.until <= this.now()) {
      this.consoleSessions.delete(sessionId);
      return htmlPage(
        403,
        'Not signed in',
        '<h1>Not signed in</h1>\n<p id="error">The console session is missing or has ended.</p>',
      );
    }
    return htmlPage(
      200,
      'AWS console (sandbox)',
      `<h1>Signed in to the AWS console (sandbox)</h1>\n` +
        `<p>Signed in to the AWS console (sandbox) as <code id="signed-in-as">${escapeXml(session.arn)}</code>, ` +
        `destination <code id="destination">${escapeXml(destination)}</code></p>`,
    );
  }
}
