import { useCallback, useRef, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { DownloadProgress, FolderSize } from '../../../shared/s3-view';
import { newRequestId, request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { s3Uri } from '../../../shared/s3-names';
import { useRoleTrayEvent } from './useRoleTrayEvent';

// Downloads of a file or a whole folder: main asks where to save (a dialog in Electron), streams
// to disk and reports progress as `s3:download` events; the user can cancel each one. A folder is
// counted first (`s3:folder-size`), and one that is large waits for the user to say yes, with its
// number of files and size in front of them.

/** A folder download asks first from this many files, or this many bytes (1 GiB), on. */
export const ASK_FROM_FILES = 1_000;
export const ASK_FROM_BYTES = 1024 ** 3;

export interface DownloadSource {
  profile: string;
  bucket: string;
  key?: string;
  prefix?: string;
}

export type DownloadState =
  'counting' | 'confirm' | 'starting' | 'running' | 'done' | 'cancelled' | 'declined' | 'failed';

export interface DownloadItem {
  id: string;
  /** The S3 URI being downloaded. */
  source: string;
  folder: boolean;
  state: DownloadState;
  /** A folder's count, once made. */
  size?: FolderSize;
  progress?: DownloadProgress;
  error?: RoleTrayErrorInfo;
}

export interface S3Downloads {
  items: DownloadItem[];
  start: (source: DownloadSource) => void;
  /** Goes ahead with a large folder the user was asked about. */
  confirm: (id: string) => void;
  /** Stops a count, declines a question, or cancels a download (its saved files are kept). */
  cancel: (id: string) => void;
  dismiss: (id: string) => void;
}

function stateOf(progress: DownloadProgress): DownloadState {
  if (!progress.done) return 'running';
  if (progress.error) return 'failed';
  return progress.cancelled ? 'cancelled' : 'done';
}

const isLarge = (size: FolderSize) => size.files >= ASK_FROM_FILES || size.bytes >= ASK_FROM_BYTES;

export function useS3Downloads(): S3Downloads {
  const api = useRoleTrayApi();
  const [items, setItems] = useState<DownloadItem[]>([]);
  // What each item downloads, for the download that follows its count and question.
  const sources = useRef(new Map<string, DownloadSource>());

  const update = useCallback((id: string, change: (item: DownloadItem) => DownloadItem) => {
    setItems((current) => current.map((item) => (item.id === id ? change(item) : item)));
  }, []);

  useRoleTrayEvent('s3:download', (progress) => {
    update(progress.downloadId, (item) =>
      // A late progress event never reopens a finished download.
      item.state === 'running' || item.state === 'starting'
        ? {
            ...item,
            progress,
            state: stateOf(progress),
            ...(progress.error ? { error: progress.error } : {}),
          }
        : item,
    );
  });

  const fail = useCallback(
    (id: string, error: RoleTrayErrorInfo) => update(id, (item) => ({ ...item, state: 'failed', error })),
    [update],
  );

  const download = useCallback(
    (id: string) => {
      const source = sources.current.get(id);
      if (!api || !source) return;
      update(id, (item) => ({ ...item, state: 'starting' }));
      void request(api, 's3:download', {
        profile: source.profile,
        bucket: source.bucket,
        ...(source.key === undefined ? { prefix: source.prefix ?? '' } : { key: source.key }),
        downloadId: id,
      }).then((result) => {
        if (!result.ok) fail(id, result.error);
      });
    },
    [api, update, fail],
  );

  const start = useCallback(
    (source: DownloadSource) => {
      if (!api) return;
      const id = newRequestId('download');
      const folder = source.key === undefined;
      sources.current.set(id, source);
      const uri = s3Uri(source.bucket, source.key ?? source.prefix ?? '');
      setItems((current) => [
        ...current,
        { id, source: uri, folder, state: folder ? 'counting' : 'starting' },
      ]);
      if (!folder) return download(id);
      const { profile, bucket, prefix = '' } = source;
      void request(api, 's3:folder-size', { profile, bucket, prefix, countId: id }).then((result) => {
        if (!result.ok) return fail(id, result.error);
        const size = result.value;
        if (!size.complete) return update(id, (item) => ({ ...item, size, state: 'declined' }));
        if (isLarge(size)) return update(id, (item) => ({ ...item, size, state: 'confirm' }));
        update(id, (item) => ({ ...item, size }));
        download(id);
      });
    },
    [api, update, fail, download],
  );

  const cancel = useCallback(
    (id: string) => {
      if (!api) return;
      const item = items.find((candidate) => candidate.id === id);
      if (item?.state === 'counting') void request(api, 's3:list-stop', { listingId: id });
      else if (item?.state === 'confirm') update(id, (current) => ({ ...current, state: 'declined' }));
      else void request(api, 's3:download-cancel', { downloadId: id });
    },
    [api, items, update],
  );

  const dismiss = useCallback((id: string) => {
    sources.current.delete(id);
    setItems((current) => current.filter((item) => item.id !== id));
  }, []);

  return { items, start, confirm: download, cancel, dismiss };
}
