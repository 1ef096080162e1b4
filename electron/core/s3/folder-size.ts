import type { FolderSize } from '../../../shared/s3-view';
import type { BackgroundJobs } from './background-jobs';
import { relativePath } from './download-paths';
import type { S3Gateway } from './gateway';
import { listEntries } from './listing';

// What a folder download would fetch, counted before it starts, so the user is asked before
// 100,000 files land on their disk: the same listing and the same rule for what becomes a file as
// the download itself (download.ts). The count runs as one of the listings' jobs, so `s3:list-stop`
// with its id stops it; a stopped count answers with what it had counted and says it is not complete.

export interface FolderSizeRequest {
  profile: string;
  bucket: string;
  prefix: string;
  countId: string;
}

export async function countFolder(
  gateway: S3Gateway,
  jobs: BackgroundJobs,
  request: FolderSizeRequest,
): Promise<FolderSize> {
  const { profile, prefix, countId } = request;
  jobs.checkFree(countId);
  await gateway.sessions.credentials(profile);
  const job = jobs.add(countId, profile);
  let files = 0;
  let bytes = 0;
  try {
    await listEntries(gateway, request, {
      signal: job.controller.signal,
      onEntries: (entries) => {
        for (const entry of entries) {
          if (entry.kind === 'object' && relativePath(entry.key, prefix).kind === 'file') {
            files += 1;
            bytes += entry.size;
          }
        }
      },
    });
  } catch (error) {
    if (!job.stopped) throw error;
  } finally {
    jobs.forget(countId);
  }
  return { files, bytes, complete: !job.stopped };
}
