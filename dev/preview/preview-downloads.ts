import { access, mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ChooseDownloadDestination } from '../../electron/core/s3/download-request';
import { s3Uri } from '../../shared/s3-names';

// The preview has no save dialog: downloads go to one folder next to the sandbox's files, a file
// never over an earlier one (`name (2).ext`), and each destination is logged so it can be found.

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export function previewDownloads(dir: string, log: (line: string) => void): ChooseDownloadDestination {
  return async (request) => {
    await mkdir(dir, { recursive: true });
    const source = s3Uri(request.bucket, request.key ?? request.prefix ?? '');
    if (request.kind === 'folder') {
      log(`preview: downloading ${source} into ${dir}`);
      return dir;
    }
    // suggestedName is a single safe segment (core/s3/download-paths.ts).
    const extension = extname(request.suggestedName);
    const stem = request.suggestedName.slice(0, request.suggestedName.length - extension.length);
    for (let attempt = 1; ; attempt++) {
      const path = join(dir, attempt === 1 ? request.suggestedName : `${stem} (${attempt})${extension}`);
      if (!(await exists(path))) {
        log(`preview: downloading ${source} to ${path}`);
        return path;
      }
    }
  };
}
