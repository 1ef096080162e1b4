import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Browser tests drive the real renderer in Chromium. Here that is Debian's /usr/bin/chromium
// (Playwright's own browser download is not available); elsewhere Playwright's bundled one.
const debianChromium = '/usr/bin/chromium';
const executablePath =
  process.env['ROLETRAY_CHROMIUM'] ?? (existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:5199',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
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
  webServer: {
    command: 'npx vite preview --outDir out/renderer --host 127.0.0.1 --port 5199 --strictPort',
    url: 'http://127.0.0.1:5199',
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
