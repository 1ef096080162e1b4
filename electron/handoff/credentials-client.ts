import { readFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import type { CredentialProcessOutput } from './credential-process';
import type { HandoffPaths } from './handoff-paths';
import type { HandoffResponse, HandoffWaiting } from './credentials-socket';

// The helper's side of the credentials socket: read the token, send one request, wait for the
// answer line. While the app waits (the user may be typing an MFA code into its dialog) it may
// say so first, in a line the helper hands to `onWaiting`; past `timeoutMs` the helper gives up.

export class HandoffError extends Error {}

const NOT_RUNNING = 'RoleTray is not running. Start RoleTray, then run the command again.';
/** Longer than the app waits for an MFA code (5 minutes), so the app's own sentence comes first. */
export const HELPER_TIMEOUT_MS = 6 * 60_000;

export interface RequestOptions {
  onWaiting?: (sentence: string) => void;
  timeoutMs?: number;
}

export async function requestCredentials(
  paths: HandoffPaths,
  profile: string,
  { onWaiting = () => undefined, timeoutMs = HELPER_TIMEOUT_MS }: RequestOptions = {},
): Promise<CredentialProcessOutput> {
  const token = await readFile(paths.tokenFile, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new HandoffError(NOT_RUNNING);
      throw new HandoffError(`roletray-credentials cannot read ${paths.tokenFile}: ${error.message}`);
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const socket = createConnection(paths.socket);
    let received = '';
    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write(`${JSON.stringify({ token, profile })}\n`));
    const timer = setTimeout(() => {
      socket.destroy();
      const minutes = Math.round(timeoutMs / 60_000);
      reject(
        new HandoffError(
          `gave up after ${minutes >= 1 ? `${minutes} minutes` : `${Math.round(timeoutMs / 1000)} seconds`} without an answer from RoleTray; look at its window, then run the command again.`,
        ),
      );
    }, timeoutMs);
    socket.on('data', (chunk: string) => {
      received += chunk;
      // Every complete line before the answer says what the app waits for.
      for (let end = received.indexOf('\n'); end !== -1; end = received.indexOf('\n')) {
        const line = received.slice(0, end);
        const waiting = parseWaiting(line);
        if (!waiting) break;
        onWaiting(waiting.waiting);
        received = received.slice(end + 1);
      }
    });
    socket.once('end', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const gone = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      reject(
        new HandoffError(gone ? NOT_RUNNING : `roletray-credentials cannot reach RoleTray: ${error.message}`),
      );
    });
  });
  let response: HandoffResponse;
  try {
    response = JSON.parse(line) as HandoffResponse;
  } catch {
    throw new HandoffError(
      'RoleTray closed the connection without an answer; see its window for what happened.',
    );
  }
  if (!response.ok) throw new HandoffError(response.error.message);
  return response.credentials;
}

function parseWaiting(line: string): HandoffWaiting | undefined {
  try {
    const value = JSON.parse(line) as Partial<HandoffWaiting>;
    return typeof value.waiting === 'string' ? { waiting: value.waiting } : undefined;
  } catch {
    return undefined;
  }
}
