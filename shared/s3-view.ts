import type { RoleTrayErrorInfo } from './errors';

// What the S3 browser shows: buckets, folders, objects, details and previews. Read-only by design;
// the renderer names a session by its profile and never sees its credentials.

export interface BucketView {
  name: string;
  /** From ListBuckets' BucketRegion, else GetBucketLocation; absent if neither was allowed. */
  region?: string;
  createdAt?: number;
}

export type S3Entry =
  | { kind: 'folder'; prefix: string }
  | { kind: 'object'; key: string; size: number; lastModified: number; storageClass: string; etag: string };

/** One batch of a streamed listing (event `s3:listing`). */
export interface ListingPage {
  listingId: string;
  /** Entries of this page only; the renderer appends. */
  entries: S3Entry[];
  /** Entries delivered so far, this page included. */
  loaded: number;
  /** No more pages will come (finished, stopped, or failed). */
  done: boolean;
  stopped?: boolean;
  /** Why the listing ended early, as a sentence (e.g. AccessDenied on this prefix). */
  error?: RoleTrayErrorInfo;
}

export interface ObjectDetails {
  bucket: string;
  key: string;
  size: number;
  lastModified: number;
  contentType?: string;
  etag?: string;
  versionId?: string;
  storageClass: string;
  serverSideEncryption?: string;
  metadata: Record<string, string>;
  s3Uri: string;
  arn: string;
}

export type PreviewKind = 'text' | 'json' | 'csv' | 'image' | 'unsupported';

export interface ObjectPreview {
  kind: PreviewKind;
  /** Text, JSON (pretty-printed when complete) or CSV source; absent for images and unsupported types. */
  text?: string;
  /** `data:` URL of the image bytes (CSP allows data: images). */
  imageDataUrl?: string;
  /** Only the first bytes were read (a Range request); the object is larger. */
  truncated: boolean;
  bytesRead: number;
  size: number;
  contentType?: string;
  /** Why there is no preview (too large an image, binary content, archived storage class). */
  reason?: string;
}

/** What a folder download would fetch (`s3:folder-size`), asked before a large one starts. */
export interface FolderSize {
  files: number;
  bytes: number;
  /** False when the count was stopped before the listing ended. */
  complete: boolean;
}

/** Progress of a download (event `s3:download`). */
export interface DownloadProgress {
  downloadId: string;
  /** Bytes written so far, and the expected total (sum of object sizes for a folder). */
  bytes: number;
  total: number;
  files: number;
  totalFiles: number;
  done: boolean;
  /** A folder still being listed: its totals are what was found so far, not the final ones. */
  listing?: boolean;
  cancelled?: boolean;
  /** What a cancelled download left, in a sentence (saved files are kept, to resume). */
  note?: string;
  /** Where it was saved, once done. */
  destination?: string;
  error?: RoleTrayErrorInfo;
}

export interface PresignedUrl {
  url: string;
  expiresAt: number;
  /** Why the URL lives less long than asked (the session ends sooner). */
  note?: string;
}
