import { app, BrowserWindow, dialog } from 'electron';
import type { ChooseDownloadDestination } from '../core/s3/download-request';
import { destinationDialog } from './download-dialog';

// Where an S3 download goes, asked with Electron's own dialogs, attached to the window the user is
// in (so it is modal to it) and starting in the user's Downloads folder.

export function chooseWithDialog(): ChooseDownloadDestination {
  return async (request) => {
    const plan = destinationDialog(request, app.getPath('downloads'));
    const window = BrowserWindow.getFocusedWindow();
    if (plan.kind === 'save') {
      const saved = window
        ? await dialog.showSaveDialog(window, plan.options)
        : await dialog.showSaveDialog(plan.options);
      return saved.canceled || !saved.filePath ? undefined : saved.filePath;
    }
    const opened = window
      ? await dialog.showOpenDialog(window, plan.options)
      : await dialog.showOpenDialog(plan.options);
    return opened.canceled ? undefined : opened.filePaths[0];
  };
}
