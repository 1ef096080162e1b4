import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import { ListingStore, type ListingExtent } from '../lib/listing-store';
import { newRequestId, request } from '../lib/roletray-client';
import { useRoleTrayApi } from '../state/RoleTrayApiContext';

// A folder's listing, streamed from main: `s3:list` starts it and its pages arrive as `s3:listing`
// events (subscribed before asking, so the first page cannot be missed). The first page is shown
// the moment it arrives; later ones are appended to the store at once but re-rendered at most
// every FLUSH_MS, so 100 pages do not mean 100 renders of a sorted view. Leaving the folder, or
// Stop, stops the listing in main.

export type ListingStatus = 'starting' | 'streaming' | 'done' | 'stopped' | 'failed';

export interface ListingTarget {
  profile: string;
  bucket: string;
  prefix: string;
}

export interface Listing {
  store: ListingStore;
  /** What of the store to show: a new object whenever entries were added (for memoised views). */
  extent: ListingExtent;
  status: ListingStatus;
  /** Entries main has delivered. */
  loaded: number;
  error?: RoleTrayErrorInfo;
  stop: () => void;
}

interface Snapshot {
  key: string;
  store: ListingStore;
  extent: ListingExtent;
  status: ListingStatus;
  loaded: number;
  error?: RoleTrayErrorInfo;
}

const FLUSH_MS = 120;
const EMPTY = new ListingStore('');

export function useS3Listing(target: ListingTarget, attempt: number): Listing {
  const api = useRoleTrayApi();
  const { profile, bucket, prefix } = target;
  const key = JSON.stringify([profile, bucket, prefix, attempt]);
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const runningId = useRef<string>(undefined);

  useEffect(() => {
    if (!api) return undefined;
    const listingId = newRequestId('list');
    const store = new ListingStore(prefix);
    let loaded = 0;
    let status: ListingStatus = 'starting';
    let error: RoleTrayErrorInfo | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    runningId.current = listingId;

    const flush = () => {
      timer = undefined;
      const extent = { folders: store.folderCount, objects: store.objectCount };
      setSnapshot({ key, store, extent, status, loaded, ...(error ? { error } : {}) });
    };
    const finish = () => {
      finished = true;
      off();
      if (timer !== undefined) clearTimeout(timer);
      flush();
    };
    const off = api.on('s3:listing', (page) => {
      if (page.listingId !== listingId || finished) return;
      const first = store.count === 0;
      store.append(page.entries);
      loaded = page.loaded;
      if (page.done) {
        status = page.error ? 'failed' : page.stopped ? 'stopped' : 'done';
        error = page.error;
        finish();
        return;
      }
      status = 'streaming';
      if (first) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    });

    void request(api, 's3:list', { profile, bucket, prefix, listingId }).then((result) => {
      if (result.ok || finished) return;
      status = 'failed';
      error = result.error;
      finish();
    });

    return () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
      if (!finished) void request(api, 's3:list-stop', { listingId });
      finished = true;
    };
  }, [api, key, profile, bucket, prefix]);

  const stop = useCallback(() => {
    const listingId = runningId.current;
    if (api && listingId) void request(api, 's3:list-stop', { listingId });
  }, [api]);

  if (snapshot?.key === key) {
    const { store, extent, status, loaded, error } = snapshot;
    return { store, extent, status, loaded, ...(error ? { error } : {}), stop };
  }
  // Until the first answer: an empty listing of the folder being opened.
  return { store: EMPTY, extent: { folders: 0, objects: 0 }, status: 'starting', loaded: 0, stop };
}
