import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';

// Where downloaded objects land. S3 keys are not file names: a key may hold "..", empty segments or
// backslashes, so every name taken from a key is checked before anything is written, and a key that
// would land outside the chosen folder is refused rather than silently skipped or "cleaned".

const UNSAFE_CHARACTERS = /[\\\0]/;

/** Why `segment` cannot be one path component, or undefined when it can. */
function unsafeSegment(segment: string): string | undefined {
  if (segment === '') return 'it has an empty path segment (//)';
  if (segment === '.' || segment === '..') return `it has a "${segment}" path segment`;
  if (UNSAFE_CHARACTERS.test(segment)) return 'it holds a backslash or NUL character';
  return undefined;
}

/** A single, safe file or folder name from the last segment of a key or prefix; `fallback` otherwise. */
export function suggestedName(keyOrPrefix: string, fallback: string): string {
  const last =
    keyOrPrefix
      .split('/')
      .filter((segment) => segment !== '')
      .pop() ?? '';
  return last && !unsafeSegment(last) ? last : fallback;
}

export type RelativePath =
  | { kind: 'file'; segments: string[] }
  /** A folder marker (a key ending in "/"), or the folder itself (the key equal to the prefix). */
  | { kind: 'folder'; segments: string[] }
  | { kind: 'unsafe'; reason: string };

/** Where `key` goes under a folder download of `prefix` (which is '' or ends with '/'). */
export function relativePath(key: string, prefix: string): RelativePath {
  if (!key.startsWith(prefix)) return { kind: 'unsafe', reason: `it is not under ${prefix}` };
  const rest = key.slice(prefix.length);
  const isFolder = rest === '' || rest.endsWith('/');
  const segments = (isFolder ? rest.slice(0, -1) : rest).split('/');
  if (rest === '') return { kind: 'folder', segments: [] };
  for (const segment of segments) {
    const reason = unsafeSegment(segment);
    if (reason) return { kind: 'unsafe', reason };
  }
  return { kind: isFolder ? 'folder' : 'file', segments };
}

/** `root` joined with segments, checked once more to stay inside `root`. */
export function inside(root: string, segments: string[]): string {
  const base = resolve(root);
  const path = resolve(base, ...segments);
  if (path !== base && !path.startsWith(base + sep)) throw new Error(`${path} is outside ${base}`);
  return path;
}

/** Creates `parent/name`, or `name (2)`, `name (3)`…, whichever is free first: nothing is merged into. */
export async function claimFolder(parent: string, name: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const path = join(parent, attempt === 1 ? name : `${name} (${attempt})`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 1000) throw error;
    }
  }
}

/** The hidden file an object streams into before it is renamed into place (same folder, same disk). */
export function partPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.roletray-part`);
}
