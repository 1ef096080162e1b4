import { createHash } from 'node:crypto';
import type { PolicyDocument } from './policy';
import type { ScenarioBucket } from './scenario';
import { contentBody, generatedEventBody } from './s3-content';

// Buckets and their objects. Keys are kept sorted in S3's order (UTF-8 bytes, i.e. code points) so
// listings are binary searches; bodies are produced on demand.

export interface StoredObject {
  key: string;
  size: number;
  lastModified: number;
  etag: string;
  contentType: string;
  storageClass: string;
  metadata: Record<string, string>;
  versionId?: string;
  body: () => Buffer;
}

/** Compares strings by code point, which is UTF-8 byte order: surrogate pairs sort after U+E000..U+FFFF. */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}

export const md5Etag = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;
const versionIdFor = (bucket: string, key: string) =>
  createHash('sha256').update(`${bucket}/${key}`).digest('base64url').slice(0, 32);

export interface ListPage {
  objects: StoredObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned, from which the next page starts. */
  last?: string;
}

export class Bucket {
  private keys: string[] | undefined;
  private readonly objects = new Map<string, StoredObject>();

  constructor(
    readonly name: string,
    readonly account: string,
    readonly region: string,
    readonly created: number,
    readonly versioned: boolean,
    readonly policy: PolicyDocument | undefined,
    private readonly describe: ScenarioBucket | undefined,
  ) {}

  static fromScenario(spec: ScenarioBucket): Bucket {
    return new Bucket(
      spec.name,
      spec.account,
      spec.region,
      Date.parse(spec.created),
      spec.versioned ?? false,
      spec.policy,
      spec,
    );
  }

  /** Builds the object index on first use, so starting the sandbox stays quick. */
  private index(): string[] {
    if (this.keys) return this.keys;
    for (const spec of this.describe?.objects ?? []) {
      let cached: Buffer | undefined;
      const body = () => (cached ??= contentBody(spec.content));
      const data = body();
      this.store({
        key: spec.key,
        size: data.length,
        lastModified: Date.parse(spec.lastModified ?? '2026-11-02T10:15:00.000Z'),
        etag: md5Etag(data),
        contentType: spec.contentType ?? 'binary/octet-stream',
        storageClass: spec.storageClass ?? 'STANDARD',
        metadata: spec.metadata ?? {},
        body,
      });
    }
    for (const range of this.describe?.generated ?? []) {
      const width = String(range.count - 1).length;
      const lastModified = Date.parse(range.lastModified ?? '2026-11-02T10:15:00.000Z');
      for (let n = 0; n < range.count; n++) {
        const key = range.prefix + range.name.replace('{n}', String(n).padStart(width, '0'));
        const data = generatedEventBody(key, n);
        this.store({
          key,
          size: data.length,
          lastModified,
          etag: md5Etag(data),
          contentType: 'application/json',
          storageClass: 'STANDARD',
          metadata: {},
          body: () => generatedEventBody(key, n),
        });
      }
    }
    this.keys = [...this.objects.keys()].sort(compareKeys);
    return this.keys;
  }

  private store(object: StoredObject): void {
    this.objects.set(
      object.key,
      this.versioned ? { ...object, versionId: versionIdFor(this.name, object.key) } : object,
    );
  }

  get(key: string): StoredObject | undefined {
    this.index();
    return this.objects.get(key);
  }

  get size(): number {
    return this.index().length;
  }

  put(object: Omit<StoredObject, 'versionId'>): StoredObject {
    const keys = this.index();
    if (!this.objects.has(object.key)) keys.splice(this.lowerBound(object.key, 0), 0, object.key);
    const versioned = this.versioned
      ? { ...object, versionId: versionIdFor(`${this.name}@${Date.now()}`, object.key) }
      : object;
    this.objects.set(object.key, versioned);
    return versioned;
  }

  delete(key: string): boolean {
    const keys = this.index();
    if (!this.objects.delete(key)) return false;
    keys.splice(this.lowerBound(key, 0), 1);
    return true;
  }

  /** First index whose key is >= `key`. */
  private lowerBound(key: string, from: number): number {
    return this.firstIndexWhere(from, (candidate) => compareKeys(candidate, key) >= 0);
  }

  /** First index at or after `from` whose key does not start with `prefix` (those keys are contiguous). */
  private endOfPrefix(prefix: string, from: number): number {
    return this.firstIndexWhere(from, (candidate) => !candidate.startsWith(prefix));
  }

  /** Binary search: the first index at or after `from` where `test` holds, for a test false then true. */
  private firstIndexWhere(from: number, test: (key: string) => boolean): number {
    const keys = this.index();
    let low = from;
    let high = keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (test(keys[mid]!)) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /**
   * One page of a listing in S3's semantics: keys under `prefix` after `after`, rolled up into common
   * prefixes at the first `delimiter` past the prefix; common prefixes count towards `maxKeys`.
   */
  list(prefix: string, delimiter: string, after: string, maxKeys: number): ListPage {
    const keys = this.index();
    const page: ListPage = { objects: [], commonPrefixes: [], isTruncated: false };
    let i = this.lowerBound(prefix, 0);
    if (after !== '' && compareKeys(after, prefix) >= 0) {
      i = this.lowerBound(after, i);
      if (keys[i] === after) i++;
      // Continuing after a common prefix skips everything rolled up into it.
      // (Only a common prefix can end with the delimiter beyond the listed prefix.)
      if (
        delimiter !== '' &&
        after.endsWith(delimiter) &&
        after.startsWith(prefix) &&
        after.length > prefix.length
      ) {
        i = this.endOfPrefix(after, i);
      }
    }
    while (i < keys.length) {
      const key = keys[i]!;
      if (!key.startsWith(prefix)) break;
      if (page.objects.length + page.commonPrefixes.length >= maxKeys) {
        page.isTruncated = true;
        break;
      }
      const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
      if (cut >= 0) {
        const common = key.slice(0, cut + delimiter.length);
        page.commonPrefixes.push(common);
        page.last = common;
        i = this.endOfPrefix(common, i);
      } else {
        page.objects.push(this.objects.get(key)!);
        page.last = key;
        i++;
      }
    }
    return page;
  }
}
