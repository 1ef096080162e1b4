import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { SandboxDescription } from '../../sandbox/src/aws-files';
import { startPreview, type Preview } from '../../dev/preview/preview';
import { PREVIEW_HANDOFF_FILES } from '../../dev/preview/preview-handoff';

// A preview of its own for the IAM Identity Center specs, started in the worker: a sign-in and a
// discovery put ~750 discovered roles into the role list, which the shared preview's specs must
// not see. What the app opens "in the browser" is read from <aws-dir>/handoff-out/browser.txt.

export interface SsoPreview {
  preview: Preview;
  description: SandboxDescription;
  /** The next page the app opens in the browser (browser.txt is cleared before `action`). */
  nextBrowserPage: (action: () => Promise<void>) => Promise<string>;
}

export const test = base.extend<{ problems: string[] }, { sso: SsoPreview }>({
  sso: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
    async ({}, use) => {
      const preview = await startPreview({ awsDir: join('.sandbox', 'e2e-sso'), port: 0 });
      const description = JSON.parse(await readFile(preview.sandboxJson, 'utf8')) as SandboxDescription;
      const browserFile = join(preview.awsDir, 'handoff-out', PREVIEW_HANDOFF_FILES.browser);
      const nextBrowserPage = async (action: () => Promise<void>) => {
        await rm(browserFile, { force: true });
        await action();
        let url = '';
        await expect
          .poll(async () => (url = (await readFile(browserFile, 'utf8').catch(() => '')).trim()), {
            message: 'the app to open a page in the browser',
            timeout: 10_000,
          })
          .not.toBe('');
        return url;
      };
      await use({ preview, description, nextBrowserPage });
      await preview.close();
    },
    { scope: 'worker' },
  ],
  // Every console error, page error and CSP violation on the app's page fails the test.
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    // Which request failed: the console's line does not say.
    // (A reload aborts the requests in flight: ERR_ABORTED is not a failure.)
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      if (reason !== 'net::ERR_ABORTED') {
        problems.push(`request failed: ${request.method()} ${new URL(request.url()).pathname} ${reason}`);
      }
    });
    await use(problems);
    expect(problems, 'console errors, page errors or CSP violations').toEqual([]);
  },
});

/** Fills the sandbox's sign-in page (the device code page or /authorize) and answers it. */
export async function answerSignInPage(
  page: Page,
  user: { userName: string; password: string },
  decision: 'Allow access' | 'Deny',
): Promise<void> {
  await page.getByLabel('User name').fill(user.userName);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: decision }).click();
}

export { expect };
