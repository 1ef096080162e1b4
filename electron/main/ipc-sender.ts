// Who may talk to main: only the top frame of a window RoleTray created, while it shows one of the
// app's own pages. A page that navigated elsewhere, an iframe, or any other web contents is refused
// (the check GitHub Desktop's trusted-ipc-sender makes, plus the page's address).

export interface IpcSender {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame`; null when the frame navigated or closed before the message was handled. */
  frame: { url: string; isMainFrame: boolean } | null;
}

export function isTrustedSender(
  sender: IpcSender,
  appWebContentsIds: ReadonlySet<number>,
  isAppPage: (url: string) => boolean,
): boolean {
  const { frame } = sender;
  return (
    appWebContentsIds.has(sender.webContentsId) && frame !== null && frame.isMainFrame && isAppPage(frame.url)
  );
}
