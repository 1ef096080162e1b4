import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { REQUEST_CHANNELS, type IpcResult, type RequestChannel } from '../../shared/ipc-contract';
import { dispatch } from '../app/dispatch';
import type { EventHub } from '../app/event-hub';
import type { Handlers } from '../app/handlers';
import type { AppPages } from './app-pages';
import { isTrustedSender, type IpcSender } from './ipc-sender';
import type { AppWindows } from './windows';

// The handler table on ipcMain, one handle per channel, behind the sender check; and the hub's
// events sent to every window the app created.

const REFUSED: IpcResult<never> = {
  ok: false,
  error: { kind: 'Validation', message: 'RoleTray answers only its own pages.' },
};

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  let frame: IpcSender['frame'] = null;
  try {
    const sender = event.senderFrame;
    if (sender) frame = { url: sender.url, isMainFrame: sender.parent === null };
  } catch {
    // The frame went away before the message was handled: nobody to trust.
  }
  return { webContentsId: event.sender.id, frame };
}

export interface IpcOptions {
  handlers: Handlers;
  windows: Pick<AppWindows, 'webContentsIds'>;
  pages: Pick<AppPages, 'isAppPage'>;
  log: (message: string) => void;
  /** After each handled request (the tray rebuilds when metadata changed). */
  onHandled?: (channel: RequestChannel) => void;
}

export function registerIpc({ handlers, windows, pages, log, onHandled }: IpcOptions): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const sender = senderOf(event);
      if (!isTrustedSender(sender, windows.webContentsIds(), pages.isAppPage)) {
        log(
          `Refused ${channel} from ${sender.frame?.url ?? 'a closed frame'} (web contents ${sender.webContentsId}).`,
        );
        return REFUSED;
      }
      const result = await dispatch(handlers, channel, payload, log);
      onHandled?.(channel);
      return result;
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

export function forwardEvents(hub: EventHub, windows: Pick<AppWindows, 'all'>): () => void {
  return hub.subscribe((event, payload) => {
    for (const window of windows.all()) {
      if (!window.webContents.isDestroyed()) window.webContents.send(event, payload);
    }
  });
}
