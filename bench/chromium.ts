import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

// The Chromium the browser benches measure in: $ROLETRAY_CHROMIUM, else Debian's, else Playwright's
// own; with the flags the Playwright config uses (no sandbox, GPU or background traffic), plus what
// a bench adds (frame-rate limits off, precise memory).

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Frames as fast as the page draws them, for frame-time figures. */
export const UNLIMITED_FRAMES_FLAGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

export const chromiumPath = (): string | undefined =>
  process.env['ROLETRAY_CHROMIUM'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export function launchChromium(extraFlags: readonly string[] = []): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_FLAGS, ...extraFlags],
  });
}
