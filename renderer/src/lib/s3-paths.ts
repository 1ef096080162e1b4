// Keys and prefixes as the browser shows them. S3 has no folders: a "folder" is a prefix ending in
// "/" (the delimiter), and an object's name is its key after the folder's prefix.

/** The folder holding a key or a prefix: "a/b/" for "a/b/c" and for "a/b/c/"; "" at the top. */
export function parentPrefix(keyOrPrefix: string): string {
  const trimmed = keyOrPrefix.endsWith('/') ? keyOrPrefix.slice(0, -1) : keyOrPrefix;
  const slash = trimmed.lastIndexOf('/');
  return slash === -1 ? '' : trimmed.slice(0, slash + 1);
}

/** What a key or prefix is called inside its folder: "c.txt" for "a/b/c.txt", "b/" for "a/b/". */
export function baseName(keyOrPrefix: string): string {
  return keyOrPrefix.slice(parentPrefix(keyOrPrefix).length);
}

export interface Crumb {
  /** What the crumb shows: the bucket, then each folder's name without its "/". */
  label: string;
  prefix: string;
}

/** The breadcrumb from the bucket down to `prefix`; empty folder names ("a//b/") show as "/". */
export function breadcrumbs(bucket: string, prefix: string): Crumb[] {
  const crumbs: Crumb[] = [{ label: bucket, prefix: '' }];
  let at = 0;
  while (at < prefix.length) {
    const slash = prefix.indexOf('/', at);
    const end = slash === -1 ? prefix.length : slash + 1;
    const name = prefix.slice(at, slash === -1 ? end : slash);
    crumbs.push({ label: name === '' ? '/' : name, prefix: prefix.slice(0, end) });
    at = end;
  }
  return crumbs;
}
