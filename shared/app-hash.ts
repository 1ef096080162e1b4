// The app's page hashes, built by main (tray, windows) and read by the renderer, so both sides
// agree on them. What the window was opened for, from its URL's hash: `#mfa` is the small MFA window (the dialog
// only); `#switcher` the quick switcher (a search box and the roles); `#role=<profile>` is the app opened on one role (from the tray); `#browse=<profile>[/<bucket>/<prefix>]`
// is the S3 browser at a place (`#browse=` alone: with the default session); anything else, the app.

export interface BrowseTarget {
  /** The session to browse with; absent: the app picks one. */
  profile?: string;
  bucket?: string;
  /** The folder in the bucket ("" for its top). */
  prefix: string;
}

export type Page =
  | { kind: 'mfa' }
  | { kind: 'switcher' }
  | { kind: 'app'; role?: string }
  | ({ kind: 'browse' } & BrowseTarget);

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function browsePage(rest: string): Page {
  const slash = rest.indexOf('/');
  const profile = decode(slash === -1 ? rest : rest.slice(0, slash));
  if (profile === undefined) return { kind: 'browse', prefix: '' };
  const who = profile ? { profile } : {};
  if (slash === -1) return { kind: 'browse', ...who, prefix: '' };
  const place = rest.slice(slash + 1);
  const bucketEnd = place.indexOf('/');
  const bucket = bucketEnd === -1 ? place : place.slice(0, bucketEnd);
  const prefix = bucketEnd === -1 ? '' : decode(place.slice(bucketEnd + 1));
  if (!bucket || prefix === undefined) return { kind: 'browse', ...who, prefix: '' };
  return { kind: 'browse', ...who, bucket, prefix };
}

export const MFA_HASH = '#mfa';
export const SWITCHER_HASH = '#switcher';

export function pageFromHash(hash: string): Page {
  if (hash === MFA_HASH) return { kind: 'mfa' };
  if (hash === SWITCHER_HASH) return { kind: 'switcher' };
  const browse = /^#browse(?:=(.*))?$/s.exec(hash);
  if (browse) return browsePage(browse[1] ?? '');
  const role = /^#role=(.+)$/.exec(hash)?.[1];
  if (!role) return { kind: 'app' };
  const decoded = decode(role);
  return decoded ? { kind: 'app', role: decoded } : { kind: 'app' };
}

/** Percent-encodes everything but the "/" between folders, so the hash stays readable. */
const encodePrefix = (prefix: string) => encodeURIComponent(prefix).replace(/%2F/g, '/');

/** The hash of a place in the S3 browser; pageFromHash reads it back. */
export function browseHash(target: BrowseTarget): string {
  const profile = encodeURIComponent(target.profile ?? '');
  if (!target.bucket) return `#browse=${profile}`;
  return `#browse=${profile}/${target.bucket}/${encodePrefix(target.prefix)}`;
}

export const roleHash = (profile: string) => `#role=${encodeURIComponent(profile)}`;
