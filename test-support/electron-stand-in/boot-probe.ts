import { writeFileSync } from 'node:fs';
import { TEST_HOOKS_GLOBAL } from '../../electron/main/test-hooks';
import { BOOT_RECORD_ENV, type BootAnswers, type RecordedResponse } from './boot-record';
import {
  app,
  BrowserWindow,
  invokeHandler,
  pressShortcut,
  protocolResponse,
  record,
  standInEvents,
} from './electron';

// Loaded before main: once main shows its first window, its start() has run to the end. The probe
// then asks main what the page would (through the handlers main registered, from that window), and
// what a stranger would; loads the window's page and its script through main's protocol handler,
// and paths that must be refused; presses the global shortcut (the quick switcher); then quits the app as the tray's Quit does. The record is written at exit,
// whatever ended the process (a startup failure calls app.exit(1)).

const QUIT_STALLED_EXIT_CODE = 3;
const QUIT_DEADLINE_MS = 5_000;

const recordFile = process.env[BOOT_RECORD_ENV];
if (!recordFile) throw new Error(`${BOOT_RECORD_ENV} must name the file for the boot record.`);

process.on('exit', (code) => {
  record.exitCode = code;
  writeFileSync(recordFile, JSON.stringify(record, null, 2));
});

/** Paths out of the renderer folder to main's own bundle (out/main sits beside out/renderer). */
const OUT_OF_THE_RENDERER = [
  '..%2fmain%2findex.js',
  'assets/..%2F..%2Fmain%2Findex.js',
  '%2e%2e%2fmain%2findex.js',
  '..%5cmain%5cindex.js',
];

async function load(url: string): Promise<RecordedResponse> {
  try {
    const response = await protocolResponse(url);
    const contentType = response.headers.get('content-type');
    const text = /^text\/(html|plain)/.test(contentType ?? '') ? await response.text() : undefined;
    return {
      url,
      status: response.status,
      contentType,
      csp: response.headers.get('content-security-policy'),
      ...(text !== undefined ? { text } : {}),
    };
  } catch (error) {
    return { url, status: 0, contentType: null, csp: null, error: String(error) };
  }
}

async function loadPage(pageUrl: string): Promise<NonNullable<typeof record.protocol.answers>> {
  const page = await load(pageUrl);
  const src = /<script[^>]*\ssrc="([^"]+)"/.exec(page.text ?? '')?.[1] ?? 'no-script-in-the-page.js';
  const script = await load(new URL(src, pageUrl).href);
  const refused = await Promise.all(OUT_OF_THE_RENDERER.map((path) => load(new URL(path, pageUrl).href)));
  return { page, script, refused };
}

/** The window showing the quick switcher's page, once it has one. */
const switcherWindow = () =>
  BrowserWindow.getAllWindows().find((window) => window.webContents.getURL().endsWith('#switcher'));

/** Waits for the switcher to be shown (main shows a new window once it has painted). */
async function switcherShown(): Promise<void> {
  for (let tries = 0; tries < 100 && !switcherWindow()?.isVisible(); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The global shortcut as the user presses it: it opens the quick switcher, switcher:close from the
 * switcher's page hides it, the shortcut opens it again (the same window), and pressed while the
 * switcher is in front it hides it.
 */
async function driveSwitcher(): Promise<NonNullable<typeof record.switcher>> {
  const steps: NonNullable<typeof record.switcher>['steps'] = [];
  const note = (step: string) =>
    steps.push({
      step,
      visible: switcherWindow()?.isVisible() ?? false,
      windows: BrowserWindow.getAllWindows().length,
    });
  const accelerator = record.shortcuts[0];
  if (!accelerator) return { steps };
  pressShortcut(accelerator);
  await switcherShown();
  note('pressed');
  const window = switcherWindow();
  const fromSwitcher = window && {
    sender: { id: window.webContents.id },
    senderFrame: { url: window.webContents.getURL(), parent: null },
  };
  const closeAnswer = await invokeHandler('switcher:close', fromSwitcher, { reason: 'done' });
  note('closed by its page');
  pressShortcut(accelerator);
  await switcherShown();
  note('pressed again');
  pressShortcut(accelerator);
  note('pressed while in front');
  return { steps, closeAnswer, ...(window ? { url: window.webContents.getURL() } : {}) };
}

async function askAndQuit(window: BrowserWindow): Promise<void> {
  const page = {
    sender: { id: window.webContents.id },
    senderFrame: { url: window.webContents.getURL(), parent: null },
  };
  const stranger = { sender: { id: -1 }, senderFrame: { url: 'https://example.com/', parent: null } };
  // What ipcRenderer.invoke would resolve with: main's IpcResult, as the contract types it.
  record.answers = {
    appState: await invokeHandler('app:state', page),
    profiles: await invokeHandler('profiles:list', page),
    sessions: await invokeHandler('sessions:list', page),
    foreignSender: await invokeHandler('app:state', stranger),
  } as BootAnswers;
  record.testHooksInstalled = TEST_HOOKS_GLOBAL in globalThis;
  record.protocol.answers = await loadPage(window.webContents.getURL());
  record.switcher = await driveSwitcher();
  app.quit();
  // A quit that a window or handler refused leaves the app running: end it, and say so by the code.
  setTimeout(() => app.exit(QUIT_STALLED_EXIT_CODE), QUIT_DEADLINE_MS);
}

standInEvents.once('window-shown', (window: BrowserWindow) => {
  askAndQuit(window).catch((error: unknown) => {
    console.error(`boot probe: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(2);
  });
});
