import { protocol } from 'electron';
import { APP_SCHEME } from './app-pages';
import { appProtocolHandler, type AppProtocolOptions } from './app-protocol-handler';

// The app:// protocol the pages load from, rather than file:// (which would give a page's scripts
// every file the file scheme reaches). Standard, so relative URLs, origins and 'self' work as on
// the web; secure, so the page is a secure context (the clipboard API needs one). Not corsEnabled
// (no other origin may read its files) and no bypassCSP.

/** Before the app is ready, as Electron requires. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // supportFetchAPI: the page's module scripts are CORS-mode requests to its own origin.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Once the app is ready: serve the built renderer. */
export function serveAppScheme(options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(options));
}
