import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { launchChromium, UNLIMITED_FRAMES_FLAGS } from './chromium';
import { startPreview } from '../dev/preview/preview';
import { round } from './stats';

// `npm run bench:roles-list`: the roles list with 1,000 generated roles (the preview's
// `generatedRoles`, started here in-process) in Chromium at 960×640, measuring in the page:
//   frames while scrolling   one scroll step per animation frame, wheel-sized (120 px) from the top
//                            to the end, then in jumps of ~40 rows (every row new each frame);
//   frames while typing      a filter typed a key at a time (40 ms apart, a fast typist) while
//                            requestAnimationFrame records every frame, then erased again;
//   keystroke to list        per key, the time until the count and the rows show its result.
// requestAnimationFrame deltas with the frame-rate limit and vsync off, so a delta is the frame's
// real cost (script, style, layout, paint) rather than the display's 16.7 ms. Median and p95.

const ROOT = join(import.meta.dirname, '..');
const ROLES = 1000;
const QUERY = 'payments-07 readonly';
function stats(values: number[]): { frames: number; medianMs: number; p95Ms: number; maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
  return {
    frames: sorted.length,
    medianMs: round(at(0.5), 2),
    p95Ms: round(at(0.95), 2),
    maxMs: round(at(1), 2),
  };
}

/** Scrolls the list one step per frame to its end; the frames' deltas. */
function scrollFrames(page: Page, stepPx: number): Promise<number[]> {
  return page.evaluate(`(async () => {
    const list = document.querySelector('.role-list-scroll');
    list.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const deltas = [];
    let last = performance.now();
    await new Promise((resolve) => {
      const frame = (now) => {
        deltas.push(now - last);
        last = now;
        if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) return resolve();
        list.scrollTop += ${stepPx};
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    return deltas.slice(1);
  })()`);
}

async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const frame = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
}

function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(`(() => { window.__recording = false; return window.__frames.slice(1); })()`);
}

const preview = await startPreview({ awsDir: join(ROOT, '.sandbox/bench-roles'), generatedRoles: ROLES });
const browser = await launchChromium(UNLIMITED_FRAMES_FLAGS);
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 640 } });
  await page.goto(preview.url);
  await page.waitForSelector('[data-role-row]');
  const total = await page.evaluate(
    `document.querySelector('.roles-view .panel-heading [role="status"]').textContent`,
  );
  const domRows = await page.evaluate<number>(`document.querySelectorAll('[data-role-row]').length`);
  console.log(`roles list: ${String(total)}, ${domRows} role rows in the DOM, Chromium ${browser.version()}`);

  await scrollFrames(page, 120); // warm-up: the first pass draws and measures every row once
  const wheel = stats(await scrollFrames(page, 120));
  const jump = stats(await scrollFrames(page, 40 * 28));
  console.log(`scroll, 120 px a frame     ${JSON.stringify(wheel)}`);
  console.log(`scroll, ~40 rows a frame   ${JSON.stringify(jump)}`);

  const search = page.getByRole('searchbox', { name: 'Search roles' });
  for (let round_ = 0; round_ < 2; round_ += 1) {
    await search.fill('');
    await search.focus();
    await startFrameRecorder(page);
    const latencies: number[] = [];
    for (const key of QUERY) {
      await page.keyboard.type(key);
      await page.waitForTimeout(40);
    }
    const typed = await stopFrameRecorder(page);
    await startFrameRecorder(page);
    for (let length = QUERY.length; length > 0; length -= 1) {
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(40);
    }
    const erased = await stopFrameRecorder(page);
    // Keystroke to list, measured separately: each key, then the count it should show.
    await search.fill('');
    for (const query of ['p', 'pa', 'pay', 'payments-0', 'payments-07', QUERY]) {
      await search.fill(query.slice(0, -1));
      await page.waitForTimeout(30);
      const before = Date.now();
      await page.keyboard.type(query.at(-1)!);
      await page.waitForFunction(
        `document.querySelector('.search input').value === ${JSON.stringify(query)} && document.querySelector('.roles-view .panel-heading [role="status"]').textContent.includes('match')`,
      );
      latencies.push(Date.now() - before);
    }
    if (round_ === 1) {
      console.log(`typing "${QUERY}" (40 ms a key) ${JSON.stringify(stats(typed))}`);
      console.log(`erasing it again            ${JSON.stringify(stats(erased))}`);
      console.log(
        `key to filtered list, ms   ${JSON.stringify(stats(latencies))} (incl. Playwright's round trip)`,
      );
    }
  }
  const matched = await page.evaluate(
    `document.querySelector('.roles-view .panel-heading [role="status"]').textContent`,
  );
  console.log(`filtered: ${String(matched)}`);
} finally {
  await browser.close();
  await preview.close();
}
