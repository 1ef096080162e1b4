// What a download is asked with, and how a front end says where it goes (Electron's save dialog,
// the preview's downloads folder, a test's temp dir).

export interface DownloadRequest {
  profile: string;
  bucket: string;
  key?: string;
  prefix?: string;
  downloadId: string;
}

export interface DownloadDestinationRequest {
  /** `file`: a full path to save as; `folder`: an existing folder to create `suggestedName` in. */
  kind: 'file' | 'folder';
  profile: string;
  bucket: string;
  key?: string;
  prefix?: string;
  /** A single safe name (no separators, never "." or ".."). */
  suggestedName: string;
}

/** Asks where to save (a save or folder dialog); undefined when the user declined. */
export type ChooseDownloadDestination = (request: DownloadDestinationRequest) => Promise<string | undefined>;

export interface DownloadOptions {
  /** At most one progress event this often, besides the first and the last. Default 100 ms. */
  progressEveryMs?: number;
  /** GET requests of a folder download at once (a large object's parts count one each). Default 16. */
  concurrency?: number;
  /** Objects larger than this come in ranged parts of this size. Default 8 MiB. */
  partBytes?: number;
  log?: (message: string) => void;
}
