import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './e2e/support/chromium';
import { PREVIEW_AWS_DIR, PREVIEW_INFO, PREVIEW_PORT } from './e2e/support/preview-paths';

// Browser tests drive the real renderer in Chromium (e2e/support/chromium.ts says which).
const executablePath = chromiumPath();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PREVIEW_PORT}`,
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_FLAGS,
    },
  },
  projects: [
    {
      name: 'renderer',
      testMatch: /.*\.spec\.ts/,
      testIgnore: /electron\.spec\.ts/,
      use: { browserName: 'chromium' },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
  // The real UI in the browser: `npm run preview` starts the sandbox, the app's services against it
  // and the loopback bridge serving a fresh build of the renderer (with the shim providing
  // `window.roletray`). It writes the page URL (with its token) and sandbox.json's path to PREVIEW_INFO.
  // Without a token the bridge answers 403, which Playwright counts as up.
  webServer: {
    command: `npm run preview -- --build --port ${PREVIEW_PORT} --aws-dir ${PREVIEW_AWS_DIR} --info ${PREVIEW_INFO}`,
    url: `http://127.0.0.1:${PREVIEW_PORT}/`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
