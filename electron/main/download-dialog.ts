import { join } from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { DownloadDestinationRequest } from '../core/s3/download-request';
import { s3Uri } from '../../shared/s3-names';

// Which dialog asks where an S3 download goes, and with what options: a save dialog for one object
// (the OS confirms an overwrite), a folder picker for a folder, which gets its own new folder inside.

export type DestinationDialog =
  { kind: 'save'; options: SaveDialogOptions } | { kind: 'open'; options: OpenDialogOptions };

export function destinationDialog(
  request: DownloadDestinationRequest,
  downloadsDir: string,
): DestinationDialog {
  const source = s3Uri(request.bucket, request.key ?? request.prefix ?? '');
  if (request.kind === 'file') {
    return {
      kind: 'save',
      options: {
        title: `Download ${source}`,
        defaultPath: join(downloadsDir, request.suggestedName),
        buttonLabel: 'Download',
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      },
    };
  }
  return {
    kind: 'open',
    options: {
      title: `Download ${source} into…`,
      message: `A new folder named “${request.suggestedName}” is created in the folder you choose.`,
      defaultPath: downloadsDir,
      buttonLabel: 'Download Here',
      properties: ['openDirectory', 'createDirectory'],
    },
  };
}
