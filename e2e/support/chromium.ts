import { existsSync } from 'node:fs';

// The Chromium the browser tests and benches run: $ROLETRAY_CHROMIUM, else Debian's
// /usr/bin/chromium (Playwright's own download is not available here), else Playwright's bundled
// one; without the sandbox, the GPU or background traffic.

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const chromiumPath = (): string | undefined =>
  process.env['ROLETRAY_CHROMIUM'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
