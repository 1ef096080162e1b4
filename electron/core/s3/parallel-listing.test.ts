import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingPage, S3Entry } from '../../../shared/s3-view';
import { startCoreHarness, type CoreHarness } from '../../../test-support/core-harness';
import { listing } from '../../../test-support/s3-jobs';
import { LISTING_REQUESTS, listEntries } from './listing';

// Listing by key ranges in parallel, against the sandbox 30 ms away: the same entries in the same
// order as a sequential ListObjectsV2 loop (unicode, delimiters, fewer than 1,000 keys, exactly
// 1,000 and around it), the first page after one request, a bounded number of requests out, and
// Stop ending every one of them.

const SCRATCH = 'acme-dev-scratch';
const LOGS = 'acme-prod-event-logs';
const LATENCY_MS = 30;

let h: CoreHarness;
let tyler: S3Client;
beforeAll(async () => {
  h = await startCoreHarness({ wire: { latencyMs: LATENCY_MS } });
  tyler = h.t.s3(h.t.userKeys('Tyler-Dev'));
  await h.manager.assume('prod-read-only');
}, 60_000);
afterAll(() => h.stop());

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEGMENTS = [
  'a',
  'b',
  'Z',
  '0',
  '9',
  'x y',
  'naïve',
  'café',
  '🍕',
  '–',
  'a+b',
  '100%',
  '~',
  'é',
  '中文',
  'k',
];

/** `count` distinct keys under `prefix`: one to three segments, some ending in "/" (folder markers). */
function randomKeys(prefix: string, count: number, seed: number): string[] {
  const next = random(seed);
  const pick = () => SEGMENTS[Math.floor(next() * SEGMENTS.length)]!;
  const keys = new Set<string>();
  while (keys.size < count) {
    const depth = 1 + Math.floor(next() * 3);
    const parts = Array.from({ length: depth }, () => `${pick()}${Math.floor(next() * 500)}`);
    keys.add(prefix + parts.join('/') + (next() < 0.05 ? '/' : ''));
  }
  return [...keys];
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, n) => `${prefix}item-${String(n).padStart(5, '0')}.txt`);

function put(keys: string[]): void {
  const bucket = h.t.sandbox.s3.buckets.get(SCRATCH)!;
  for (const key of keys) {
    const body = Buffer.from(key);
    bucket.put({
      key,
      size: body.length,
      lastModified: Date.parse('2026-11-30T00:00:00.000Z'),
      etag: '"0123456789abcdef0123456789abcdef"',
      contentType: 'text/plain',
      storageClass: 'STANDARD',
      metadata: {},
      body: () => body,
    });
  }
}

/** The sequential listing: ListObjectsV2 page after page, folders and objects each in S3's order. */
async function sequential(prefix: string, delimiter?: '/') {
  const folders: string[] = [];
  const objects: string[] = [];
  let token: string | undefined;
  do {
    const page = await tyler.send(
      new ListObjectsV2Command({
        Bucket: SCRATCH,
        Prefix: prefix,
        Delimiter: delimiter,
        ContinuationToken: token,
      }),
    );
    folders.push(...(page.CommonPrefixes ?? []).map((common) => common.Prefix!));
    objects.push(...(page.Contents ?? []).map((object) => object.Key!).filter((key) => key !== prefix));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { folders, objects };
}

function split(entries: S3Entry[]) {
  return {
    folders: entries.flatMap((entry) => (entry.kind === 'folder' ? [entry.prefix] : [])),
    objects: entries.flatMap((entry) => (entry.kind === 'object' ? [entry.key] : [])),
  };
}

const CASES: [string, string[]][] = [
  ['empty/', []],
  ['one/', ['one/only.txt']],
  ['under-a-page/', randomKeys('under-a-page/', 999, 1)],
  ['one-page/', numbered('one-page/', 1000)],
  ['page-and-one/', numbered('page-and-one/', 1001)],
  ['two-pages/', randomKeys('two-pages/', 2000, 2)],
  ['mixed/', [...randomKeys('mixed/', 4321, 3), ...numbered('mixed/n/', 2500), ...numbered('mixed/', 3000)]],
  ['unicode-🍕/', randomKeys('unicode-🍕/', 3500, 4)],
];

describe('listing by ranges', () => {
  beforeAll(() => put(CASES.flatMap(([, keys]) => keys)));

  it.each(CASES)('lists %s exactly as a sequential listing, one folder level', async (prefix) => {
    const pages = await listing(h, { profile: 'dev', bucket: SCRATCH, prefix });
    expect(pages.at(-1)).toMatchObject({ done: true });
    expect(pages.filter((page) => page.error)).toEqual([]);
    expect(split(pages.flatMap((page) => page.entries))).toEqual(await sequential(prefix, '/'));
  });

  it.each(CASES)('lists %s exactly as a sequential listing, the whole tree', async (prefix) => {
    const entries: S3Entry[] = [];
    await listEntries(
      h.services.s3.gateway,
      { profile: 'dev', bucket: SCRATCH, prefix },
      { signal: new AbortController().signal, onEntries: (batch) => entries.push(...batch) },
    );
    expect(split(entries)).toEqual(await sequential(prefix));
  });

  it('gives the first 1,000 rows of 100,000 after one request, then keeps a bounded number out', async () => {
    const { traffic } = h.t.sandbox.wire;
    traffic.reset();
    let listedAtFirstPage = -1;
    const pages = await listing(
      h,
      { profile: 'prod-read-only', bucket: LOGS, prefix: 'events/2026/11/' },
      () => {
        if (listedAtFirstPage < 0) listedAtFirstPage = traffic.count('list');
      },
    );
    expect(listedAtFirstPage).toBe(1);
    expect(pages[0]!.entries).toHaveLength(1000);
    const keys = pages.flatMap((page) => page.entries.map((entry) => (entry as { key: string }).key));
    expect(keys).toHaveLength(100_000);
    expect(new Set(keys).size).toBe(100_000);
    expect(keys.every((key, i) => i === 0 || keys[i - 1]! < key)).toBe(true);
    expect(traffic.peakInFlight).toBeLessThanOrEqual(LISTING_REQUESTS);
    expect(traffic.peakInFlight).toBeGreaterThan(LISTING_REQUESTS / 2);
  }, 60_000);

  it('stops every request when the listing is stopped', async () => {
    const { traffic } = h.t.sandbox.wire;
    traffic.reset();
    let inFlightAtStop = 0;
    const pages: ListingPage[] = await listing(
      h,
      { profile: 'prod-read-only', bucket: LOGS, prefix: 'events/2026/11/' },
      (page, id) => {
        if (page.loaded === 2000) {
          inFlightAtStop = traffic.inFlight;
          h.services.s3.stopListing(id);
        }
      },
    );
    expect(pages.at(-1)).toMatchObject({ done: true, stopped: true, loaded: 2000 });
    expect(inFlightAtStop).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 3));
    const asked = traffic.requests;
    expect(traffic.inFlight).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 3));
    expect(traffic.requests).toBe(asked);
    expect(h.services.s3.listings.jobs.active).toBe(0);
  });
});
