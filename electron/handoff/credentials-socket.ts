import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { RoleTrayErrorInfo } from '../../shared/errors';
import type { AwsCredentials } from '../core/credentials';
import { isRoleTrayError } from '../core/errors';
import { sameSecret } from '../core/secret-compare';
import { credentialProcessOutput, type CredentialProcessOutput } from './credential-process';
import type { HandoffPaths } from './handoff-paths';

// The app's side of `roletray-credentials`: a local socket (mode 0600 in a 0700 folder, or a named
// pipe) that answers one request per connection with a profile's session in credential_process
// form. The caller must send the token from the token file, rewritten at every start, so a process
// that can reach the socket but not read the user's files gets nothing. A request waits while the
// app asks for an MFA code in its own dialog; what the code unlocked is cached, so back-to-back
// CLI calls never ask twice.

/** One line of JSON each way. */
export interface HandoffRequest {
  token: string;
  profile: string;
}
export type HandoffResponse =
  { ok: true; credentials: CredentialProcessOutput } | { ok: false; error: RoleTrayErrorInfo };
/** Sent before the answer when it takes a while (an MFA code is awaited): the helper tells the terminal. */
export interface HandoffWaiting {
  waiting: string;
}

/** How long an answer may take before the helper is told what it waits for. */
const WAITING_AFTER_MS = 1000;

const MAX_REQUEST_BYTES = 4096;
/** A connection that sends no request line in this long is closed (the answer itself may wait). */
const REQUEST_TIMEOUT_MS = 10_000;
/** Each connection holds a descriptor while it waits (for a line, or an MFA code): more are refused. */
export const MAX_CONNECTIONS = 32;
const PROFILE_PATTERN = /^[^\s[\]]{1,128}$/;

export interface CredentialsSocketOptions {
  paths: HandoffPaths;
  /** The profile's current credentials; may assume the role and prompt for MFA. */
  credentials: (profile: string) => Promise<AwsCredentials>;
  platform?: NodeJS.Platform;
  /** How long a connection may take to send its request line; REQUEST_TIMEOUT_MS by default. */
  requestTimeoutMs?: number;
  /** What a slow answer waits for, in a sentence (the MFA prompt that is open, if any). */
  waitingFor?: (profile: string) => string;
  log?: (message: string) => void;
}

export interface CredentialsSocket {
  socket: string;
  close(): Promise<void>;
}

export async function startCredentialsSocket(options: CredentialsSocketOptions): Promise<CredentialsSocket> {
  const { paths, log = () => undefined } = options;
  const windows = (options.platform ?? process.platform) === 'win32';
  await privateDir(paths.dir);
  // Before the token: a second app must fail without spoiling the running one's token file.
  if (!windows) await clearStaleSocket(paths.socket);
  const token = randomBytes(32).toString('hex');
  await writeFile(paths.tokenFile, `${token}\n`, { mode: 0o600 });
  await chmod(paths.tokenFile, 0o600);

  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const open = new Set<Socket>();
  const server = createServer((connection) => {
    // A peer gone mid-answer (EPIPE...) only ends its own connection, never main.
    connection.on('error', () => undefined);
    const full = open.size >= MAX_CONNECTIONS;
    open.add(connection);
    connection.once('close', () => open.delete(connection));
    if (full) {
      log(`credentials socket: refused a connection: ${MAX_CONNECTIONS} are open`);
      const busy = `RoleTray is already answering ${MAX_CONNECTIONS} requests; try again in a moment.`;
      return reply(connection, refuse('Internal', busy));
    }
    const { waitingFor = (profile: string) => waitingSentence(profile, []) } = options;
    // A slow answer is announced first, so the terminal says what the helper waits for.
    const credentials = (profile: string) => {
      const got = options.credentials(profile);
      const timer = setTimeout(() => {
        const waiting: HandoffWaiting = { waiting: waitingFor(profile) };
        if (!connection.destroyed) connection.write(`${JSON.stringify(waiting)}\n`);
      }, WAITING_AFTER_MS);
      timer.unref();
      return got.finally(() => clearTimeout(timer));
    };
    void serve(connection, { token, credentials, requestTimeoutMs, log });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(paths.socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (!windows) await chmod(paths.socket, 0o600);
  // After listening, an accept error (EMFILE...) is logged, never an uncaught exception in main.
  server.on('error', (error) => log(`credentials socket: ${error.message}`));
  return {
    socket: paths.socket,
    close: async () => {
      const closed = closeServer(server);
      // The server closes once its connections have: those still waiting are cut off.
      for (const connection of open) connection.destroy();
      await closed;
      await rm(paths.tokenFile, { force: true });
    },
  };
}

/** The folder must be this user's alone: created 0700, and an existing one tightened to 0700. */
async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory())
    throw new Error(`${dir} is not a folder, so RoleTray cannot keep its socket there.`);
  if (process.getuid && info.uid !== process.getuid()) {
    throw new Error(`${dir} belongs to another user, so RoleTray will not put its credentials socket there.`);
  }
  await chmod(dir, 0o700);
}

/** A socket file left by a crash is removed; one that answers means another RoleTray is running. */
async function clearStaleSocket(path: string): Promise<void> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) return;
  const alive = await new Promise<boolean>((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (alive) throw new Error(`Another RoleTray is already serving credentials on ${path}.`);
  await rm(path, { force: true });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function parseRequest(line: string): HandoffRequest | undefined {
  try {
    const value = JSON.parse(line) as Partial<HandoffRequest>;
    if (typeof value.token !== 'string' || typeof value.profile !== 'string') return undefined;
    return { token: value.token, profile: value.profile };
  } catch {
    return undefined;
  }
}

async function answer(
  line: string,
  token: string,
  credentials: CredentialsSocketOptions['credentials'],
): Promise<HandoffResponse> {
  const request = parseRequest(line);
  if (!request)
    return refuse('Validation', 'RoleTray did not understand the request from roletray-credentials.');
  if (!sameSecret(request.token, token)) {
    return refuse(
      'InvalidCredentials',
      'The token roletray-credentials sent is not the running app’s; is another RoleTray running?',
    );
  }
  if (!PROFILE_PATTERN.test(request.profile)) {
    return refuse('Validation', `“${request.profile.slice(0, 64)}” is not a profile name.`);
  }
  try {
    return { ok: true, credentials: credentialProcessOutput(await credentials(request.profile)) };
  } catch (error) {
    if (isRoleTrayError(error)) return { ok: false, error: error.info };
    return refuse('Internal', `RoleTray could not get credentials for ${request.profile}.`);
  }
}

/** What a helper waits for, for its terminal: the open MFA prompts' devices, if any. */
export function waitingSentence(profile: string, prompts: readonly { serial: string }[]): string {
  const devices = [...new Set(prompts.map((prompt) => prompt.serial))];
  return devices.length > 0
    ? `waiting for the MFA code of ${devices.join(' or ')} in RoleTray's window (for ${profile}).`
    : `waiting for RoleTray to get the credentials of ${profile}.`;
}

const refuse = (kind: RoleTrayErrorInfo['kind'], message: string): HandoffResponse => ({
  ok: false,
  error: { kind, message },
});

interface Serving {
  token: string;
  credentials: CredentialsSocketOptions['credentials'];
  requestTimeoutMs: number;
  log: (message: string) => void;
}

/** Answers and lets go: once the line is flushed the descriptor is freed, whatever the peer does. */
function reply(connection: Socket, response: HandoffResponse): void {
  if (!connection.destroyed) connection.end(`${JSON.stringify(response)}\n`, () => connection.destroy());
}

async function serve(
  connection: Socket,
  { token, credentials, requestTimeoutMs, log }: Serving,
): Promise<void> {
  connection.setEncoding('utf8');
  let buffered = '';
  const line = await new Promise<string | undefined>((resolve) => {
    const finish = (value: string | undefined) => {
      clearTimeout(timer);
      connection.removeAllListeners('data');
      // Nothing more is read (a paused socket never sees its peer's end: reply destroys it).
      connection.pause();
      resolve(value);
    };
    const timer = setTimeout(() => finish(undefined), requestTimeoutMs);
    timer.unref();
    connection.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end !== -1) finish(buffered.slice(0, end));
      else if (buffered.length > MAX_REQUEST_BYTES) finish(undefined);
    });
    connection.once('end', () => finish(buffered || undefined));
    connection.once('error', () => finish(undefined));
  });
  const response =
    line === undefined
      ? refuse('Validation', 'The request was empty or too long.')
      : await answer(line, token, credentials);
  if (!response.ok) log(`credentials socket: refused: ${response.error.message}`);
  reply(connection, response);
}
