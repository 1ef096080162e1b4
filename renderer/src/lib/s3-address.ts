import { BUCKET_NAME } from '../../../shared/s3-names';
import { parentPrefix } from './s3-paths';

// What the address bar accepts, as a place to go: s3:// URIs, links copied from the S3 console
// (a bucket or folder, or an object), S3 object ARNs, S3's own HTTPS URLs, and a bare
// "bucket/prefix/". A path ending in "/" is a folder; any other path is an object, opened in its
// folder. Pure, so it is tested on its own.

export interface S3Address {
  bucket: string;
  /** The folder to open ("" for the bucket's top). */
  prefix: string;
  /** The object to select in that folder, when the address names one. */
  key?: string;
  /** The region a console link names (informational: main finds the bucket's region itself). */
  region?: string;
}

export type ParsedAddress = { ok: true; address: S3Address } | { ok: false; message: string };

const EXAMPLE = 's3://bucket/folder/ or an S3 console link';

function fail(message: string): ParsedAddress {
  return { ok: false, message };
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** A bucket and the path inside it as an address: a trailing "/" (or nothing) means a folder. */
function place(bucket: string, path: string, region?: string): ParsedAddress {
  if (bucket === '') return fail(`That address names no bucket; type ${EXAMPLE}.`);
  if (!BUCKET_NAME.test(bucket)) {
    return fail(`“${bucket}” is not an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.`);
  }
  const extra = region ? { region } : {};
  if (path === '' || path.endsWith('/')) return { ok: true, address: { bucket, prefix: path, ...extra } };
  return { ok: true, address: { bucket, prefix: parentPrefix(path), key: path, ...extra } };
}

/** "bucket/rest…" split at the first "/": the path keeps everything after it, as typed. */
function splitBucket(rest: string): [string, string] {
  const slash = rest.indexOf('/');
  return slash === -1 ? [rest, ''] : [rest.slice(0, slash), rest.slice(slash + 1)];
}

const CONSOLE_HOST = /(^|\.)console\.(aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)$/;
/** bucket.s3.amazonaws.com, bucket.s3.eu-west-1.amazonaws.com, bucket.s3-eu-west-1.amazonaws.com */
const VIRTUAL_HOST = /^(.+)\.s3[.-](?:([a-z0-9-]+)\.)?amazonaws\.com$/;
/** s3.amazonaws.com, s3.eu-west-1.amazonaws.com, s3-eu-west-1.amazonaws.com (path style) */
const PATH_HOST = /^s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$/;

function consoleLink(url: URL): ParsedAddress {
  const region = url.searchParams.get('region') ?? undefined;
  // /s3/buckets/<bucket>[/…]?prefix=<prefix> and /s3/object/<bucket>?prefix=<key>
  const match = /^\/s3\/(buckets|object)\/([^/?#]+)/.exec(url.pathname);
  if (!match) {
    return fail(
      'That console link does not point into a bucket: open the bucket, folder or object in the console and copy its link.',
    );
  }
  const bucket = decode(match[2]!) ?? '';
  const path = url.searchParams.get('prefix') ?? '';
  if (match[1] === 'object' && path === '') return fail('That console link names a bucket but no object.');
  return place(bucket, path, region);
}

function s3HttpsUrl(url: URL): ParsedAddress | undefined {
  const path = decode(url.pathname.slice(1));
  if (path === undefined) return fail('That link is not correctly percent-encoded.');
  const virtual = VIRTUAL_HOST.exec(url.hostname);
  if (virtual) {
    const region = virtual[2] && virtual[2] !== 'dualstack' ? virtual[2] : undefined;
    return place(virtual[1]!, path, region);
  }
  const pathStyle = PATH_HOST.exec(url.hostname);
  if (pathStyle) {
    const [bucket, rest] = splitBucket(path);
    return place(bucket, rest, pathStyle[1]);
  }
  return undefined;
}

export function parseS3Address(input: string): ParsedAddress {
  const text = input.trim();
  if (text === '') return fail(`Type an address: ${EXAMPLE}.`);

  const s3 = /^s3:\/\/(.*)$/is.exec(text);
  if (s3) {
    const [bucket, path] = splitBucket(s3[1]!);
    return place(bucket, path);
  }

  const arn = /^arn:[\w-]+:s3:::(.*)$/s.exec(text);
  if (arn) {
    const [bucket, path] = splitBucket(arn[1]!);
    return place(bucket, path);
  }

  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail(`That is not a link RoleTray can read; type ${EXAMPLE}.`);
    }
    if (CONSOLE_HOST.test(url.hostname)) return consoleLink(url);
    return (
      s3HttpsUrl(url) ??
      fail(`RoleTray opens s3:// addresses and S3 console links; ${url.hostname} is neither.`)
    );
  }

  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z0-9.-]+\//.test(text)) {
    return fail(`RoleTray opens s3:// addresses and S3 console links, not ${text.split(':')[0]}: ones.`);
  }

  // A bare "bucket/prefix/", as people write it.
  const [bucket, path] = splitBucket(text.replace(/^\/+/, ''));
  return place(bucket, path);
}
