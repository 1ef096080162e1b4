import { readFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import type { CredentialProcessOutput } from './credential-process';
import type { HandoffPaths } from './handoff-paths';
import type { HandoffResponse } from './credentials-socket';

// The helper's side of the credentials socket: read the token, send one request, wait for one line.
// It waits as long as the app does: the user may be typing an MFA code into the app's dialog.

export class HandoffError extends Error {}

const NOT_RUNNING = 'RoleTray is not running. Start RoleTray, then run the command again.';

export async function requestCredentials(
  paths: HandoffPaths,
  profile: string,
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
    socket.on('data', (chunk: string) => (received += chunk));
    socket.once('end', () => resolve(received));
    socket.once('error', (error: NodeJS.ErrnoException) => {
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
