import { test as base, expect, type Page } from '@playwright/test';
import { previewInfo, resetPreview } from './preview';

// `app`: the real renderer served by the preview, opened with its token, in a context allowed to use
// the clipboard. Every console error, page error and CSP violation is collected, and a test fails
// if there was any: the page must run under its own Content-Security-Policy, as inside Electron.

export interface AppPage {
  page: Page;
  /** Opens the page (after signing out of everything and clearing metadata), optionally at `hash`. */
  open: (hash?: string) => Promise<void>;
  /** Saves a full-page screenshot as a test artifact, in the test's output folder (test-results/…). */
  screenshot: (name: string) => Promise<string>;
}

export const test = base.extend<{ app: AppPage; problems: string[] }>({
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    // Browser code as a string: the Node half's tsconfig has no DOM types.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code')));`,
    });
    await use(problems);
    expect(problems, 'console errors, page errors or CSP violations').toEqual([]);
  },

  app: async ({ page, problems: _problems, context }, use, testInfo) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const info = await previewInfo();
    await use({
      page,
      open: async (hash = '') => {
        await resetPreview();
        await page.goto(`${info.url}${hash}`);
      },
      screenshot: async (name) => {
        const path = testInfo.outputPath(`${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
    });
  },
});

export { expect };
