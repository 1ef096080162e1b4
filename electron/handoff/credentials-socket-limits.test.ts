import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createConnection, type Socket } from 'node:net';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../../test-support/handoff-fixtures';
import type { AwsCredentials } from '../core/credentials';
import {
  MAX_CONNECTIONS,
  startCredentialsSocket,
  type CredentialsSocket,
  type CredentialsSocketOptions,
} from './credentials-socket';
import { handoffPaths } from './handoff-paths';

// The credentials socket against clients that misbehave, over the real socket: requests too long,
// requests that never come, more connections than it serves at once. None may keep a descriptor
// of the app's, and closing the socket must not wait for them.

const dir = tempDirPerTest('roletray-socket-limits-');
const SESSION: AwsCredentials = {
  accessKeyId: 'ASIALIMITS',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: Date.UTC(2030, 0, 1),
};

let server: CredentialsSocket | undefined;
const clients: Socket[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  server = undefined;
});

/** Descriptors this process holds: the server's and the test's clients share it. */
const openDescriptors = () => readdirSync('/proc/self/fd').length;

async function serve(options: Partial<CredentialsSocketOptions> = {}) {
  const paths = handoffPaths({
    platform: process.platform,
    env: { ROLETRAY_HANDOFF_DIR: join(dir(), 'run') },
    homeDir: homedir(),
    userName: userInfo().username,
  });
  server = await startCredentialsSocket({ paths, credentials: async () => SESSION, ...options });
  const token = (await readFile(paths.tokenFile, 'utf8')).trim();
  return { socket: paths.socket, token };
}

interface Exchange {
  client: Socket;
  /** What the app answered, once it closed its side. */
  answer: Promise<string>;
}

/** A connection that sends `text` (or nothing) and, like a careless client, never closes its side. */
function connect(socket: string, text?: string): Promise<Exchange> {
  const client = createConnection({ path: socket, allowHalfOpen: true });
  clients.push(client);
  client.setEncoding('utf8');
  let received = '';
  client.on('data', (chunk: string) => (received += chunk));
  client.on('error', () => undefined);
  const answer = new Promise<string>((resolve) => {
    client.once('end', () => resolve(received));
    client.once('close', () => resolve(received));
  });
  return new Promise((resolve, reject) => {
    client.once('connect', () => {
      if (text !== undefined) client.write(text);
      resolve({ client, answer });
    });
    client.once('error', reject);
  });
}

const sentence = (answer: string) =>
  (JSON.parse(answer) as { ok: boolean; error?: { message: string } }).error?.message;

describe('the credentials socket under misbehaving clients', () => {
  it('gives back the descriptor of every refused request: too long, or never sent', async () => {
    const before = openDescriptors();
    const { socket } = await serve({ requestTimeoutMs: 50 });
    // Requests far longer than one read (the app stops reading with data unread), in rounds that
    // together hold more connections than the cap; then requests that never come.
    const refused: Exchange[] = [];
    for (let round = 0; round < 3; round++) {
      const tooLong = await Promise.all(
        Array.from({ length: 30 }, () => connect(socket, 'x'.repeat(256 << 10))),
      );
      await Promise.all(tooLong.map((exchange) => exchange.answer));
      refused.push(...tooLong);
    }
    refused.push(...(await Promise.all(Array.from({ length: 20 }, () => connect(socket)))));
    for (const answer of await Promise.all(refused.map((exchange) => exchange.answer)))
      expect(sentence(answer)).toBe('The request was empty or too long.');
    // The app's side of each is gone while the clients still hold theirs; then only the listener is left.
    await expect.poll(openDescriptors).toBeLessThanOrEqual(before + 1 + clients.length);
    for (const client of clients.splice(0)) client.destroy();
    await expect.poll(openDescriptors).toBe(before + 1);
    await server!.close();
    server = undefined;
    expect(openDescriptors()).toBe(before);
  });

  it(`serves ${MAX_CONNECTIONS} connections at once and refuses the next with a sentence`, async () => {
    const { socket, token } = await serve({ requestTimeoutMs: 60_000 });
    const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => connect(socket)));
    const extra = await connect(socket, `${JSON.stringify({ token, profile: 'prod' })}\n`);
    expect(sentence(await extra.answer)).toBe(
      `RoleTray is already answering ${MAX_CONNECTIONS} requests; try again in a moment.`,
    );
    // One held connection goes: there is room for a request again.
    held[0]!.client.destroy();
    await held[0]!.answer;
    await expect
      .poll(async () => {
        const next = await connect(socket, `${JSON.stringify({ token, profile: 'prod' })}\n`);
        return (JSON.parse(await next.answer) as { ok: boolean }).ok;
      })
      .toBe(true);
  });

  it('closes at once with connections still open, and one still waiting for its session', async () => {
    const before = openDescriptors();
    const { socket, token } = await serve({
      requestTimeoutMs: 60_000,
      credentials: () => new Promise<AwsCredentials>(() => undefined),
    });
    const silent = await Promise.all(Array.from({ length: 5 }, () => connect(socket)));
    const waiting = await connect(socket, `${JSON.stringify({ token, profile: 'prod' })}\n`);
    const closed = server!.close().then(() => 'closed');
    server = undefined;
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still open'), 2_000).unref());
    expect(await Promise.race([closed, timeout])).toBe('closed');
    await Promise.all([...silent, waiting].map((exchange) => exchange.answer));
    for (const client of clients.splice(0)) client.destroy();
    await expect.poll(openDescriptors).toBe(before);
  });
});
