import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  checkSectionName,
  removeCredentialsSection,
  upsert,
  type FileCredentials,
} from './credentials-sections';

// Opt-in hand-off of a session to tools that only read ~/.aws/credentials.
//
// The file is the user's: RoleTray owns one section at most, recognised by its marker comment, and
// leaves every other byte alone (credentials-sections.ts edits the text). Every change is one
// read-modify-write through a temp file renamed over the original, started over when someone else
// saved meanwhile.

/** The fs calls used here; node:fs/promises by default, a double in tests. */
export interface CredentialsFs {
  readFile(path: string): Promise<string>;
  /** Must fail if `path` exists (flag `wx`): temp names are random, a clash is not ours to clobber. */
  writeFile(path: string, data: string, mode: number): Promise<void>;
  stat(path: string): Promise<{ mode: number; mtimeMs: number; size: number }>;
  chmod(path: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  realpath(path: string): Promise<string>;
  mkdir(path: string, mode: number): Promise<void>;
  unlink(path: string): Promise<void>;
}

export interface CredentialsFileDeps {
  fs?: CredentialsFs;
  now?: () => number;
}

export const nodeCredentialsFs: CredentialsFs = {
  readFile: (path) => nodeFs.readFile(path, 'utf8'),
  writeFile: (path, data, mode) => nodeFs.writeFile(path, data, { mode, flag: 'wx' }),
  stat: (path) => nodeFs.stat(path),
  chmod: (path, mode) => nodeFs.chmod(path, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  realpath: (path) => nodeFs.realpath(path),
  mkdir: async (path, mode) => {
    await nodeFs.mkdir(path, { recursive: true, mode });
  },
  unlink: (path) => nodeFs.unlink(path),
};

/** One read-modify-write, then this many more if the file changed under it. */
const RETRIES = 3;

/** Writes RoleTray's `[section]` into the credentials file at `path`, creating the file if needed. */
export async function writeCredentialsProfile(
  path: string,
  section: string,
  credentials: FileCredentials,
  deps: CredentialsFileDeps = {},
): Promise<void> {
  const now = deps.now ?? Date.now;
  await rewrite(path, deps.fs ?? nodeCredentialsFs, true, (text) =>
    upsert(text, section, credentials, now(), path),
  );
}

/** Removes RoleTray's `[section]` from the file at `path`; true when something was removed. */
export async function removeCredentialsProfile(
  path: string,
  section: string,
  deps: CredentialsFileDeps = {},
): Promise<boolean> {
  checkSectionName(section);
  let removed = false;
  await rewrite(path, deps.fs ?? nodeCredentialsFs, false, (text) => {
    const next = removeCredentialsSection(text, section);
    removed = next !== text;
    return next;
  });
  return removed;
}

async function rewrite(
  path: string,
  fs: CredentialsFs,
  createIfMissing: boolean,
  transform: (text: string) => string,
): Promise<void> {
  // Write through a symlink (dotfiles repos): replacing the link with a file would cut it loose.
  const target = await fs.realpath(path).catch((error: unknown) => {
    if (isNotFound(error)) return path;
    throw error;
  });
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    const before = await statOrMissing(fs, target);
    if (!before && !createIfMissing) return;
    const text = before ? await readOrEmpty(fs, target) : '';
    const next = transform(text);
    if (next === text && before) return;

    const mode = before ? before.mode & 0o7777 : 0o600;
    if (!before) await fs.mkdir(dirname(target), 0o700);
    const temp = join(dirname(target), `.${basename(target)}.roletray-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(temp, next, mode);
    try {
      // The umask may have narrowed the mode given at creation.
      await fs.chmod(temp, mode);
      // Someone else (an editor, `aws configure`) saved meanwhile: start over from their version.
      const now = await statOrMissing(fs, target);
      if (!sameFile(before, now)) {
        await fs.unlink(temp);
        continue;
      }
      await fs.rename(temp, target);
      return;
    } catch (error) {
      await fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }
  throw new Error(`${path} kept changing while RoleTray was updating it; try again.`);
}

type Stat = Awaited<ReturnType<CredentialsFs['stat']>>;

async function statOrMissing(fs: CredentialsFs, path: string): Promise<Stat | undefined> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function readOrEmpty(fs: CredentialsFs, path: string): Promise<string> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    // Deleted between stat and read: the re-check before rename sees it and retries.
    if (isNotFound(error)) return '';
    throw error;
  }
}

function sameFile(a: Stat | undefined, b: Stat | undefined): boolean {
  if (!a || !b) return a === b;
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
