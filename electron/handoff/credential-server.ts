import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RoleTrayErrorInfo } from '../../shared/errors';
import type { AwsCredentials } from '../core/credentials';
import { isRoleTrayError } from '../core/errors';
import { noSuchProfile } from '../core/profiles/profile-directory';
import { sameSecret } from '../core/secret-compare';

// A local credential server for SDKs in any language: the container-credentials protocol
// (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN) on 127.0.0.1, one path
// per role. Unlike a server that can only fail when a code is needed, it starts the assume, so the
// tray's MFA dialog asks, and answers "not yet" within the SDKs' one-to-two-second timeout; their
// own retries then pick up the session once the user has typed the code. Only requests addressed
// to 127.0.0.1:<port> or localhost:<port> are answered (what SDKs send for the URI): a web page that
// rebinds its own name to 127.0.0.1 still sends its name as Host, and is refused before the token.

export interface CredentialServerOptions {
  /** The profile's session; may assume the role and prompt for MFA. */
  credentials: (profile: string) => Promise<AwsCredentials>;
  /** Whether RoleTray knows the profile (404 otherwise, before any assume). */
  knows: (profile: string) => boolean;
  /** What a request answered "not yet" waits for, when not an MFA code (an Identity Center sign-in). */
  waitingFor?: (profile: string) => string | undefined;
  /** How long a request may wait for an assume before answering 503 (SDKs time out at 1–2 s). */
  answerWithinMs?: number;
  port?: number;
  log?: (message: string) => void;
}

export interface CredentialServer {
  port: number;
  /** The AWS_CONTAINER_CREDENTIALS_FULL_URI for a profile. */
  uriFor(profile: string): string;
  /** What a shell needs to use the server for a profile (nothing that would override it). */
  envFor(profile: string, region?: string, endpoint?: string): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Variables that would win over the container provider in every SDK's chain, so a shell drops them
 * (the shared files' [default] would too: the terminal gets AWS files of its own).
 */
export const OVERRIDING_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
] as const;

const DEFAULT_ANSWER_WITHIN_MS = 800;
const ROLE_PATH = /^\/role\/([^/?#]+)$/;

export async function startCredentialServer(options: CredentialServerOptions): Promise<CredentialServer> {
  const token = randomBytes(32).toString('base64url');
  const answerWithin = options.answerWithinMs ?? DEFAULT_ANSWER_WITHIN_MS;
  const log = options.log ?? (() => undefined);
  /** Assumes still running after their request was answered "not yet": the next request joins them. */
  const pending = new Map<string, Promise<AwsCredentials>>();

  function assume(profile: string): Promise<AwsCredentials> {
    const running = pending.get(profile);
    if (running) return running;
    const started = options.credentials(profile);
    pending.set(profile, started);
    const forget = () => {
      if (pending.get(profile) === started) pending.delete(profile);
    };
    started.then(forget, forget);
    return started;
  }

  /** Set once listening, before any request arrives. */
  let port = 0;
  const ownHost = (host: string | undefined) =>
    host !== undefined && [`127.0.0.1:${port}`, `localhost:${port}`].includes(host.toLowerCase());

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!ownHost(request.headers.host)) {
      return reply(
        response,
        403,
        failure('AccessDenied', `RoleTray answers requests for 127.0.0.1:${port} or localhost:${port} only.`),
      );
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = ROLE_PATH.exec(url.pathname);
    if (request.method !== 'GET' || !match) {
      return reply(
        response,
        404,
        failure('Validation', 'RoleTray serves credentials at /role/<profile> only.'),
      );
    }
    const given = request.headers.authorization ?? '';
    if (!sameSecret(given, token)) {
      return reply(
        response,
        401,
        failure('InvalidCredentials', 'The authorization token is not this RoleTray’s.'),
      );
    }
    const profile = decodeURIComponent(match[1]!);
    if (!options.knows(profile)) {
      return reply(response, 404, failure('ConfigError', noSuchProfile(profile).message));
    }
    const assuming = assume(profile);
    const outcome = await Promise.race([
      assuming.then(
        (credentials) => ({ credentials }),
        (error: unknown) => ({ error }),
      ),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), answerWithin).unref()),
    ]);
    if (!outcome) {
      const signingIn = options.waitingFor?.(profile);
      return reply(
        response,
        503,
        signingIn
          ? failure('SignInRequired', `RoleTray is ${signingIn}`)
          : failure(
              'MfaRequired',
              `RoleTray is getting a session for ${profile}: enter the MFA code in its dialog.`,
            ),
      );
    }
    if ('error' in outcome) {
      const info = isRoleTrayError(outcome.error)
        ? outcome.error.info
        : { kind: 'Internal' as const, message: `RoleTray could not get credentials for ${profile}.` };
      log(`credential server: ${profile}: ${info.message}`);
      return reply(response, info.kind === 'AccessDenied' ? 403 : 500, failure(info.kind, info.message));
    }
    const { credentials } = outcome;
    if (!credentials.sessionToken || credentials.expiration === undefined) {
      // boto3 and the JS SDK read Token and Expiration unconditionally: keys cannot be served.
      return reply(
        response,
        400,
        failure('Validation', `${profile} holds long-term keys; serve a role instead.`),
      );
    }
    return reply(response, 200, {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      Token: credentials.sessionToken,
      Expiration: new Date(credentials.expiration).toISOString(),
    });
  }

  // A request without Host gets the 403 below too, rather than Node's bare 400.
  const server = createServer({ requireHostHeader: false }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`credential server: ${String(error)}`);
      if (!response.headersSent)
        reply(response, 500, failure('Internal', 'RoleTray’s credential server failed.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // After listening, an accept error (EMFILE...) is logged, never an uncaught exception in main.
  server.on('error', (error) => log(`credential server: ${error.message}`));
  port = (server.address() as AddressInfo).port;
  const uriFor = (profile: string) => `http://127.0.0.1:${port}/role/${encodeURIComponent(profile)}`;
  return {
    port,
    uriFor,
    envFor: (profile, region, endpoint) => ({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: uriFor(profile),
      AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
      ...(region ? { AWS_REGION: region, AWS_DEFAULT_REGION: region } : {}),
      ...(endpoint ? { AWS_ENDPOINT_URL: endpoint } : {}),
      ROLETRAY_PROFILE: profile,
    }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The error body SDKs log: AWS's `Code`/`Message` shape. */
const failure = (kind: RoleTrayErrorInfo['kind'], message: string) => ({ Code: kind, Message: message });

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
