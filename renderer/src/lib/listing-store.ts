import type { S3Entry } from '../../../shared/s3-view';

// A folder's listing as the browser keeps it: compact enough for 100,000 entries and more. Pages
// are appended as they stream in; each object costs its key (the string the page brought), two
// float64s and a byte, and nothing else: no object per entry, no closure per row. ETags are not
// kept (the details pane asks HeadObject). Rows are addressed by a number, a "code": an object's
// index, or a folder's index bit-inverted (negative), so a view of 100,000 rows is one Int32Array.

export type SortKey = 'name' | 'size' | 'lastModified';

export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

export const NAME_ORDER: SortOrder = { key: 'name', descending: false };

export const isFolderCode = (code: number) => code < 0;

const INITIAL_CAPACITY = 1024;

export class ListingStore {
  /** Folder prefixes ("a/b/"), in S3's order. */
  readonly folders: string[] = [];
  /** Object keys, in S3's order (UTF-8 binary, which is name order). */
  readonly keys: string[] = [];
  private sizes = new Float64Array(INITIAL_CAPACITY);
  private modified = new Float64Array(INITIAL_CAPACITY);
  private classes = new Uint8Array(INITIAL_CAPACITY);
  private readonly classNames: string[] = [];
  private readonly classIndex = new Map<string, number>();

  constructor(readonly prefix: string) {}

  get folderCount(): number {
    return this.folders.length;
  }

  get objectCount(): number {
    return this.keys.length;
  }

  get count(): number {
    return this.folders.length + this.keys.length;
  }

  append(entries: readonly S3Entry[]): void {
    let objects = 0;
    for (const entry of entries) if (entry.kind === 'object') objects++;
    this.reserve(this.keys.length + objects);
    for (const entry of entries) {
      if (entry.kind === 'folder') {
        this.folders.push(entry.prefix);
        continue;
      }
      const index = this.keys.length;
      this.keys.push(entry.key);
      this.sizes[index] = entry.size;
      this.modified[index] = entry.lastModified;
      this.classes[index] = this.classOf(entry.storageClass);
    }
  }

  /** The key or prefix a code stands for. */
  path(code: number): string {
    return code < 0 ? this.folders[~code]! : this.keys[code]!;
  }

  /** The name shown in the folder: the path after the listing's prefix. */
  name(code: number): string {
    return this.path(code).slice(this.prefix.length);
  }

  size(index: number): number {
    return this.sizes[index]!;
  }

  lastModified(index: number): number {
    return this.modified[index]!;
  }

  storageClass(index: number): string {
    return this.classNames[this.classes[index]!] ?? 'STANDARD';
  }

  private classOf(name: string): number {
    let index = this.classIndex.get(name);
    if (index === undefined) {
      // S3 has a dozen classes; a byte holds 256, and anything past that shares the last slot.
      index = Math.min(this.classNames.length, 255);
      if (index === this.classNames.length) this.classNames.push(name);
      this.classIndex.set(name, index);
    }
    return index;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.sizes.length) return;
    let next = this.sizes.length * 2;
    while (next < capacity) next *= 2;
    const grow = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.sizes = grow(this.sizes, new Float64Array(next));
    this.modified = grow(this.modified, new Float64Array(next));
    this.classes = grow(this.classes, new Uint8Array(next));
  }
}

/** How much of a store a view covers: what had arrived when the view was asked for. */
export interface ListingExtent {
  folders: number;
  objects: number;
}

/** The rows to show, in order: row → code. */
export interface ListingView {
  readonly length: number;
  code(row: number): number;
  /** The row of a key or folder prefix, or -1. */
  rowOf(path: string): number;
}

class IdentityView implements ListingView {
  constructor(
    private readonly store: ListingStore,
    readonly length: number,
    private readonly folders: number,
    private readonly descending: boolean,
  ) {}

  code(row: number): number {
    const objects = this.length - this.folders;
    if (row < this.folders) return ~(this.descending ? this.folders - 1 - row : row);
    const index = row - this.folders;
    return this.descending ? objects - 1 - index : index;
  }

  rowOf(path: string): number {
    for (let row = 0; row < this.length; row++) if (this.store.path(this.code(row)) === path) return row;
    return -1;
  }
}

class IndexedView implements ListingView {
  constructor(
    private readonly store: ListingStore,
    private readonly codes: Int32Array,
  ) {}

  get length(): number {
    return this.codes.length;
  }

  code(row: number): number {
    return this.codes[row]!;
  }

  rowOf(path: string): number {
    for (let row = 0; row < this.codes.length; row++) {
      if (this.store.path(this.codes[row]!) === path) return row;
    }
    return -1;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Folders first, then objects, sorted and filtered. Name order is S3's own, so sorting by name
 * (either way) and no filter costs nothing however many entries there are; size and date sort
 * the objects' indices with the values read from the typed arrays. The filter matches names (not
 * the folder's prefix), case-insensitively, without allocating per entry.
 */
export function listingView(
  store: ListingStore,
  order: SortOrder,
  query = '',
  extent: ListingExtent = { folders: store.folderCount, objects: store.objectCount },
): ListingView {
  const { folders, objects } = extent;
  const needle = query.trim();
  if (needle === '' && order.key === 'name') {
    return new IdentityView(store, folders + objects, folders, order.descending);
  }
  // The "g" flag makes test() start at lastIndex: past the prefix, with no slice.
  const pattern = needle === '' ? undefined : new RegExp(escapeRegExp(needle), 'giu');
  const matches = (path: string) => {
    if (!pattern) return true;
    pattern.lastIndex = store.prefix.length;
    return pattern.test(path);
  };
  const folderCodes: number[] = [];
  const byName = order.key === 'name' && order.descending;
  for (let i = 0; i < folders; i++) {
    const index = byName ? folders - 1 - i : i;
    if (matches(store.folders[index]!)) folderCodes.push(~index);
  }
  let objectIndices = new Uint32Array(objects);
  let count = 0;
  for (let i = 0; i < objects; i++) if (matches(store.keys[i]!)) objectIndices[count++] = i;
  objectIndices = objectIndices.subarray(0, count);
  if (order.key === 'name') {
    if (order.descending) objectIndices.reverse();
  } else {
    const value = (index: number) => (order.key === 'size' ? store.size(index) : store.lastModified(index));
    const sign = order.descending ? -1 : 1;
    // Ties keep name order, whichever way the values go.
    objectIndices.sort((a, b) => sign * (value(a) - value(b)) || a - b);
  }
  const codes = new Int32Array(folderCodes.length + count);
  codes.set(folderCodes);
  codes.set(objectIndices, folderCodes.length);
  return new IndexedView(store, codes);
}
