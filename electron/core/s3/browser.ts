import type {
  BucketView,
  DownloadProgress,
  ListingPage,
  ObjectDetails,
  FolderSize,
  ObjectPreview,
  PresignedUrl,
} from '../../../shared/s3-view';
import type { Clock } from '../credentials';
import { listBuckets } from './buckets';
import { S3Downloads } from './download';
import { countFolder, type FolderSizeRequest } from './folder-size';
import type { ChooseDownloadDestination, DownloadOptions, DownloadRequest } from './download-request';
import { S3Gateway } from './gateway';
import { S3Listings, type ListingRequest } from './listing';
import { headObject, type ObjectRequest } from './objects';
import { presignGetObject, type PresignRequest } from './presign';
import { previewObject } from './preview';
import type { S3Sessions } from './sessions';

// The read-only S3 browser as one service, one method per IPC channel: buckets, streamed listings,
// object details, previews, downloads and presigned GETs, all over the sessions core's credentials.
// Pages and progress leave through the two publish callbacks (the app sends them to its event hub).

export interface S3BrowserDeps {
  sessions: S3Sessions;
  clock: Clock;
  publishListing: (page: ListingPage) => void;
  publishDownload: (progress: DownloadProgress) => void;
  /** Where downloads go (a save dialog in Electron); without it downloads are refused. */
  chooseDownloadDestination?: ChooseDownloadDestination;
  download?: DownloadOptions;
  log?: (message: string) => void;
}

export class S3Browser {
  readonly gateway: S3Gateway;
  readonly listings: S3Listings;
  readonly downloads: S3Downloads;

  constructor(deps: S3BrowserDeps) {
    this.gateway = new S3Gateway(deps.sessions, deps.clock);
    this.listings = new S3Listings(this.gateway, deps.publishListing, deps.log);
    this.downloads = new S3Downloads(this.gateway, deps.chooseDownloadDestination, deps.publishDownload, {
      ...deps.download,
      ...(deps.log ? { log: deps.log } : {}),
    });
  }

  buckets(profile: string): Promise<BucketView[]> {
    return listBuckets(this.gateway, profile);
  }

  list(request: ListingRequest): Promise<void> {
    return this.listings.start(request);
  }

  stopListing(listingId: string): void {
    this.listings.jobs.stop(listingId);
  }

  /** Counted as a listing job: `stopListing(countId)` stops it. */
  folderSize(request: FolderSizeRequest): Promise<FolderSize> {
    return countFolder(this.gateway, this.listings.jobs, request);
  }

  head(request: ObjectRequest): Promise<ObjectDetails> {
    return headObject(this.gateway, request);
  }

  preview(request: ObjectRequest): Promise<ObjectPreview> {
    return previewObject(this.gateway, request);
  }

  download(request: DownloadRequest): Promise<void> {
    return this.downloads.start(request);
  }

  cancelDownload(downloadId: string): void {
    this.downloads.jobs.stop(downloadId);
  }

  presign(request: PresignRequest): Promise<PresignedUrl> {
    return presignGetObject(this.gateway, request);
  }

  /**
   * Stops what runs on a session the user is ending (or on every session): a listing or download
   * under way would otherwise renew the session it needs, undoing the user's sign-out.
   */
  stopWork(profile?: string): void {
    this.listings.jobs.stopAll(profile);
    this.downloads.jobs.stopAll(profile);
  }

  close(): void {
    this.listings.jobs.stopAll();
    this.downloads.jobs.stopAll();
    this.gateway.close();
  }
}
