import { setMaxListeners } from 'node:events';
import type { S3Entry } from '../../../shared/s3-view';
import { REQUESTS_PER_SIGNAL } from './background-jobs';
import type { ListedPage } from './list-page-parser';
import { compareKeys } from './key-order';
import { deepestCut, splitPoints } from './key-ranges';

// A prefix listed by key ranges in parallel, handed on as one ordered stream. The first request is
// the plain first page, so the first 1,000 rows take one round trip; what it shows decides where the
// rest is cut (key-ranges.ts). Range i lists the keys after its start up to the next range's start;
// a range whose page comes back with more to go is cut again while fewer than `maxInFlight`
// requests are out. Entries come out in S3's order exactly once: ranges are contiguous, so the
// stream is range 0, then range 1, ...; a folder (common prefix) that spans a cut is reported by
// the range it starts in and dropped by the next. One failure or the signal stops every request.

export type FetchRange = (
  range: { startAfter?: string; token?: string; stopAfter?: string; maxKeys?: number },
  signal: AbortSignal,
) => Promise<ListedPage>;

interface Range {
  /** Keys after this (undefined: from the first). */
  start: string | undefined;
  /** Up to and including this (undefined: to the last). */
  end: string | undefined;
  token: string | undefined;
  /** What this range found but the stream has not reached yet. */
  waiting: S3Entry[][];
  done: boolean;
  /** Ask for one key next: the range has probably reached its end (see `arrived`). */
  probe: boolean;
  probed: boolean;
}

export interface RangeListingOptions {
  prefix: string;
  /** Requests out at once. */
  maxInFlight: number;
  /** Entries in order, as soon as everything before them has come; `last` when no more will. */
  onEntries: (entries: S3Entry[], last: boolean) => void;
  signal: AbortSignal;
}

/** Drops a folder the previous range reported: one whose name is at or before `start`, or holds it. */
function ownEntries(entries: S3Entry[], start: string | undefined): S3Entry[] {
  if (start === undefined) return entries;
  let skip = 0;
  while (skip < entries.length) {
    const entry = entries[skip]!;
    if (entry.kind !== 'folder') break;
    if (compareKeys(entry.prefix, start) > 0 && !start.startsWith(entry.prefix)) break;
    skip++;
  }
  return skip === 0 ? entries : entries.slice(skip);
}

export async function listByRanges(fetch: FetchRange, options: RangeListingOptions): Promise<void> {
  const { prefix, maxInFlight, onEntries } = options;
  const controller = new AbortController();
  setMaxListeners(REQUESTS_PER_SIGNAL, controller.signal);
  const stopAll = () => controller.abort();
  options.signal.addEventListener('abort', stopAll, { once: true });
  const ranges: Range[] = [
    {
      start: undefined,
      end: undefined,
      token: undefined,
      waiting: [],
      done: false,
      probe: false,
      probed: false,
    },
  ];
  let inFlight = 0;
  let failed: unknown;
  let settle: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (settle = resolve));

  /** Hands on everything the head of the stream has, moving past finished ranges. */
  const flush = () => {
    while (ranges.length > 0) {
      const head = ranges[0]!;
      const batches = head.waiting.splice(0);
      const lastRange = head.done && ranges.length === 1;
      if (lastRange && batches.length === 0) onEntries([], true);
      batches.forEach((batch, i) => {
        // A consumer may stop the listing from onEntries: nothing more is handed on then.
        if (controller.signal.aborted) return;
        const last = lastRange && i === batches.length - 1;
        if (batch.length > 0 || last) onEntries(batch, last);
      });
      if (!head.done || controller.signal.aborted) return;
      ranges.shift();
    }
  };

  const request = (range: Range) => {
    inFlight++;
    const asked = {
      ...(range.token
        ? { token: range.token }
        : range.start !== undefined
          ? { startAfter: range.start }
          : {}),
      ...(range.end !== undefined ? { stopAfter: range.end } : {}),
      ...(range.probe ? { maxKeys: 1 } : {}),
    };
    const probing = range.probe;
    range.probe = false;
    fetch(asked, controller.signal).then(
      (page) => arrived(range, page, probing),
      (error: unknown) => {
        failed ??= error;
        controller.abort();
        inFlight--;
        if (inFlight === 0) settle();
      },
    );
  };

  const arrived = (range: Range, page: ListedPage, probing: boolean) => {
    inFlight--;
    if (controller.signal.aborted) {
      if (inFlight === 0) settle();
      return;
    }
    range.waiting.push(ownEntries(page.entries, range.start));
    range.token = page.nextToken;
    range.done = !page.isTruncated || !page.nextToken || page.overshot;
    // A probe's one key says nothing of how keys spread: only whole pages are cut from.
    if (!range.done && page.last !== undefined && !probing) {
      // Cut the rest while requests are free; the range itself keeps one.
      const free = maxInFlight - inFlight - 1;
      const deepest = page.first === undefined ? undefined : deepestCut(page.first, page.last);
      const points = splitPoints(page.last, range.end, prefix, free, deepest);
      if (points.length > 0) {
        const at = ranges.indexOf(range);
        const added = points.map((start, i): Range => ({
          start,
          end: points[i + 1] ?? range.end,
          token: undefined,
          waiting: [],
          done: false,
          probe: false,
          probed: false,
        }));
        range.end = points[0];
        ranges.splice(at + 1, 0, ...added);
        for (const piece of added) request(piece);
      }
      // The range now ends at the nearest cut, or no cut fits before its end: either way it is
      // probably done, and one key tells, rather than a page of keys past its end that the next
      // range lists anyway. Once only: if more keys follow, the range carries on with whole pages.
      if (range.end !== undefined && !range.probed) {
        range.probe = true;
        range.probed = true;
      }
    }
    if (!range.done) request(range);
    flush();
    if (inFlight === 0) settle();
  };

  request(ranges[0]!);
  await finished;
  options.signal.removeEventListener('abort', stopAll);
  if (failed !== undefined && !options.signal.aborted)
    throw failed instanceof Error ? failed : new Error(JSON.stringify(failed));
  if (options.signal.aborted)
    throw Object.assign(new Error('The listing was stopped.'), { name: 'AbortError' });
}
