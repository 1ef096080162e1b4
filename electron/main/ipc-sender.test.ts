import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './ipc-sender';

const appPage = 'file:///app/out/renderer/index.html';
const isAppPage = (url: string) => url.split('#')[0] === appPage;
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

  it('refuses an app window that navigated away from the app pages', () => {
    expect(
      isTrustedSender(
        { webContentsId: 3, frame: { url: 'https://evil.example/', isMainFrame: true } },
        windows,
        isAppPage,
      ),
    ).toBe(false);
  });

  it('refuses subframes and frames that are gone', () => {
    expect(
      isTrustedSender({ webContentsId: 3, frame: { url: appPage, isMainFrame: false } }, windows, isAppPage),
    ).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frame: null }, windows, isAppPage)).toBe(false);
  });
});
