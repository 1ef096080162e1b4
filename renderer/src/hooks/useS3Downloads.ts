import { useCallback, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { DownloadProgress } from '../../../shared/s3-view';
import { newRequestId, request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';
import { s3Uri } from '../../../shared/s3-names';
import { useRoleTrayEvent } from './useRoleTrayEvent';

// Downloads of a file or a whole folder: main asks where to save (a dialog in Electron), streams
// to disk and reports progress as `s3:download` events; the user can cancel each one.

export interface DownloadSource {
  profile: string;
  bucket: string;
  key?: string;
  prefix?: string;
}

export type DownloadState = 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

export interface DownloadItem {
  id: string;
  /** The S3 URI being downloaded. */
  source: string;
  folder: boolean;
  state: DownloadState;
  progress?: DownloadProgress;
  error?: RoleTrayErrorInfo;
}

export interface S3Downloads {
  items: DownloadItem[];
  start: (source: DownloadSource) => void;
  cancel: (id: string) => void;
  dismiss: (id: string) => void;
}

function stateOf(progress: DownloadProgress): DownloadState {
  if (!progress.done) return 'running';
  if (progress.error) return 'failed';
  return progress.cancelled ? 'cancelled' : 'done';
}

export function useS3Downloads(): S3Downloads {
  const api = useRoleTrayApi();
  const [items, setItems] = useState<DownloadItem[]>([]);

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

  const start = useCallback(
    (source: DownloadSource) => {
      if (!api) return;
      const id = newRequestId('download');
      const folder = source.key === undefined;
      setItems((current) => [
        ...current,
        { id, source: s3Uri(source.bucket, source.key ?? source.prefix ?? ''), folder, state: 'starting' },
      ]);
      void request(api, 's3:download', {
        profile: source.profile,
        bucket: source.bucket,
        ...(folder ? { prefix: source.prefix ?? '' } : { key: source.key! }),
        downloadId: id,
      }).then((result) => {
        if (!result.ok) update(id, (item) => ({ ...item, state: 'failed', error: result.error }));
      });
    },
    [api, update],
  );

  const cancel = useCallback(
    (id: string) => {
      if (api) void request(api, 's3:download-cancel', { downloadId: id });
    },
    [api],
  );

  const dismiss = useCallback((id: string) => {
    setItems((current) => current.filter((item) => item.id !== id));
  }, []);

  return { items, start, cancel, dismiss };
}
