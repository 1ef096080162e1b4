import { describe, expect, it } from 'vitest';
import { pageFromHash } from '../../shared/app-hash';
import { appPages } from './app-pages';

const indexUrl = 'app://roletray/index.html';

describe('appPages', () => {
  it('addresses the built renderer on the app:// protocol: the main window, the MFA window and a role', () => {
    const pages = appPages();
    expect(pages.mainUrl).toBe(indexUrl);
    expect(pages.mfaUrl).toBe(`${indexUrl}#mfa`);
    expect(pages.switcherUrl).toBe(`${indexUrl}#switcher`);
    expect(pages.roleUrl('prod read/only')).toBe(`${indexUrl}#role=prod%20read%2Fonly`);
  });

  it('opens the S3 browser on a role with the hash the renderer reads back', () => {
    const url = appPages().browseUrl('prod read/only');
    expect(url).toBe(`${indexUrl}#browse=prod%20read%2Fonly`);
    expect(pageFromHash(new URL(url).hash)).toEqual({
      kind: 'browse',
      profile: 'prod read/only',
      prefix: '',
    });
  });

  it('recognises only its own app://roletray/index.html, whatever the hash', () => {
    const { isAppPage } = appPages();
    expect(isAppPage(indexUrl)).toBe(true);
    expect(isAppPage(`${indexUrl}#mfa`)).toBe(true);
    expect(isAppPage(`${indexUrl}#switcher`)).toBe(true);
    // Dot segments are gone once the URL is parsed, as Chromium parses a standard scheme's URL.
    expect(isAppPage('app://roletray/assets/../index.html')).toBe(true);
    expect(isAppPage('app://roletray/other.html')).toBe(false);
    expect(isAppPage('app://roletray/assets/index.js')).toBe(false);
    expect(isAppPage('app://roletray/')).toBe(false);
    expect(isAppPage('app://roletray//index.html')).toBe(false);
    expect(isAppPage(`${indexUrl}?next=https://evil.example`)).toBe(false);
    expect(isAppPage('app://elsewhere/index.html')).toBe(false);
    expect(isAppPage('app://roletray:8080/index.html')).toBe(false);
    expect(isAppPage('app://user:pass@roletray/index.html')).toBe(false);
    expect(isAppPage('apps://roletray/index.html')).toBe(false);
    // The pages no longer come from file://: no file is an app page, not even the built index.html.
    expect(isAppPage('file:///opt/RoleTray/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(isAppPage('file:///etc/passwd')).toBe(false);
    expect(isAppPage('https://roletray/index.html')).toBe(false);
    expect(isAppPage('not a url')).toBe(false);
  });

  it('in development, recognises the dev server page and nothing else', () => {
    const pages = appPages({ devServerUrl: 'http://localhost:5173' });
    expect(pages.mainUrl).toBe('http://localhost:5173/');
    expect(pages.mfaUrl).toBe('http://localhost:5173/#mfa');
    expect(pages.isAppPage('http://localhost:5173/#mfa')).toBe(true);
    expect(pages.isAppPage('http://localhost:5173/index.html')).toBe(true);
    expect(pages.isAppPage('http://localhost:5174/')).toBe(false);
    expect(pages.isAppPage('http://localhost:5173/@vite/client')).toBe(false);
    expect(pages.isAppPage(indexUrl)).toBe(false);
  });

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => appPages({ devServerUrl: 'file:///tmp/evil.html' })).toThrow(/http\(s\) URL/);
    expect(() => appPages({ devServerUrl: 'nonsense' })).toThrow(/http\(s\) URL/);
  });
});
