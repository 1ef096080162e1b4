import type { RequestChannel } from '../shared/ipc-contract';
import type { DownloadProgress, ListingPage } from '../shared/s3-view';
import type { CoreHarness } from './core-harness';

// The S3 part of the leak tests' scenarios (app-services.test.ts, bridge-secrets.test.ts): every S3
// channel once, as the browser uses them, through whatever transport `call` is. A presigned URL is
// the one answer that holds a session's access key id and token (that is what presigning with
// temporary credentials means; the secret key stays in main), so it is returned apart for its own check.

/** Resolves when the hub carries the last event of this listing or download. */
export function finished(h: CoreHarness, event: 's3:listing' | 's3:download', id: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = h.services.hub.subscribe((name, payload) => {
      const item = payload as ListingPage & DownloadProgress;
      if (name === event && (item.listingId ?? item.downloadId) === id && item.done) {
        stop();
        resolve();
      }
    });
  });
}

export async function browseEveryS3Channel(
  h: CoreHarness,
  call: (channel: RequestChannel, payload: unknown) => Promise<unknown>,
): Promise<{ presigned: string; sessionSecrets: string[] }> {
  const profile = 'prod-read-only';
  const bucket = 'acme-prod-app-data';
  const object = { profile, bucket, key: 'README.txt' };
  await call('sessions:assume', { profile });
  await call('s3:buckets', { profile });
  const listed = finished(h, 's3:listing', 'leak-listing');
  await call('s3:list', { profile, bucket, prefix: '', listingId: 'leak-listing' });
  await listed;
  await call('s3:list-stop', { listingId: 'leak-listing' });
  await call('s3:folder-size', { profile, bucket, prefix: '', countId: 'leak-count' });
  await call('s3:head', object);
  await call('s3:preview', object);
  const downloaded = finished(h, 's3:download', 'leak-download');
  await call('s3:download', { ...object, downloadId: 'leak-download' });
  await downloaded;
  await call('s3:download-cancel', { downloadId: 'leak-download' });
  const session = h.manager.activeSession(profile)!.credentials;
  const presigned = JSON.stringify(await call('s3:presign', { ...object, expiresInSeconds: 300 }));
  return { presigned, sessionSecrets: [session.accessKeyId, session.sessionToken] };
}
