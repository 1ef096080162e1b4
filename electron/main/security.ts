import { app, session, type WebContents } from 'electron';
import type { AppPages } from './app-pages';
import { navigationAllowed, permissionAllowed, withSecurityHeaders } from './security-policy';

// Applies security-policy.ts to Electron: the CSP header on the app's pages (the dev server's; the
// app:// protocol sends its own, which this replaces with the same), no permissions, and no web
// contents (window, frame, webview) going anywhere but the app's own pages.

export function installSecurity(pages: AppPages, csp: string, log: (message: string) => void): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Only the app's documents: DevTools and anything else keep their own headers.
    callback(
      pages.isAppPage(details.url)
        ? { responseHeaders: withSecurityHeaders(details.responseHeaders, csp) }
        : {},
    );
  });
  const fromAppPage = (contents: WebContents | null) =>
    contents !== null && pages.isAppPage(contents.getURL());
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    const allowed = permissionAllowed(permission, fromAppPage(contents));
    if (!allowed) log(`Refused the ${permission} permission to ${contents.getURL()}.`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((contents, permission) =>
    permissionAllowed(permission, fromAppPage(contents)),
  );
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, pages, log));
}

function guardWebContents(contents: WebContents, pages: AppPages, log: (message: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`Refused to open a window for ${url}.`);
    return { action: 'deny' };
  });
  const refuseForeign = (event: Electron.Event, url: string, what: string) => {
    if (navigationAllowed(url, pages.isAppPage)) return;
    event.preventDefault();
    log(`Refused ${what} to ${url}.`);
  };
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url, 'a navigation'));
  contents.on('will-redirect', (event) => refuseForeign(event, event.url, 'a redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Refused to attach a <webview>.');
  });
}
