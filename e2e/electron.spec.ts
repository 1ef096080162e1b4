import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { PROD, startTestSandbox, type TestSandbox } from '../test-support/sandbox';
import { electronExecutable } from '../scripts/launch-plan';
import type { RoleTrayApi } from '../shared/ipc-contract';
import type { RoleTrayTestHooks } from '../electron/main/test-hooks';
import type { TrayMenuItem } from '../electron/main/tray-menu';

// The real Electron app (the build in out/, as `npm run test:browser` makes it) against a sandbox
// started here, with a throwaway userData folder. Playwright cannot click a tray menu, so the app
// runs with ROLETRAY_TEST=1 and main exposes the menu model and a click by item id
// (electron/main/test-hooks.ts), reached with `app.evaluate`.
//
// It needs the Electron binary, which `npm install` fetches on a user's machine, and on Linux a
// display (run under `xvfb-run` on a headless machine). Without either the spec says so and skips.

const root = join(import.meta.dirname, '..');
const electronDist = join(root, 'node_modules/electron/dist');
const hasElectron = existsSync(electronDist);
const needsDisplay =
  process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
const skipReason = !hasElectron
  ? `no Electron binary at ${electronDist} (run \`npx install-electron\`)`
  : needsDisplay
    ? 'no display on this Linux machine (run it under xvfb-run)'
    : undefined;
if (skipReason) console.warn(`electron.spec.ts skipped: ${skipReason}.`);

test.skip(skipReason !== undefined, skipReason);
test.describe.configure({ mode: 'serial' });

// What evaluated functions cast globalThis to. They run in main or in a page, so they cannot close
// over anything in this file; types are all they can share with it.
type TestGlobal = { __roletrayTest: RoleTrayTestHooks };
type PageGlobal = {
  roletray: RoleTrayApi;
  open(url: string): unknown;
  location: { href: string };
  require?: unknown;
  process?: unknown;
};

const SANDBOX_ROLES = [
  'prod-read-only',
  'prod-read-only-mfa',
  'prod-recent-mfa',
  'prod-audit',
  'prod-log-reader',
  'prod-break-glass',
  'contractor-prod-read-only',
];

let t: TestSandbox;
let userData: string;
let app: ElectronApplication;
let mainPage: Page;
let launchArgs: string[];
let launchEnv: Record<string, string>;

function find(items: TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inside = item.submenu && find(item.submenu, id);
    if (inside) return inside;
  }
  return undefined;
}

const menu = () => app.evaluate(() => (globalThis as unknown as TestGlobal).__roletrayTest.refreshMenu());
const click = (id: string) =>
  app.evaluate(
    (_electron, itemId) => (globalThis as unknown as TestGlobal).__roletrayTest.clickMenuItem(itemId),
    id,
  );
const roleLabel = async (profile: string) => find(await menu(), `role:${profile}`)?.label;

test.beforeAll(async () => {
  t = await startTestSandbox();
  userData = await mkdtemp(join(tmpdir(), 'roletray-e2e-userdata-'));
  // The user's own AWS settings must not leak in; nor a dev server URL.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !name.startsWith('AWS_') &&
        !['ELECTRON_RENDERER_URL', 'ELECTRON_RUN_AS_NODE', 'ROLETRAY_SANDBOX'].includes(name),
    ),
  ) as Record<string, string>;
  launchArgs = [
    root,
    // Keep the test away from the user's keyring or keychain: sessions stay in memory (Linux) or
    // in Chromium's mock keychain (macOS).
    ...(process.platform === 'linux' ? ['--password-store=basic'] : []),
    ...(process.platform === 'darwin' ? ['--use-mock-keychain'] : []),
    // Chromium refuses to run its sandbox as root (containers); the renderer's sandbox: true stays.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
  launchEnv = {
    ...env,
    AWS_CONFIG_FILE: t.description.configFile,
    AWS_SHARED_CREDENTIALS_FILE: t.description.credentialsFile,
    ROLETRAY_SANDBOX: join(t.awsDir, 'sandbox.json'),
    ROLETRAY_USER_DATA: userData,
    ROLETRAY_TEST: '1',
    // The credentials socket in the throwaway folder too, never the user's runtime dir.
    ROLETRAY_HANDOFF_DIR: join(userData, 'handoff'),
  };
  app = await electron.launch({ args: launchArgs, env: launchEnv });
  mainPage = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  await t?.stop();
  if (userData) await rm(userData, { recursive: true, force: true });
});

test('opens its main window with an isolated, sandboxed renderer that sees only window.roletray', async () => {
  await expect(mainPage.getByRole('heading', { level: 1, name: 'RoleTray' })).toBeVisible();
  expect(await mainPage.evaluate(() => typeof (globalThis as unknown as PageGlobal).require)).toBe(
    'undefined',
  );
  expect(await mainPage.evaluate(() => typeof (globalThis as unknown as PageGlobal).process)).toBe(
    'undefined',
  );
  expect(
    await mainPage.evaluate(() => Object.keys((globalThis as unknown as PageGlobal).roletray).sort()),
  ).toEqual(['invoke', 'on']);
  // The page's answers come through the preload, the sender check and the handler table.
  expect(
    await mainPage.evaluate(() => (globalThis as unknown as PageGlobal).roletray.invoke('app:state')),
  ).toMatchObject({ ok: true, value: { sandbox: { configFile: t.description.configFile } } });
});

test('created its windows with the secure webPreferences, and userData in the temp folder', async () => {
  const preferences = await app.evaluate(() =>
    (globalThis as unknown as TestGlobal).__roletrayTest.windowPreferences(),
  );
  expect(preferences.main).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
  });
  expect(preferences.main?.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
  expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(userData);
});

test('refuses navigation away from its pages, window.open and eval', async () => {
  const before = mainPage.url();
  // Served by the app's own protocol, not file://.
  expect(before).toMatch(/^app:\/\/roletray\/index\.html/);
  expect(
    await mainPage.evaluate(
      () => (globalThis as unknown as PageGlobal).open('https://example.com/') === null,
    ),
  ).toBe(true);
  await mainPage.evaluate(() => {
    (globalThis as unknown as PageGlobal).location.href = 'https://example.com/';
  });
  await mainPage.waitForTimeout(500);
  expect(mainPage.url()).toBe(before);
  // The Content-Security-Policy allows no eval.
  expect(
    await mainPage.evaluate(() => {
      try {
        return String(eval('1 + 1'));
      } catch (error) {
        return error instanceof EvalError ? 'blocked' : String(error);
      }
    }),
  ).toBe('blocked');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('serves its page from app:// with the CSP header, and nothing outside the renderer', async () => {
  const answers = await mainPage.evaluate(async () => {
    const get = async (path: string) => {
      const response = await fetch(path);
      return { status: response.status, csp: response.headers.get('content-security-policy') };
    };
    return { page: await get('./index.html'), out: await get('./..%2fmain%2findex.js') };
  });
  expect(answers.page).toEqual({ status: 200, csp: expect.stringContaining("script-src 'self'") });
  expect(answers.out.status).toBe(404);
});

test('replaces the default application menu; a checkout keeps DevTools under Develop', async () => {
  const { labels, name } = await app.evaluate(({ app: electronApp, Menu }) => ({
    labels: Menu.getApplicationMenu()?.items.map((item) => item.label),
    name: electronApp.getName(),
  }));
  expect(labels).toEqual(process.platform === 'darwin' ? [name, 'Edit', 'Develop'] : ['Develop']);
});

test("lists the sandbox's roles in the tray menu, grouped under their account's alias", async () => {
  const items = await menu();
  const heading = items.findIndex((item) => item.id === `account:${PROD}`);
  expect(items[heading]).toMatchObject({ label: `acme-prod (${PROD})`, enabled: false });
  const roleIds = items
    .slice(heading + 1)
    .filter((item) => item.id.startsWith('role:'))
    .map((item) => item.id.slice('role:'.length));
  expect(roleIds).toEqual(SANDBOX_ROLES);
  expect(find(items, 'role:prod-read-only-mfa')?.label).toBe('prod-read-only-mfa · MFA');
  expect(find(items, 'assume:prod-read-only')).toMatchObject({ label: 'Assume', enabled: true });
  for (const id of ['open-role:prod-read-only', 'copy-arn:prod-read-only', 'open-app', 'end-all', 'quit']) {
    expect(find(items, id), id).toBeDefined();
  }
  expect(find(items, 'end-all')?.enabled).toBe(false);
});

test('puts a favourite set in the window first in the tray menu', async () => {
  const result = await mainPage.evaluate(() =>
    (globalThis as unknown as PageGlobal).roletray.invoke('profiles:update-metadata', {
      profile: 'prod-audit',
      patch: { favourite: true },
    }),
  );
  expect(result).toMatchObject({ ok: true });
  await expect
    .poll(async () => (await menu()).find((item) => item.id.startsWith('role:'))?.label)
    .toBe('★ prod-audit');
});

test('assumes prod-read-only from the tray menu and shows the session with its time left', async () => {
  await click('assume:prod-read-only');
  expect(await roleLabel('prod-read-only')).toMatch(/^prod-read-only · (59|60) min left$/);
  const items = await menu();
  expect(find(items, 'renew:prod-read-only')).toMatchObject({ enabled: true });
  expect(find(items, 'end:prod-read-only')).toMatchObject({ enabled: true });
  expect(find(items, 'assume:prod-read-only')).toBeUndefined();
  expect(find(items, 'end-all')?.enabled).toBe(true);
  expect(
    await app.evaluate(() => (globalThis as unknown as TestGlobal).__roletrayTest.userMessages()),
  ).toEqual([]);
  // The window sees the same session.
  const sessions = await mainPage.evaluate(() =>
    (globalThis as unknown as PageGlobal).roletray.invoke('sessions:list'),
  );
  expect(sessions).toMatchObject({
    ok: true,
    value: [{ profile: 'prod-read-only', roleArn: `arn:aws:iam::${PROD}:role/DevReadOnly-CrossAccount` }],
  });
  // Browse S3 buckets loads the main window on the browser with that session.
  await click('browse-s3:prod-read-only');
  await expect(mainPage).toHaveURL(/#browse=prod-read-only$/);
  await expect(mainPage.getByRole('table', { name: 'Buckets prod-read-only can see' })).toContainText(
    'acme-prod-app-data',
  );
});

test('answers roletray-credentials over its socket with the session the tray assumed', async () => {
  const helper = join(root, 'out/cli/roletray-credentials.mjs');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [helper, 'prod-read-only'], {
      env: { PATH: process.env['PATH'] ?? '', ROLETRAY_HANDOFF_DIR: launchEnv['ROLETRAY_HANDOFF_DIR']! },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(stderr))));
  });
  const printed = JSON.parse(output) as { Version: number; AccessKeyId: string; Expiration: string };
  expect(printed.Version).toBe(1);
  expect(printed.AccessKeyId).toMatch(/^ASIA/);
  expect(Date.parse(printed.Expiration)).toBeGreaterThan(Date.now());
});

test('tells the user, in a sentence, when AWS refuses a role', async () => {
  await click('assume:contractor-prod-read-only');
  const messages = await app.evaluate(() =>
    (globalThis as unknown as TestGlobal).__roletrayTest.userMessages(),
  );
  expect(messages).toEqual([
    {
      title: 'RoleTray could not assume contractor-prod-read-only',
      body: expect.stringMatching(/^Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount\./),
    },
  ]);
});

test('asks for an MFA code in the MFA window when the main window is hidden', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((window) => window.hide()));
  const mfaWindow = app.waitForEvent('window');
  // Not awaited: the click finishes once the code is answered.
  await app.evaluate(() => {
    void (globalThis as unknown as TestGlobal).__roletrayTest.clickMenuItem('assume:prod-read-only-mfa');
  });
  const mfaPage = await mfaWindow;
  await mfaPage.waitForURL(/index\.html#mfa$/);
  const preferences = await app.evaluate(() =>
    (globalThis as unknown as TestGlobal).__roletrayTest.windowPreferences(),
  );
  expect(preferences.mfa).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as TestGlobal).__roletrayTest.mfaPrompts().length))
    .toBe(1);
  expect(find(await menu(), 'open-mfa:prod-read-only-mfa')).toBeDefined();
  const [prompt] = await app.evaluate(() =>
    (globalThis as unknown as TestGlobal).__roletrayTest.mfaPrompts(),
  );
  expect(prompt).toMatchObject({ profile: 'prod-read-only-mfa', serial: t.mfaSerial() });

  // Answered from the MFA window's page, through its preload, as its dialog would.
  const answer = await mfaPage.evaluate(
    ({ requestId, code }) =>
      (globalThis as unknown as PageGlobal).roletray.invoke('mfa:answer', { requestId, code }),
    { requestId: prompt!.requestId, code: t.mfaCode() },
  );
  expect(answer).toEqual({ ok: true, value: undefined });
  await expect.poll(() => roleLabel('prod-read-only-mfa'), { timeout: 10_000 }).toMatch(/ · MFA · .* left$/);
  // Its job done, the MFA window hides again (it is kept for the next prompt).
  await expect
    .poll(() =>
      app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()
          .filter((window) => window.webContents.getURL().endsWith('#mfa'))
          .map((window) => window.isVisible()),
      ),
    )
    .toEqual([false]);
});

test('a second launch with the same profile shows the running app and exits', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((window) => window.hide()));
  const executable = electronExecutable();
  expect(executable).toBeDefined();
  const second = spawn(executable!, launchArgs, { env: launchEnv, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
  expect(code).toBe(0);
  await expect
    .poll(() =>
      app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()
          .filter((window) => !window.webContents.getURL().endsWith('#mfa'))
          .map((window) => window.isVisible()),
      ),
    )
    .toEqual([true]);
});

test('signs out of all sessions from the tray menu', async () => {
  await click('end-all');
  const items = await menu();
  expect(find(items, 'assume:prod-read-only')).toBeDefined();
  expect(find(items, 'role:prod-read-only')?.label).toBe('prod-read-only');
  expect(find(items, 'end-all')?.enabled).toBe(false);
});
