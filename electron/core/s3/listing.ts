import { ListObjectsV2Command, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import type { ListingPage, S3Entry } from '../../../shared/s3-view';
import { BackgroundJobs } from './background-jobs';
import type { S3Gateway } from './gateway';

// A folder's listing, streamed: each ListObjectsV2 page (delimiter "/", so sub-prefixes come back as
// folders) is handed on as soon as it arrives and then dropped, so main never holds a large prefix.
// The next page is already requested while one is handed on. A session that expires midway is
// renewed and the listing goes on from its last continuation token. A listing can be stopped.

export interface ListingRequest {
  profile: string;
  bucket: string;
  prefix: string;
  listingId: string;
}

const PAGE_SIZE = 1000;

/** Keys come URL-encoded (EncodingType url keeps any byte XML cannot carry); '+' is a space. */
export const decodeKey = (value: string) =>
  // Most keys have nothing encoded: skipping them is a third of a page's mapping time.
  /[%+]/.test(value) ? decodeURIComponent(value.replace(/\+/g, ' ')) : value;

/** S3's ETags come in double quotes. */
const unquote = (etag: string | undefined) =>
  etag && etag.length > 1 && etag.startsWith('"') && etag.endsWith('"') ? etag.slice(1, -1) : (etag ?? '');

/** One page as entries: folders first, then objects; the folder's own marker object is left out. */
export function toEntries(page: ListObjectsV2CommandOutput, prefix: string): S3Entry[] {
  const entries: S3Entry[] = [];
  for (const common of page.CommonPrefixes ?? []) {
    if (common.Prefix) entries.push({ kind: 'folder', prefix: decodeKey(common.Prefix) });
  }
  for (const object of page.Contents ?? []) {
    if (!object.Key) continue;
    const key = decodeKey(object.Key);
    if (key === prefix && prefix !== '') continue;
    entries.push({
      kind: 'object',
      key,
      size: object.Size ?? 0,
      lastModified: object.LastModified?.getTime() ?? 0,
      storageClass: object.StorageClass ?? 'STANDARD',
      etag: unquote(object.ETag),
    });
  }
  return entries;
}

/**
 * One ListObjectsV2 page of `prefix`, 1,000 keys at most, keys URL-encoded (see decodeKey):
 * with delimiter "/" one folder level, without it the whole tree below.
 */
export function listObjectsPage(
  gateway: S3Gateway,
  { profile, bucket, prefix }: { profile: string; bucket: string; prefix: string },
  options: { delimiter?: '/'; token: string | undefined; signal: AbortSignal },
): Promise<ListObjectsV2CommandOutput> {
  const { delimiter, token, signal } = options;
  return gateway.call({ action: 'ListObjectsV2', profile, bucket, prefix, renewIfExpired: true }, (client) =>
    client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(delimiter ? { Delimiter: delimiter } : {}),
        MaxKeys: PAGE_SIZE,
        EncodingType: 'url',
        ...(token ? { ContinuationToken: token } : {}),
      }),
      { abortSignal: signal },
    ),
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

  private page(request: ListingRequest, token: string | undefined, signal: AbortSignal) {
    const pending = listObjectsPage(this.gateway, request, { delimiter: '/', token, signal });
    // Awaited later; until then a failure must not count as unhandled.
    pending.catch(() => undefined);
    return pending;
  }

  private async run(request: ListingRequest, signal: AbortSignal): Promise<void> {
    const { listingId } = request;
    let loaded = 0;
    let next = this.page(request, undefined, signal);
    for (;;) {
      let output: ListObjectsV2CommandOutput;
      try {
        output = await next;
      } catch (error) {
        if (signal.aborted) this.publish({ listingId, entries: [], loaded, done: true, stopped: true });
        else this.publish({ listingId, entries: [], loaded, done: true, error: this.jobs.failure(error) });
        return;
      }
      if (signal.aborted) {
        this.publish({ listingId, entries: [], loaded, done: true, stopped: true });
        return;
      }
      const token = output.IsTruncated ? output.NextContinuationToken : undefined;
      if (token) next = this.page(request, token, signal);
      const entries = toEntries(output, request.prefix);
      loaded += entries.length;
      this.publish({ listingId, entries, loaded, done: !token });
      if (!token) return;
    }
  }
}
