import type { RoleTrayErrorInfo } from '../../../shared/errors';
import { isRoleTrayError, RoleTrayError } from '../errors';

// What went wrong with one object of a download, in words: a reason to skip it and carry on, or a
// failure that ends the download.

const SKIPPED_NAMED = 5;
/** Skipped objects remembered by name (the rest are only counted), so a denied folder costs no memory. */
const SKIPPED_KEPT = 100;

/** The objects of a folder download S3 would not hand over: named in the last event, never skipped in silence. */
export class SkippedObjects {
  private readonly kept: { key: string; reason: string; error: RoleTrayErrorInfo }[] = [];
  count = 0;

  /** Counts the object as skipped when `error` is about it alone; false when it ends the download. */
  skip(key: string, error: unknown): boolean {
    const reason = skipReason(error);
    if (!reason) return false;
    const info = isRoleTrayError(error) ? error.info : { kind: 'Internal' as const, message: reason };
    this.count += 1;
    if (this.kept.length < SKIPPED_KEPT) this.kept.push({ key, reason, error: info });
    return true;
  }

  /** The first skipped object's error, its message naming the first few by their path in `prefix`. */
  report(prefix: string, saved: string): RoleTrayErrorInfo {
    const skipped = [...this.kept].sort((a, b) => (a.key < b.key ? -1 : 1)); // finished in any order
    const named = skipped
      .slice(0, SKIPPED_NAMED)
      .map(({ key, reason }) => `${key.slice(prefix.length)} (${reason})`)
      .join(', ');
    const more = this.count > SKIPPED_NAMED ? ` and ${this.count - SKIPPED_NAMED} more` : '';
    return { ...skipped[0]!.error, message: `${saved} Not saved: ${named}${more}.` };
  }
}

/** Why S3 would not hand over one object of a folder, in a few words; undefined if not about one object. */
function skipReason(error: unknown): string | undefined {
  if (isRoleTrayError(error)) {
    if (error.kind === 'AccessDenied') return 'access denied';
    if (error.info.awsCode === 'InvalidObjectState') return 'archived; restore it first';
    if (error.info.awsCode === 'NoSuchKey' || error.info.awsCode === 'NotFound') return 'deleted meanwhile';
    return undefined;
  }
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR'
    ? 'a folder has the same name'
    : undefined;
}

/** A local write failure as a sentence (network failures mid-body keep their own words). */
export function writeError(error: unknown, path: string): unknown {
  if (isRoleTrayError(error)) return error;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (syscall && code) return new RoleTrayError('Internal', `RoleTray could not write ${path} (${code}).`);
  if (code) return new RoleTrayError('Network', `The download was cut off (${code}); try again.`);
  return error;
}
