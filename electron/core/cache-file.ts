import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// One JSON file in a cache folder the AWS CLI shares with RoleTray (~/.aws/cli/cache for assumed
// roles, ~/.aws/sso/cache for sign-in tokens), written as botocore's JSONFileCache writes it: the
// folder 0700 when missing, the file 0600 from its first byte. A reader sees the old file or the
// new one, never part of one: a temp file in the same folder, synced, then renamed over the file.

/** The file functions used; node:fs/promises by default (tests pass their own). */
export interface CacheFileFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
  open(path: string, flags: string, mode: number): Promise<CacheFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}
export interface CacheFileHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeCacheFileFs: CacheFileFs = {
  readFile: (path, encoding) => fsPromises.readFile(path, encoding),
  mkdir: (path, options) => fsPromises.mkdir(path, options),
  open: (path, flags, mode) => fsPromises.open(path, flags, mode),
  rename: (from, to) => fsPromises.rename(from, to),
  unlink: (path) => fsPromises.unlink(path),
};

/** The temp files writeCacheFile makes: hidden, RoleTray's, `.tmp` as botocore's are. */
export const isCacheTempFile = (name: string) => /^\.roletray-.*\.tmp$/.test(name);

/** Writes `text` to `file` atomically and 0600, creating its folder 0700 when missing. */
export async function writeCacheFile(
  file: string,
  text: string,
  fs: CacheFileFs = nodeCacheFileFs,
): Promise<void> {
  const dir = dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.roletray-${basename(file)}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  // wx: a fresh file of our own; 0600 from the start, so a secret in it is never readable by others.
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      // On disk before the rename: a crash after it leaves the new file whole, never empty.
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
