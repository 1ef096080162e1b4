import { constants, readFileSync, renameSync, statSync, type BigIntStats } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

// The credentials file as the writer read it, and the rename that happens only while the file is
// still exactly that. Editors take no lock, so this is what keeps their saves:
//
// - Just before the rename the file is compared with what was read: its bytes, then device, inode,
//   size, mtime, ctime and mode; any difference and the write starts over from the new version.
//   The bytes are compared every time rather than when the metadata looks ambiguous: timestamps
//   are too coarse on many filesystems (2 s on FAT, 1 s on HFS+, a clock tick on older Linux) to
//   show an edit made in the same tick, and the file is a few KB.
// - An editor saving in place truncates the file, then writes it. Read in between, the file is
//   empty or cut short, and a check made in the same gap sees nothing change: the writer would put
//   its section in place of the user's whole file. So a file is read once nothing has touched it
//   for SETTLE_MS (EMPTY_SETTLE_MS for an empty one), waiting at most MAX_SETTLE_MS.
//
// What remains: the last check and the rename are back to back with no await between them, so
// nothing else in this process runs there, but another process can. A save that lands after the
// stat and before the rename takes effect is overwritten. That instant is one system call, plus
// any wait for the CPU between the two: tens of microseconds usually, a millisecond or more on a
// busy machine (measured with two writers and an editor on 2 loaded cores: 4 edits in 10,000 were
// lost at 20 writes a second, where a writer without the checks loses most). Closing it would
// take an atomic compare-and-swap rename (renameat2's RENAME_EXCHANGE, which Node does not offer)
// or editors that honour RoleTray's lock. It is accepted: RoleTray writes when a session starts
// or renews, about once an hour per role, so a save is lost only if it falls within about a
// millisecond of such a write.

const SETTLE_MS = 20;
const EMPTY_SETTLE_MS = 250;
const MAX_SETTLE_MS = 2_000;

/** The file as read: its bytes and the metadata of the very file they came from. */
export interface Snapshot {
  bytes: Buffer;
  stat: BigIntStats;
}

/** The file once it has settled; undefined when there is none. */
export async function readSettled(target: string): Promise<Snapshot | undefined> {
  const started = Date.now();
  for (;;) {
    const seen = await readSnapshot(target);
    if (!seen) return undefined;
    const { ctimeNs, mtimeNs } = seen.stat;
    const changed = Number((ctimeNs > mtimeNs ? ctimeNs : mtimeNs) / 1_000_000n);
    const left = changed + (seen.bytes.length === 0 ? EMPTY_SETTLE_MS : SETTLE_MS) - Date.now();
    const spare = started + MAX_SETTLE_MS - Date.now();
    if (left <= 0 || spare <= 0) return seen;
    await sleep(Math.min(left, spare));
  }
}

/**
 * Renames `temp` over `target` if the file is still the one read (or still missing, if it was);
 * false when it changed, to start over. The stat comes last, the cheapest call, just before the rename.
 */
export function replaceIfUnchanged(target: string, temp: string, seen: Snapshot | undefined): boolean {
  if (seen) {
    if (!orMissing(() => readFileSync(target))?.equals(seen.bytes)) return false;
    const now = orMissing(() => statSync(target, { bigint: true }));
    if (!now || !sameFile(seen.stat, now)) return false;
  } else if (orMissing(() => statSync(target))) {
    return false;
  }
  renameSync(temp, target);
  return true;
}

async function readSnapshot(target: string): Promise<Snapshot | undefined> {
  let handle;
  try {
    // Non-blocking: a FIFO in the file's place must not hang the writer.
    handle = await open(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  try {
    // From the open file: the metadata of the bytes read, even if the name moves meanwhile.
    const stat = await handle.stat({ bigint: true });
    if (!stat.isFile()) throw new Error('it is not a regular file');
    return { bytes: await handle.readFile(), stat };
  } finally {
    await handle.close();
  }
}

function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return (
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs &&
    a.mode === b.mode
  );
}

function orMissing<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
