import { describe, expect, it } from 'vitest';
import type { S3Entry } from '../../../shared/s3-view';
import { isFolderCode, ListingStore, listingView, NAME_ORDER, type ListingView } from './listing-store';

const object = (key: string, size: number, lastModified: number, storageClass = 'STANDARD'): S3Entry => ({
  kind: 'object',
  key,
  size,
  lastModified,
  storageClass,
  etag: 'e',
});
const folder = (prefix: string): S3Entry => ({ kind: 'folder', prefix });

function names(store: ListingStore, view: ListingView): string[] {
  return Array.from({ length: view.length }, (_, row) => store.name(view.code(row)));
}

function sample(): ListingStore {
  const store = new ListingStore('p/');
  // As pages come: folders and objects interleaved in S3's order.
  store.append([object('p/a.txt', 30, 3), folder('p/b/'), object('p/c.json', 10, 1)]);
  store.append([folder('p/d/'), object('p/E.csv', 20, 2, 'GLACIER'), object('p/f.txt', 10, 5)]);
  return store;
}

describe('ListingStore', () => {
  it('keeps folders and objects apart, with sizes, dates and storage classes', () => {
    const store = sample();
    expect(store.count).toBe(6);
    expect(store.folders).toEqual(['p/b/', 'p/d/']);
    expect(store.keys).toEqual(['p/a.txt', 'p/c.json', 'p/E.csv', 'p/f.txt']);
    expect([store.size(2), store.lastModified(2), store.storageClass(2)]).toEqual([20, 2, 'GLACIER']);
    expect(store.storageClass(0)).toBe('STANDARD');
    expect(store.path(~1)).toBe('p/d/');
    expect(store.name(~1)).toBe('d/');
    expect(isFolderCode(~0)).toBe(true);
    expect(isFolderCode(0)).toBe(false);
  });

  it('grows past its first capacity without losing values', () => {
    const store = new ListingStore('');
    const page = (start: number) =>
      Array.from({ length: 1000 }, (_, i) => object(`k${String(start + i).padStart(6, '0')}`, start + i, i));
    for (let start = 0; start < 5000; start += 1000) store.append(page(start));
    expect(store.objectCount).toBe(5000);
    expect(store.size(4999)).toBe(4999);
    expect(store.size(1024)).toBe(1024);
  });
});

describe('listingView', () => {
  it('shows folders first, then objects, by name either way', () => {
    const store = sample();
    expect(names(store, listingView(store, NAME_ORDER))).toEqual([
      'b/',
      'd/',
      'a.txt',
      'c.json',
      'E.csv',
      'f.txt',
    ]);
    expect(names(store, listingView(store, { key: 'name', descending: true }))).toEqual([
      'd/',
      'b/',
      'f.txt',
      'E.csv',
      'c.json',
      'a.txt',
    ]);
  });

  it('sorts objects by size or date, ties in name order, folders staying first', () => {
    const store = sample();
    expect(names(store, listingView(store, { key: 'size', descending: false }))).toEqual([
      'b/',
      'd/',
      'c.json',
      'f.txt',
      'E.csv',
      'a.txt',
    ]);
    expect(names(store, listingView(store, { key: 'size', descending: true }))).toEqual([
      'b/',
      'd/',
      'a.txt',
      'E.csv',
      'c.json',
      'f.txt',
    ]);
    expect(names(store, listingView(store, { key: 'lastModified', descending: true }))).toEqual([
      'b/',
      'd/',
      'f.txt',
      'a.txt',
      'E.csv',
      'c.json',
    ]);
  });

  it('filters names as typed, case-insensitively, never matching the prefix itself', () => {
    const store = sample();
    expect(names(store, listingView(store, NAME_ORDER, 'e'))).toEqual(['E.csv']);
    expect(names(store, listingView(store, NAME_ORDER, ' TXT '))).toEqual(['a.txt', 'f.txt']);
    expect(names(store, listingView(store, NAME_ORDER, 'p/'))).toEqual([]);
    expect(names(store, listingView(store, NAME_ORDER, 'd'))).toEqual(['d/']);
    expect(names(store, listingView(store, NAME_ORDER, '.*'))).toEqual([]);
    expect(names(store, listingView(store, { key: 'size', descending: false }, 'txt'))).toEqual([
      'f.txt',
      'a.txt',
    ]);
  });

  it('finds the row of a path', () => {
    const store = sample();
    expect(listingView(store, NAME_ORDER).rowOf('p/E.csv')).toBe(4);
    expect(listingView(store, { key: 'size', descending: false }).rowOf('p/E.csv')).toBe(4);
    expect(listingView(store, NAME_ORDER, 'txt').rowOf('p/E.csv')).toBe(-1);
  });

  it('handles 100,000 entries quickly', () => {
    const store = new ListingStore('events/2026/11/');
    for (let page = 0; page < 100; page++) {
      store.append(
        Array.from({ length: 1000 }, (_, i) => {
          const n = page * 1000 + i;
          return object(`events/2026/11/event-${String(n).padStart(5, '0')}.json`, (n * 7919) % 5000, n);
        }),
      );
    }
    const start = performance.now();
    const bySize = listingView(store, { key: 'size', descending: true });
    const filtered = listingView(store, NAME_ORDER, '9999');
    const elapsed = performance.now() - start;
    expect(bySize.length).toBe(100_000);
    expect(store.size(bySize.code(0))).toBe(4999);
    expect(names(store, filtered)).toEqual([
      'event-09999.json',
      'event-19999.json',
      'event-29999.json',
      'event-39999.json',
      'event-49999.json',
      'event-59999.json',
      'event-69999.json',
      'event-79999.json',
      'event-89999.json',
      'event-99990.json',
      'event-99991.json',
      'event-99992.json',
      'event-99993.json',
      'event-99994.json',
      'event-99995.json',
      'event-99996.json',
      'event-99997.json',
      'event-99998.json',
      'event-99999.json',
    ]);
    expect(listingView(store, NAME_ORDER).code(99_999)).toBe(99_999);
    expect(elapsed).toBeLessThan(2000);
  });
});
