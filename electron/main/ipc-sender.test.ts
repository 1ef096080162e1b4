import { describe, expect, it } from 'vitest';
import { appPages } from './app-pages';
import { isTrustedSender } from './ipc-sender';

const { mainUrl: appPage, isAppPage } = appPages();
const windows = new Set([3, 7]);

describe('isTrustedSender', () => {
  it('trusts the top frame of an app window showing an app page', () => {
    expect(
      isTrustedSender({ webContentsId: 3, frame: { url: appPage, isMainFrame: true } }, windows, isAppPage),
    ).toBe(true);
    expect(
      isTrustedSender(
        { webContentsId: 7, frame: { url: `${appPage}#mfa`, isMainFrame: true } },
        windows,
        isAppPage,
      ),
    ).toBe(true);
  });

  it('refuses web contents the app did not create (a devtools or stray window)', () => {
    expect(
      isTrustedSender({ webContentsId: 4, frame: { url: appPage, isMainFrame: true } }, windows, isAppPage),
    ).toBe(false);
  });

  it('refuses an app window that navigated away from the app pages, to a file or another app:// page', () => {
    for (const url of [
      'https://evil.example/',
      'file:///opt/RoleTray/resources/app.asar/out/renderer/index.html',
      'app://roletray/assets/index.js',
      'app://elsewhere/index.html',
    ]) {
      expect(
        isTrustedSender({ webContentsId: 3, frame: { url, isMainFrame: true } }, windows, isAppPage),
      ).toBe(false);
    }
  });

  it('refuses subframes and frames that are gone', () => {
    expect(
      isTrustedSender({ webContentsId: 3, frame: { url: appPage, isMainFrame: false } }, windows, isAppPage),
    ).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frame: null }, windows, isAppPage)).toBe(false);
  });
});
