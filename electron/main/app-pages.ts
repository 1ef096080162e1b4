import { browseHash, MFA_HASH, roleHash, SWITCHER_HASH } from '../../shared/app-hash';

// The only pages RoleTray loads: the built renderer's index.html, served by the app's own app://
// protocol (app-protocol.ts), or the electron-vite dev server's page in development. Navigation
// guards and the IPC sender check both ask `isAppPage`.

/** A standard scheme needs a host; this one names nothing but the app's own files. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'roletray';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export interface AppPages {
  /** The main window: the role list. */
  mainUrl: string;
  /** The small MFA window: the same page, which renders only the MFA dialog for this hash. */
  mfaUrl: string;
  /** The quick switcher's window: the same page again, rendering only the switcher. */
  switcherUrl: string;
  /** The main window opened on one role (the renderer reads `#role=<profile>`). */
  roleUrl: (profile: string) => string;
  /** The main window on the S3 browser with that role's session (`#browse=<profile>`). */
  browseUrl: (profile: string) => string;
  /** Whether `url` is one of the app's own pages (any hash). */
  isAppPage: (url: string) => boolean;
}

export interface AppPagesOptions {
  /** `ELECTRON_RENDERER_URL`, honoured only when the app is not packaged. */
  devServerUrl?: string;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** app://roletray/index.html exactly: no credentials, port or other host (URL parsing has removed dot segments). */
function isBuiltPage(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    !url.username &&
    !url.password &&
    url.pathname === '/index.html'
  );
}

export function appPages({ devServerUrl }: AppPagesOptions = {}): AppPages {
  const dev = devServerUrl ? parse(devServerUrl) : undefined;
  if (devServerUrl && (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:'))) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, not ${devServerUrl}.`);
  }
  const base = dev ? new URL('/', dev).href : APP_INDEX_URL;
  const isAppPage = (url: string): boolean => {
    const candidate = parse(url);
    if (!candidate || candidate.search) return false;
    if (!dev) return isBuiltPage(candidate);
    return (
      candidate.origin === dev.origin && (candidate.pathname === '/' || candidate.pathname === '/index.html')
    );
  };
  return {
    mainUrl: base,
    mfaUrl: `${base}${MFA_HASH}`,
    switcherUrl: `${base}${SWITCHER_HASH}`,
    roleUrl: (profile) => `${base}${roleHash(profile)}`,
    browseUrl: (profile) => `${base}${browseHash({ profile, prefix: '' })}`,
    isAppPage,
  };
}
