import type { ListingPage, S3Entry } from '../../../shared/s3-view';
import { BackgroundJobs } from './background-jobs';
import type { S3Gateway } from './gateway';
import { listPage, type ListTarget } from './list-request';
import { listByRanges } from './range-listing';

// A folder's listing, streamed: ListObjectsV2 with delimiter "/" (sub-prefixes come back as
// folders), key ranges listed in parallel (range-listing.ts) and handed on in order, in pages of
// 1,000 entries, each dropped once sent, so main holds only what arrived ahead of the stream. The
// first page goes out as soon as S3 answers the first request. A session that expires midway is
// renewed and each range goes on from its continuation token. Stopping a listing stops every request.

export interface ListingRequest {
  profile: string;
  bucket: string;
  prefix: string;
  listingId: string;
}

const PAGE_SIZE = 1000;
/** Requests of one listing out at once: a few round trips for 100,000 keys, well inside S3's rates. */
export const LISTING_REQUESTS = 24;

/** Every entry under `target.prefix` in S3's order, through `onEntries`, ranges listed in parallel. */
export function listEntries(
  gateway: S3Gateway,
  target: ListTarget,
  options: { delimiter?: '/'; signal: AbortSignal; onEntries: (entries: S3Entry[], last: boolean) => void },
): Promise<void> {
  const { delimiter, signal, onEntries } = options;
  return listByRanges(
    (range, rangeSignal) =>
      listPage(gateway, target, { ...(delimiter ? { delimiter } : {}), ...range, signal: rangeSignal }),
    { prefix: target.prefix, maxInFlight: LISTING_REQUESTS, onEntries, signal },
  );
}

export class S3Listings {
  /** The listings running: stop one, or a profile's. */
  readonly jobs: BackgroundJobs;

  constructor(
    private readonly gateway: S3Gateway,
    private readonly publish: (page: ListingPage) => void,
    log: (message: string) => void = () => undefined,
  ) {
    this.jobs = new BackgroundJobs('listing', log);
  }

  /** Resolves once the listing is under way (the session checked); pages follow through `publish`. */
  async start(request: ListingRequest): Promise<void> {
    this.jobs.checkFree(request.listingId);
    // Fails here, as the request's answer, when there is no session to list with.
    await this.gateway.sessions.credentials(request.profile);
    const job = this.jobs.add(request.listingId, request.profile);
    this.jobs.run(request.listingId, this.run(request, job.controller.signal));
  }

  private async run(request: ListingRequest, signal: AbortSignal): Promise<void> {
    const { listingId } = request;
    let loaded = 0;
    let pending: S3Entry[] = [];
    let sent = false;
    /** Publishes one page; the listing's last page says done. */
    const send = (entries: S3Entry[], done: boolean) => {
      loaded += entries.length;
      sent = true;
      this.publish({ listingId, entries, loaded, done });
    };
    try {
      await listEntries(this.gateway, request, {
        delimiter: '/',
        signal,
        onEntries: (entries, last) => {
          if (signal.aborted) return;
          // The first page goes out whole and at once; later ones are cut to 1,000 entries.
          if (!sent) return send(entries, last);
          pending = pending.length === 0 ? entries : pending.concat(entries);
          // A full page waits for the next entries, so the last page is never an empty one.
          while (pending.length > PAGE_SIZE) {
            if (signal.aborted) return;
            send(pending.slice(0, PAGE_SIZE), false);
            pending = pending.slice(PAGE_SIZE);
          }
          if (last) send(pending, true);
        },
      });
    } catch (error) {
      if (signal.aborted) this.publish({ listingId, entries: [], loaded, done: true, stopped: true });
      else this.publish({ listingId, entries: [], loaded, done: true, error: this.jobs.failure(error) });
      return;
    }
    if (signal.aborted) this.publish({ listingId, entries: [], loaded, done: true, stopped: true });
  }
}
