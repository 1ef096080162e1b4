import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { browseHash, MFA_HASH, roleHash } from '../../shared/app-hash';

// The only pages RoleTray loads: the built renderer's index.html (file://), or the electron-vite dev
// server's page in development. Navigation guards and the IPC sender check both ask `isAppPage`.

export interface AppPages {
  /** The main window: the role list. */
  mainUrl: string;
  /** The small MFA window: the same page, which renders only the MFA dialog for this hash. */
  mfaUrl: string;
  /** The main window opened on one role (the renderer reads `#role=<profile>`). */
  roleUrl: (profile: string) => string;
  /** The main window on the S3 browser with that role's session (`#browse=<profile>`). */
  browseUrl: (profile: string) => string;
  /** Whether `url` is one of the app's own pages (any hash). */
  isAppPage: (url: string) => boolean;
}

export interface AppPagesOptions {
  /** Where electron-vite put the renderer (`out/renderer`). */
  rendererDir: string;
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

export function appPages({ rendererDir, devServerUrl }: AppPagesOptions): AppPages {
  const dev = devServerUrl ? parse(devServerUrl) : undefined;
  if (devServerUrl && (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:'))) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, not ${devServerUrl}.`);
  }
  const indexFile = join(rendererDir, 'index.html');
  const base = dev ? new URL('/', dev).href : pathToFileURL(indexFile).href;
  const isAppPage = (url: string): boolean => {
    const candidate = parse(url);
    if (!candidate || candidate.search) return false;
    if (dev) {
      return (
        candidate.origin === dev.origin &&
        (candidate.pathname === '/' || candidate.pathname === '/index.html')
      );
    }
    // Compare file paths, not strings, so percent-encoding differences cannot sneak another file in.
    return candidate.protocol === 'file:' && !candidate.host && fileURLToPath(candidate) === indexFile;
  };
  return {
    mainUrl: base,
    mfaUrl: `${base}${MFA_HASH}`,
    roleUrl: (profile) => `${base}${roleHash(profile)}`,
    browseUrl: (profile) => `${base}${browseHash({ profile, prefix: '' })}`,
    isAppPage,
  };
}
