import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { chromiumPath, launchChromium, UNLIMITED_FRAMES_FLAGS } from './chromium';
import { round } from './stats';

// `npm run bench:s3-render`: the S3 browser's list of the 100,000 keys under
// acme-prod-event-logs/events/2026/11/, rendered by the real renderer in Chromium against
// `npm run preview` (started here as a child process, on a free port). As the Prod role it measures:
//   first rows  time from opening the prefix to its first row on screen, and to the whole listing
//               (the first time, the sandbox generates the 100,000 keys; then again, warm);
//   DOM rows    row elements in the DOM with 100,000 entries loaded (target: under 200);
//   frames      scrolling from the top to the bottom in steps, one step per animation frame:
//               requestAnimationFrame deltas with the frame-rate limit and vsync off, so a delta is the
//               frame's real cost (script, style, layout, paint) rather than the display's 16.7 ms
//               (target: median under 16 ms); once in jumps of ~100 rows (every row new each frame)
//               and once in wheel-sized steps;
//   memory      the renderer's JS heap after a forced GC (CDP HeapProfiler.collectGarbage, then
//               Performance.getMetrics JSHeapUsedSize) with the entries loaded (target: under 150 MB),
//               and what the listing adds per entry over the bucket list's baseline.
// Chromium: Debian's /usr/bin/chromium (or ROLETRAY_CHROMIUM), with playwright.config.ts's flags.

const ROOT = join(import.meta.dirname, '..');
const AWS_DIR = join(ROOT, '.sandbox/bench-render');
const INFO = join(AWS_DIR, 'preview.json');
const PROFILE = 'prod-read-only';
const BUCKET = 'acme-prod-event-logs';
const PREFIX = 'events/2026/11/';
const ENTRIES = 100_000;
const JUMP_STEPS = 400;
const WHEEL_STEPS = 300;
const WHEEL_PX = 120;

const MEASURE_FLAGS = ['--enable-precise-memory-info', ...UNLIMITED_FRAMES_FLAGS];

interface PreviewInfo {
  url: string;
  token: string;
}

async function startPreview(): Promise<{ info: PreviewInfo; stop: () => Promise<void> }> {
  await mkdir(AWS_DIR, { recursive: true });
  await rm(INFO, { force: true });
  const child = spawn(
    'npm',
    ['run', 'preview', '--', '--build', '--port', '0', '--aws-dir', AWS_DIR, '--info', INFO],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // npm runs tsx runs the script: signal the whole group it leads.
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run preview exited early:\n${stderr}`);
    if (existsSync(INFO)) return { info: JSON.parse(await readFile(INFO, 'utf8')) as PreviewInfo, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`npm run preview did not start within 120 s:\n${stderr}`);
}

async function invoke(info: PreviewInfo, channel: string, request: unknown): Promise<void> {
  const response = await fetch(new URL(`/invoke/${channel}`, info.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ request }),
  });
  const body = (await response.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
}

async function heapMb(cdp: CDPSession): Promise<number> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  return used / 1024 / 1024;
}

interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  maxRows: number;
  lastVisible: boolean;
}

/** Scrolls the grid (`.object-grid`, which scrolls under its sticky header) one step per animation frame; rAF deltas and the most rows ever in the DOM. */
function scrollFrames(page: Page, mode: 'jump' | 'wheel'): Promise<FrameStats> {
  const steps = mode === 'jump' ? JUMP_STEPS : WHEEL_STEPS;
  // Browser code as a string: bench/ is compiled without DOM types.
  return page.evaluate<FrameStats>(`(async () => {
    const body = document.querySelector('.object-grid');
    body.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const max = body.scrollHeight - body.clientHeight;
    const deltas = [];
    let maxRows = 0;
    await new Promise((resolve) => {
      let step = 0;
      let last = performance.now();
      const frame = (now) => {
        if (step > 0) deltas.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, document.querySelectorAll('[role="grid"] [role="row"]').length);
        if (step === ${steps}) return resolve();
        step++;
        body.scrollTop = ${mode === 'jump' ? `Math.round((max * step) / ${steps})` : `Math.min(max, step * ${WHEEL_PX})`};
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    if (${mode === 'jump'}) await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const sorted = [...deltas].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)];
    const lastVisible = [...document.querySelectorAll('.entry-name')].some((e) => e.textContent === 'event-99999.json');
    return { frames: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1], maxRows, lastVisible };
  })()`);
}

/** Opens the prefix by its hash, as the tray would; times its first row and the whole listing, in the page. */
function openPrefix(page: Page): Promise<{ firstRowMs: number; allMs: number }> {
  return page.evaluate<{ firstRowMs: number; allMs: number }>(`(async () => {
    const start = performance.now();
    location.hash = '#browse=${PROFILE}/${BUCKET}/${PREFIX}';
    let firstRowMs;
    return new Promise((resolve) => {
      const poll = () => {
        const now = performance.now();
        if (firstRowMs === undefined && document.querySelector('[role="grid"] [aria-rowindex="2"]')) firstRowMs = now - start;
        const status = document.querySelector('.listing-status')?.textContent ?? '';
        if (status === '100,000 entries') return resolve({ firstRowMs, allMs: now - start });
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
  })()`);
}

function line(label: string, value: string, target: string, pass: boolean): void {
  console.log(
    `${label.padEnd(34)} ${value.padEnd(34)} target ${target.padEnd(14)} ${pass ? 'PASS' : 'FAIL'}`,
  );
}

const executablePath = chromiumPath();
const preview = await startPreview();
const browser = await launchChromium(MEASURE_FLAGS);
async function measure(): Promise<boolean> {
  const { info } = preview;
  await invoke(info, 'sessions:end-all', undefined);
  await invoke(info, 'sessions:assume', { profile: PROFILE });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  await page.goto(`${info.url}#browse=${PROFILE}`);
  await page.getByRole('button', { name: `Open bucket ${BUCKET}` }).waitFor();
  const baseline = await heapMb(cdp);

  // Open the prefix as the tray would (the hash), timing in the page.
  const timing = await openPrefix(page);
  const domRows = await page.locator('[role="grid"] [role="row"]').count();
  const domNodes = await page.evaluate<number>('document.getElementsByTagName("*").length');
  const loaded = await heapMb(cdp);
  const preciseMb = await page.evaluate<number>('performance.memory.usedJSHeapSize / 1024 / 1024');
  const perEntry = ((loaded - baseline) * 1024 * 1024) / ENTRIES;

  // Warm-up pass, then the measured ones.
  await scrollFrames(page, 'jump');
  const jump = await scrollFrames(page, 'jump');
  const wheel = await scrollFrames(page, 'wheel');

  // Again, with the sandbox's generated keys and the page warm: away to the buckets, then back.
  await page.evaluate(`location.hash = '#browse=${PROFILE}'`);
  await page.getByRole('button', { name: `Open bucket ${BUCKET}` }).waitFor();
  const warm = await openPrefix(page);

  console.log(`S3 browser rendering, ${ENTRIES.toLocaleString('en-US')} entries (s3://${BUCKET}/${PREFIX})`);
  console.log(`Chromium ${browser.version()} (${executablePath ?? 'bundled'}), viewport 1280x800\n`);
  line('first row on screen', `${round(timing.firstRowMs, 0)} ms`, '(informative)', true);
  line('whole listing streamed and shown', `${round(timing.allMs, 0)} ms`, '(informative)', true);
  line(
    'the same, opened a second time',
    `first row ${round(warm.firstRowMs, 0)} ms, all ${round(warm.allMs, 0)} ms`,
    '(informative)',
    true,
  );
  line('row elements in the DOM', `${domRows} (all elements: ${domNodes})`, '< 200', domRows < 200);
  line(
    'frames, top→bottom in jumps',
    `median ${round(jump.medianMs, 2)} ms, p95 ${round(jump.p95Ms, 2)}, max ${round(jump.maxMs, 1)}`,
    'median < 16 ms',
    jump.medianMs < 16,
  );
  console.log(`${''.padEnd(34)} (${jump.frames} frames, ~${Math.round(ENTRIES / JUMP_STEPS)} rows a step)`);
  line(
    'frames, wheel-sized steps',
    `median ${round(wheel.medianMs, 2)} ms, p95 ${round(wheel.p95Ms, 2)}, max ${round(wheel.maxMs, 1)}`,
    'median < 16 ms',
    wheel.medianMs < 16,
  );
  console.log(`${''.padEnd(34)} (${wheel.frames} frames of ${WHEEL_PX} px)`);
  line(
    'most row elements while scrolling',
    String(Math.max(jump.maxRows, wheel.maxRows)),
    '< 200',
    Math.max(jump.maxRows, wheel.maxRows) < 200,
  );
  line(
    'last key reached',
    jump.lastVisible ? 'event-99999.json on screen' : 'not on screen',
    'visible',
    jump.lastVisible,
  );
  line('JS heap, entries loaded (after GC)', `${round(loaded, 1)} MB`, '< 150 MB', loaded < 150);
  console.log(
    `${''.padEnd(34)} (performance.memory: ${round(preciseMb, 1)} MB; bucket list alone ${round(baseline, 1)} MB)`,
  );
  line('heap per entry', `${round(perEntry, 0)} bytes`, '(informative)', true);
  if (problems.length > 0) console.log(`\npage problems:\n  ${problems.join('\n  ')}`);
  return !(
    domRows >= 200 ||
    jump.medianMs >= 16 ||
    wheel.medianMs >= 16 ||
    loaded >= 150 ||
    !jump.lastVisible ||
    problems.length > 0
  );
}

try {
  process.exitCode = (await measure()) ? 0 : 1;
} finally {
  await browser.close();
  await preview.stop();
}
