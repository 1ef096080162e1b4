import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pageFromHash } from '../../shared/app-hash';
import { appPages } from './app-pages';

const rendererDir = join('/opt', 'RoleTray', 'out', 'renderer');
const indexUrl = pathToFileURL(join(rendererDir, 'index.html')).href;

describe('appPages', () => {
  it('addresses the built renderer by file URL: the main window, the MFA window and a role', () => {
    const pages = appPages({ rendererDir });
    expect(pages.mainUrl).toBe(indexUrl);
    expect(pages.mfaUrl).toBe(`${indexUrl}#mfa`);
    expect(pages.roleUrl('prod read/only')).toBe(`${indexUrl}#role=prod%20read%2Fonly`);
  });

  it('opens the S3 browser on a role with the hash the renderer reads back', () => {
    const url = appPages({ rendererDir }).browseUrl('prod read/only');
    expect(url).toBe(`${indexUrl}#browse=prod%20read%2Fonly`);
    expect(pageFromHash(new URL(url).hash)).toEqual({
      kind: 'browse',
      profile: 'prod read/only',
      prefix: '',
    });
  });

  it('recognises only its own index.html, whatever the hash', () => {
    const { isAppPage } = appPages({ rendererDir });
    expect(isAppPage(indexUrl)).toBe(true);
    expect(isAppPage(`${indexUrl}#mfa`)).toBe(true);
    expect(isAppPage(pathToFileURL(join(rendererDir, 'other.html')).href)).toBe(false);
    expect(isAppPage(pathToFileURL(join(rendererDir, 'assets', 'index.js')).href)).toBe(false);
    expect(isAppPage(pathToFileURL('/etc/passwd').href)).toBe(false);
    expect(isAppPage(`${indexUrl}?next=https://evil.example`)).toBe(false);
    expect(isAppPage(indexUrl.replace('index.html', 'assets/../index.html'))).toBe(true);
    expect(isAppPage(indexUrl.replace('file:///', 'file://fileserver/'))).toBe(false);
    expect(isAppPage('https://evil.example/index.html')).toBe(false);
    expect(isAppPage('not a url')).toBe(false);
  });

  it('in development, recognises the dev server page and nothing else', () => {
    const pages = appPages({ rendererDir, devServerUrl: 'http://localhost:5173' });
    expect(pages.mainUrl).toBe('http://localhost:5173/');
    expect(pages.mfaUrl).toBe('http://localhost:5173/#mfa');
    expect(pages.isAppPage('http://localhost:5173/#mfa')).toBe(true);
    expect(pages.isAppPage('http://localhost:5173/index.html')).toBe(true);
    expect(pages.isAppPage('http://localhost:5174/')).toBe(false);
    expect(pages.isAppPage('http://localhost:5173/@vite/client')).toBe(false);
    expect(pages.isAppPage(indexUrl)).toBe(false);
  });

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => appPages({ rendererDir, devServerUrl: 'file:///tmp/evil.html' })).toThrow(/http\(s\) URL/);
    expect(() => appPages({ rendererDir, devServerUrl: 'nonsense' })).toThrow(/http\(s\) URL/);
  });
});
