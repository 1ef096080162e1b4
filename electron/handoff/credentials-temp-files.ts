import { randomBytes } from 'node:crypto';
import { lstat, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processIsGone } from './process-liveness';

// The temp files the credentials-file writer renames over the file: `.<name>.roletray-<pid>-<hex>`
// beside it. One left behind (the writer was killed between writing and renaming it) may hold a
// session's secret key, so each start and each write sweeps them.

/** A temp file older than this is left over even if its pid runs again: a write takes milliseconds. */
export const TEMP_MAX_AGE_MS = 60_000;

export function tempFilePath(target: string): string {
  const name = `${prefixOf(target)}${process.pid}-${randomBytes(6).toString('hex')}`;
  return join(dirname(target), name);
}

/**
 * Removes the temp files beside `target` whose writer is gone or that are older than
 * TEMP_MAX_AGE_MS; returns their paths. Names from before the pid was in them go by age alone.
 */
export async function sweepTempFiles(target: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(target);
  const prefix = prefixOf(target);
  const names = await readdir(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  const removed: string[] = [];
  for (const name of names) {
    const rest = name.startsWith(prefix) ? /^(?:(\d+)-)?[0-9a-f]{12}$/.exec(name.slice(prefix.length)) : null;
    if (!rest) continue;
    const path = join(dir, name);
    const stat = await lstat(path).catch(() => undefined);
    if (!stat?.isFile()) continue;
    const gone = rest[1] !== undefined && processIsGone(Number(rest[1]));
    if (gone || now - stat.mtimeMs > TEMP_MAX_AGE_MS) {
      await rm(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}

const prefixOf = (target: string) => `.${basename(target)}.roletray-`;
