import { randomUUID } from 'node:crypto';
import type { DownloadProgress, ListingPage } from '../shared/s3-view';
import type { ListingRequest } from '../electron/core/s3/listing';
import type { CoreHarness } from './core-harness';

// Listings and downloads as the renderer runs them, through the app's services and event hub:
// started with a fresh id, their events collected until the last one.

export /** Starts a listing and collects its pages until the last one; `onPage` sees each as it arrives. */
function listing(
  h: CoreHarness,
  request: Omit<ListingRequest, 'listingId'>,
  onPage?: (page: ListingPage, listingId: string) => void,
): Promise<ListingPage[]> {
  const listingId = randomUUID().slice(0, 12);
  const pages: ListingPage[] = [];
  return new Promise((resolve, reject) => {
    const stop = h.services.hub.subscribe((event, payload) => {
      if (event !== 's3:listing' || (payload as ListingPage).listingId !== listingId) return;
      const page = payload as ListingPage;
      pages.push(page);
      onPage?.(page, listingId);
      if (page.done) {
        stop();
        resolve(pages);
      }
    });
    h.services.s3.list({ ...request, listingId }).catch((error: Error) => {
      stop();
      reject(error);
    });
  });
}

export /** Starts a download and collects its progress until done. */
function download(
  h: CoreHarness,
  request: { profile: string; bucket: string; key?: string; prefix?: string },
) {
  const downloadId = randomUUID().slice(0, 12);
  const events: DownloadProgress[] = [];
  const finished = new Promise<DownloadProgress[]>((resolve, reject) => {
    const stop = h.services.hub.subscribe((event, payload) => {
      if (event !== 's3:download' || (payload as DownloadProgress).downloadId !== downloadId) return;
      events.push(payload as DownloadProgress);
      if ((payload as DownloadProgress).done) {
        stop();
        resolve(events);
      }
    });
    h.services.s3.download({ ...request, downloadId }).catch((error: Error) => {
      stop();
      reject(error);
    });
  });
  return { downloadId, finished };
}
