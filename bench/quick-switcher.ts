import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from './chromium';
import { startPreview } from '../dev/preview/preview';
import { round } from './stats';

// `npm run bench:quick-switcher`: how fast the quick switcher is ready to type into, with 1,000
// roles, in the real renderer (Chromium) against the preview.
//
// What it measures:
//   open     from navigation start (the page's timeOrigin: the stand-in for the switcher window
//            starting to load its page) to the moment the search box is document.activeElement AND
//            the role list has rows in the DOM (a MutationObserver and a focusin listener check on
//            every change, so this is not rounded to a frame); and to the frame after that (two
//            animation frames later: painted). A new page each run, so each pays for parsing the
//            bundle, the bridge's profiles:list / sessions:list round trips and the first render.
//   filter   from a keystroke (keydown) in the box to the list re-rendered for the new query (the
//            first DOM change after it), over the 1,000 roles, one character at a time (a key that
//            changes nothing on screen, such as the space between words, gives no sample).
//
// What it does not measure (both need Electron, which this machine does not have): the OS
// delivering the global shortcut to the app, and creating the BrowserWindow and its renderer
// process. Note that main creates the switcher's window once and then only hides and shows it, so
// from the second use on the page is already loaded and `open` is not paid at all: showing it
// focuses the box (the page's window 'focus' listener).
// Chromium: Debian's /usr/bin/chromium (or ROLETRAY_CHROMIUM), with playwright.config.ts's flags.

const ROOT = join(import.meta.dirname, '..');
const AWS_DIR = join(ROOT, '.sandbox/bench-switcher');
const ROLES = 1_000;
const ACCOUNTS = 50;
const RUNS = 25;
const WARMUP = 2;
const QUERY = 'bench-account-07 read';

/** 1,000 roles over 50 accounts, each with the sandbox as its endpoint (the preview refuses others). */
function generatedRoles(endpoint: string): string {
  const sections: string[] = [];
  for (let i = 0; i < ROLES; i++) {
    const account = String(300_000_000_000 + (i % ACCOUNTS)).padStart(12, '0');
    const role = ['ReadOnly', 'Deploy', 'Admin', 'Billing', 'Audit'][i % 5]!;
    sections.push(
      `[profile bench-account-${String(i % ACCOUNTS).padStart(2, '0')}-${role.toLowerCase()}-${i}]`,
      `role_arn = arn:aws:iam::${account}:role/${role}-${i}`,
      'source_profile = dev',
      'region = eu-west-1',
      `endpoint_url = ${endpoint}`,
      '',
    );
  }
  return `\n${sections.join('\n')}`;
}

// Runs in the page before its scripts: notes when the box has the focus with rows listed.
const READY_PROBE = `(() => {
  const check = () => {
    if (window.__switcherReady !== undefined) return;
    const active = document.activeElement;
    if (active && active.getAttribute('role') === 'combobox' && document.querySelector('[role="option"]')) {
      window.__switcherReady = performance.now();
      window.__optionsInDom = document.querySelectorAll('[role="option"]').length;
      requestAnimationFrame(() => requestAnimationFrame(() => (window.__switcherPainted = performance.now())));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('focusin', check, true);
})();`;

// Keystroke to the list's next DOM change.
const FILTER_PROBE = `(() => {
  window.__filterMs = [];
  let pressedAt;
  document.addEventListener('keydown', () => (pressedAt = performance.now()), true);
  const list = document.querySelector('[role="listbox"]');
  new MutationObserver(() => {
    if (pressedAt === undefined) return;
    window.__filterMs.push(performance.now() - pressedAt);
    pressedAt = undefined;
  }).observe(list, { childList: true, subtree: true, characterData: true, attributes: true });
})();`;

interface Summary {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

function summary(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return {
    runs: sorted.length,
    medianMs: round(median, 1),
    p95Ms: round(at(0.95), 1),
    minMs: round(sorted[0]!, 1),
    maxMs: round(sorted.at(-1)!, 1),
  };
}

interface OpenTimes {
  ready: number;
  painted: number;
  rows: number;
  status: string;
  loaded: number;
}

async function openOnce(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 640, height: 420 } });
  const page = await context.newPage();
  await page.addInitScript({ content: READY_PROBE });
  await page.goto(url);
  // Page code as strings: this half's tsconfig has no DOM types.
  // (A function, not a string: the page's CSP has no 'unsafe-eval' for a string predicate.)
  await page.waitForFunction(
    () => (globalThis as Record<string, unknown>)['__switcherPainted'] !== undefined,
  );
  const result = await page.evaluate<OpenTimes>(`({
    ready: window.__switcherReady,
    painted: window.__switcherPainted,
    rows: window.__optionsInDom,
    status: document.querySelector('[role="status"]')?.textContent ?? '',
    loaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0,
  })`);
  return { ...result, page, close: () => context.close() };
}

async function filterTimes(page: Page): Promise<number[]> {
  await page.evaluate(FILTER_PROBE);
  // One key at a time, each given time to render; a key that changes nothing shown (the space)
  // leaves no sample.
  for (const character of QUERY) {
    await page.keyboard.type(character);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(200);
  return page.evaluate<number[]>('window.__filterMs');
}

async function main(): Promise<void> {
  await rm(AWS_DIR, { recursive: true, force: true });
  const preview = await startPreview({ port: 0, awsDir: AWS_DIR, build: true });
  const browser = await launchChromium();
  try {
    await appendFile(preview.configFile, generatedRoles(preview.endpoint));
    const view = await preview.services.handlers['profiles:reload']();
    const roles = view.roles.length;
    if (roles < ROLES) throw new Error(`only ${roles} roles loaded; expected at least ${ROLES}`);
    const url = `${preview.url}#switcher`;

    const ready: number[] = [];
    const painted: number[] = [];
    const loaded: number[] = [];
    const filter: number[] = [];
    let rows = 0;
    let status = '';
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const opened = await openOnce(browser, url);
      if (run >= WARMUP) {
        ready.push(opened.ready);
        painted.push(opened.painted);
        loaded.push(opened.loaded);
        filter.push(...(await filterTimes(opened.page)));
      }
      rows = opened.rows;
      status = opened.status;
      await opened.close();
    }
    const figures = {
      roles,
      status,
      optionsInDom: rows,
      pageLoaded: summary(loaded),
      open: summary(ready),
      openPainted: summary(painted),
      filter: { query: QUERY, ...summary(filter) },
    };
    console.log(`quick switcher, ${roles} roles (the list said "${status}"; ${rows} rows in the DOM)`);
    const line = (name: string, s: Summary) =>
      `  ${name.padEnd(38)} median ${s.medianMs} ms  p95 ${s.p95Ms} ms  (min ${s.minMs}, max ${s.maxMs}, ${s.runs} samples)`;
    console.log(line('of which: → DOMContentLoaded (bundle)', figures.pageLoaded));
    console.log(line('open: navigation start → box focused, rows', figures.open));
    console.log(line('open: … → the next frame painted', figures.openPainted));
    console.log(line(`filter: keystroke → list re-rendered`, figures.filter));
    console.log('  not measured: the OS delivering the shortcut, creating the BrowserWindow (need Electron)');
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await preview.close();
  }
}

await main();
