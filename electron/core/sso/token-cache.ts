import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatTokenFile, parseTokenFile, type SsoToken } from './token-cache-file';

// Reading, writing and removing one token file of the AWS CLI's SSO cache
// (token-cache-file.ts says which file and what it holds), shared with `aws sso login`,
// `aws sso logout` and botocore's refresh. A reader sees the old file or the new one, never part
// of one: each write is a temp file (0600, synced) in the same folder renamed over the file, as
// botocore's JSONFileCache.__setitem__ writes it; the folder is made 0700 when missing.

export type TokenRead =
  | { status: 'found'; token: SsoToken }
  | { status: 'missing' }
  /** A file that is there but holds no token RoleTray can use: `problem` is a sentence naming it. */
  | { status: 'unreadable'; problem: string };

/** The file functions used; node:fs/promises by default (tests pass their own). */
export interface TokenCacheFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
  open(path: string, flags: string, mode: number): Promise<TokenFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}
export interface TokenFileHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeTokenCacheFs: TokenCacheFs = {
  readFile: (path, encoding) => fsPromises.readFile(path, encoding),
  mkdir: (path, options) => fsPromises.mkdir(path, options),
  open: (path, flags, mode) => fsPromises.open(path, flags, mode),
  rename: (from, to) => fsPromises.rename(from, to),
  unlink: (path) => fsPromises.unlink(path),
};

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** The token in `file` (tokenCachePath), or that there is none. */
export async function readSsoToken(file: string, fs: TokenCacheFs = nodeTokenCacheFs): Promise<TokenRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return { status: 'missing' };
    if (code(error) === 'EISDIR')
      return { status: 'unreadable', problem: `${file} is a folder, not a token file.` };
    throw error;
  }
  const parsed = parseTokenFile(text, file);
  return 'problem' in parsed
    ? { status: 'unreadable', problem: parsed.problem }
    : { status: 'found', token: parsed };
}

/** The temp files this writer makes beside `file`: hidden, RoleTray's, `.tmp` as botocore's are. */
export const isTokenTempFile = (name: string) => /^\.roletray-.*\.tmp$/.test(name);

/**
 * Writes `token` to `file` atomically, 0600, keeping the keys in `token.extra`; the folder is
 * created 0700 when missing (an existing one is left as it is, as the CLI leaves it).
 */
export async function writeSsoToken(
  file: string,
  token: SsoToken,
  fs: TokenCacheFs = nodeTokenCacheFs,
): Promise<void> {
  const dir = dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.roletray-${basename(file)}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  // wx: a fresh file of our own; 0600 from the start, so the token is never readable by others.
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(formatTokenFile(token), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Removes the token file (signing out, as `aws sso logout` does); resolves whether there was one. */
export async function removeSsoToken(file: string, fs: TokenCacheFs = nodeTokenCacheFs): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (error) {
    if (code(error) === 'ENOENT') return false;
    throw error;
  }
}
