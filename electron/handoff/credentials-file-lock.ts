import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { CredentialsFileRefusal } from './credentials-file-refusal';
import { processIsGone } from './process-liveness';

// One RoleTray writer at a time per credentials file: `<file>.roletray.lock` beside it, created
// with O_EXCL and holding who took it (pid, host, when, a random token). Editors and the AWS CLI
// take no lock; the writer re-checks the file itself before it renames (credentials-file.ts).
//
// A lock is stale, and broken, when its holder's process is gone (same host only: a pid means
// nothing elsewhere), when it is older than `staleMs` (a write takes milliseconds; an older one is
// hung, or its pid was reused), or when it stayed unwritten for a second (killed between create
// and write). Two processes breaking the same stale lock could each take the lock; the holder
// checks `stillHeld()` just before its rename, so at most one of them goes on.

export interface LockTimes {
  /** How long to wait for another live writer before giving up with a sentence. */
  waitMs: number;
  /** A lock older than this is broken whoever holds it. */
  staleMs: number;
}

export const LOCK_TIMES: LockTimes = { waitMs: 5_000, staleMs: 10_000 };

/** A lock file created but not yet written for this long was left by a killed process. */
const UNWRITTEN_MS = 1_000;

export interface CredentialsLock {
  /** Whether the lock file still holds this lock's token (not broken as stale by someone else). */
  stillHeld(): boolean;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: number;
}

type Attempt = { lock: CredentialsLock } | { busy: Holder | undefined };

export const lockPathOf = (target: string) => `${target}.roletray.lock`;

/** Takes the lock for `target`, waiting up to `times.waitMs` for a live holder; `file` names it to the user. */
export async function acquireCredentialsLock(
  target: string,
  file: string,
  times: LockTimes = LOCK_TIMES,
): Promise<CredentialsLock> {
  const started = Date.now();
  for (;;) {
    const attempt = tryLockOnce(target, times.staleMs);
    if ('lock' in attempt) return attempt.lock;
    const waited = Date.now() - started;
    if (waited >= times.waitMs) throw busy(file, attempt.busy, waited);
    await sleep(10 + Math.random() * 20);
  }
}

/** The lock if no live writer holds it, else undefined: for work that can wait for the next write. */
export function tryCredentialsLock(
  target: string,
  staleMs = LOCK_TIMES.staleMs,
): CredentialsLock | undefined {
  const attempt = tryLockOnce(target, staleMs);
  return 'lock' in attempt ? attempt.lock : undefined;
}

function tryLockOnce(target: string, staleMs: number): Attempt {
  const path = lockPathOf(target);
  // A few times at once: a lock that vanished or was broken as stale is worth trying again now.
  for (let round = 0; round < 3; round++) {
    const token = JSON.stringify({
      pid: process.pid,
      host: hostname(),
      since: Date.now(),
      token: randomBytes(8).toString('hex'),
    });
    try {
      writeFileSync(path, token, { flag: 'wx', mode: 0o600 });
      return { lock: heldLock(path, token) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readLock(path);
    if (seen === undefined) continue;
    const holder = parseHolder(seen.raw);
    if (!isStale(holder, seen.mtimeMs, staleMs)) return { busy: holder };
    // Only the lock judged stale: one another process took meanwhile has other content.
    if (readLock(path)?.raw === seen.raw) unlinkQuietly(path);
  }
  return { busy: undefined };
}

function heldLock(path: string, token: string): CredentialsLock {
  const stillHeld = () => readLock(path)?.raw === token;
  return {
    stillHeld,
    release: () => {
      if (stillHeld()) unlinkQuietly(path);
    },
  };
}

function readLock(path: string): { raw: string; mtimeMs: number } | undefined {
  try {
    const { mtimeMs } = statSync(path);
    return { raw: readFileSync(path, 'utf8'), mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(raw: string): Holder | undefined {
  try {
    const { pid, host, since } = JSON.parse(raw) as Partial<Holder>;
    if (typeof pid === 'number' && typeof host === 'string' && typeof since === 'number') {
      return { pid, host, since };
    }
  } catch {
    // Not (yet) written: judged by its age below.
  }
  return undefined;
}

function isStale(holder: Holder | undefined, mtimeMs: number, staleMs: number): boolean {
  const now = Date.now();
  if (!holder) return now - mtimeMs > UNWRITTEN_MS;
  if (Math.abs(now - holder.since) > staleMs) return true;
  return holder.host === hostname() && processIsGone(holder.pid);
}

function busy(file: string, holder: Holder | undefined, waitedMs: number): CredentialsFileRefusal {
  const who = holder ? `Another RoleTray (process ${holder.pid})` : 'Another RoleTray';
  const waited = Number((waitedMs / 1000).toFixed(1));
  return new CredentialsFileRefusal(
    `${who} is updating ${file}; RoleTray waited ${waited} s for it and changed nothing. Try again in a moment.`,
  );
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
