import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from '../e2e/support/chromium';

// The benches' Chromium: the browser tests' (e2e/support/chromium.ts), plus what a bench adds
// (frame-rate limits off, precise memory).

export { chromiumPath };

/** Frames as fast as the page draws them, for frame-time figures. */
export const UNLIMITED_FRAMES_FLAGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

export function launchChromium(extraFlags: readonly string[] = []): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_FLAGS, ...extraFlags],
  });
}
