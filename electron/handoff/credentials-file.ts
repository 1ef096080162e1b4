import { chmod, lstat, mkdir, open, readlink, realpath, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { acquireCredentialsLock, tryCredentialsLock, type LockTimes } from './credentials-file-lock';
import { CredentialsFileRefusal } from './credentials-file-refusal';
import { isNotFound, readSettled, replaceIfUnchanged } from './credentials-file-snapshot';
import { decodeCredentialsText } from './credentials-file-text';
import {
  checkSectionName,
  removeCredentialsSection,
  upsert,
  type FileCredentials,
} from './credentials-sections';
import { sweepTempFiles, tempFilePath } from './credentials-temp-files';

// Opt-in hand-off of a session to tools that only read ~/.aws/credentials.
//
// The file is the user's, shared with the AWS CLI, editors and tools like aws-vault: RoleTray owns
// one section at most, recognised by its marker comment, and leaves every other byte alone
// (credentials-sections.ts edits the text; a file that is not UTF-8 is refused, never re-encoded:
// credentials-file-text.ts). Every change is one read-modify-write through a temp file renamed
// over the original:
// - RoleTray writers take turns through a lock file beside it (credentials-file-lock.ts);
// - editors take no lock: the rename happens only while the file is still the one read, and the
//   write starts over otherwise (credentials-file-snapshot.ts, with the gap that remains);
// - temp files a killed writer left, which may hold a secret, are swept (credentials-temp-files.ts);
// - a symlink is written through to its target; one whose target is missing is refused;
// - secrets never go into a file others can read: it is made 0600 first, and the caller told.

export interface CredentialsFileDeps {
  now?: () => number;
  /** Called once the new content is in its temp file, before the last check: tests pause or edit here. */
  afterTempWritten?: (temp: string) => Promise<void> | void;
  lockTimes?: LockTimes;
}

export interface CredentialsWrite {
  /** A sentence for the user about what RoleTray did to the file besides writing its section. */
  notice?: string;
}

/** One read-modify-write, then this many more if the file changed under it. */
const RETRIES = 3;

/** Writes RoleTray's `[section]` into the credentials file at `path`, creating the file if needed. */
export async function writeCredentialsProfile(
  path: string,
  section: string,
  credentials: FileCredentials,
  deps: CredentialsFileDeps = {},
): Promise<CredentialsWrite> {
  const now = deps.now ?? Date.now;
  return rewriteSharedFile(path, KEYS_GO_IN, deps, (text) => upsert(text, section, credentials, now(), path));
}

/** Removes RoleTray's `[section]` from the file at `path`; true when something was removed. */
export async function removeCredentialsProfile(
  path: string,
  section: string,
  deps: CredentialsFileDeps = {},
): Promise<boolean> {
  checkSectionName(section);
  let removed = false;
  await rewriteSharedFile(path, ONLY_REMOVES, deps, (text) => {
    const next = removeCredentialsSection(text, section);
    removed = next !== text;
    return next;
  });
  return removed;
}

/**
 * Removes temp files a killed writer left beside the file at `path` (they may hold a secret key);
 * returns their paths. Skipped while another RoleTray writes: that write sweeps them.
 */
export async function sweepCredentialsTempFiles(path: string): Promise<string[]> {
  const target = await resolveTarget(path, false);
  if (!target || !(await exists(dirname(target)))) return [];
  const lock = tryCredentialsLock(target);
  if (!lock) return [];
  try {
    return await sweepTempFiles(target);
  } finally {
    lock.release();
  }
}

/** What a rewrite may do: create the file (else a missing file is left missing), and whether keys go in. */
export interface RewriteKind {
  creates: boolean;
  /** Keys go in: a file others can read is made 0600 first (and the caller told). */
  secret: boolean;
}
export const KEYS_GO_IN: RewriteKind = { creates: true, secret: true };
export const ONLY_REMOVES: RewriteKind = { creates: false, secret: false };

/**
 * One read-modify-write of a file RoleTray shares with other tools (the credentials file, the
 * config), with every guarantee above; `transform` may throw to change nothing.
 */
export async function rewriteSharedFile(
  path: string,
  kind: RewriteKind,
  deps: CredentialsFileDeps,
  transform: (text: string) => string,
): Promise<CredentialsWrite> {
  const writing = kind.creates;
  const target = await resolveTarget(path, writing);
  if (!target) return {};
  if (writing) await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  // Nothing to remove from a missing file, and no lock file to leave in a missing folder.
  else if (!(await exists(target))) return {};
  const lock = await acquireCredentialsLock(target, path, deps.lockTimes);
  try {
    await sweepTempFiles(target);
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      const seen = await readSettled(target);
      if (!seen && !writing) return {};
      const text = seen ? decodeCredentialsText(seen.bytes, path) : '';
      const next = transform(text);
      const current = seen ? Number(seen.stat.mode & 0o7777n) : undefined;
      const mode = current === undefined || (kind.secret && current & 0o077) ? 0o600 : current;
      const notice = current !== undefined && mode !== current ? tightened(path, current) : undefined;
      const outcome = notice ? { notice } : {};
      if (seen && next === text) {
        if (notice) await chmod(target, mode);
        return outcome;
      }
      const temp = tempFilePath(target);
      try {
        await writeTemp(temp, next, mode);
        await deps.afterTempWritten?.(temp);
        if (!lock.stillHeld()) throw lostLock(path);
        if (replaceIfUnchanged(target, temp, seen)) return outcome;
      } finally {
        // Gone once renamed; otherwise it holds the new content, maybe a secret key.
        await rm(temp, { force: true });
      }
    }
    throw new CredentialsFileRefusal(
      `${path} kept changing while RoleTray was updating it, so RoleTray changed nothing; try again.`,
    );
  } finally {
    lock.release();
  }
}

/** Where to write: through a symlink to its target (dotfiles repos); undefined for nothing to remove. */
async function resolveTarget(path: string, writing: boolean): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const link = await lstat(path).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  if (!link?.isSymbolicLink()) return path;
  if (!writing) return undefined;
  // Replacing the link with a file would cut it loose from where the user keeps the file.
  throw new CredentialsFileRefusal(
    `${path} is a symbolic link to ${await readlink(path)}, which does not exist, so RoleTray ` +
      'changed nothing. Create the file it points to (it may be empty) or remove the link, then try again.',
  );
}

async function writeTemp(temp: string, text: string, mode: number): Promise<void> {
  // 0600 while the content goes in; `wx`: names are random, a clash is not ours to clobber.
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    // Set on the handle, so the umask cannot narrow it.
    await handle.chmod(mode);
    // On disk before the rename: a crash after it leaves the new file whole, never empty.
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error: unknown) => {
      if (isNotFound(error)) return false;
      throw error;
    },
  );
}

function tightened(path: string, mode: number): string {
  const octal = (m: number) => `0${m.toString(8).padStart(3, '0')}`;
  return (
    `${path} was open to other users (mode ${octal(mode)}), so RoleTray made it 0600 ` +
    '(only you can read it) before writing session keys into it.'
  );
}

function lostLock(path: string): CredentialsFileRefusal {
  return new CredentialsFileRefusal(
    `Another RoleTray took over the lock on ${path} as stale, so RoleTray changed nothing; try again.`,
  );
}
