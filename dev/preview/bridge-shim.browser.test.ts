import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MfaPromptView, RoleTrayApi } from '../../shared/ipc-contract';
import { startTestBridge, type TestBridge } from '../../test-support/test-bridge';

// The shim in a real browser: Chromium opens the bridge's page under the app's own CSP and uses
// `window.roletray` as the renderer does. Chromium is found as playwright.config.ts finds it; where
// none starts, the tests say so and skip.

const debianChromium = '/usr/bin/chromium';
const executablePath =
  process.env['ROLETRAY_CHROMIUM'] ?? (existsSync(debianChromium) ? debianChromium : undefined);

let browser: Browser | undefined;
let unavailable = '';
beforeAll(async () => {
  try {
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  } catch (error) {
    unavailable = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    console.warn(`bridge-shim.browser.test.ts skipped: no Chromium starts (${unavailable})`);
  }
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

let running: TestBridge | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** The page's globals as the shim sets them (this project has no DOM types; the page does). */
type PageGlobals = { roletray: RoleTrayApi };

/** Opens the bridge's page and collects script errors, CSP violations and every URL it requested. */
async function open(bridge: TestBridge): Promise<{ page: Page; problems: string[]; requested: string[] }> {
  const context = await browser!.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(bridge.bridge.url);
  return { page, problems, requested };
}

describe('window.roletray in a browser', () => {
  it('exists before the app runs, under the CSP, and hides the token from the address bar', async (context) => {
    if (!browser) return context.skip(unavailable);
    const bridge = (running = await startTestBridge());
    const { page, problems, requested } = await open(bridge);
    await expect.poll(() => page.locator('#root').textContent()).toBe('app sees roletray: object');
    expect(page.url()).toBe(`http://127.0.0.1:${bridge.bridge.port}/`);
    expect(
      await page.evaluate(() => {
        const api = (globalThis as unknown as PageGlobals).roletray;
        return {
          keys: Object.keys(api).sort(),
          frozen: Object.isFrozen(api),
          replaceable: Object.getOwnPropertyDescriptor(globalThis, 'roletray')?.writable,
        };
      }),
    ).toEqual({ keys: ['invoke', 'on'], frozen: true, replaceable: false });

    const listed = await page.evaluate(async () => {
      const api = (globalThis as unknown as PageGlobals).roletray;
      const result = await api.invoke('profiles:list');
      return result.ok ? result.value.roles.map((role) => role.name) : result.error;
    });
    expect(listed).toContain('prod-read-only');
    const invalid = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).roletray.invoke('sessions:assume', { profile: '' }),
    );
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'Validation' } });

    // A reload keeps working: the page cookie serves the files, the tab's storage keeps the token.
    await page.reload();
    const state = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).roletray.invoke('app:state'),
    );
    expect(state).toMatchObject({ ok: true, value: { version: 'test' } });
    expect(problems).toEqual([]);
    // The token was in one URL, the page's; the calls and the event stream carried it in a header.
    const origin = `http://127.0.0.1:${bridge.bridge.port}`;
    expect(requested.filter((url) => url.includes(bridge.bridge.token))).toEqual([bridge.bridge.url]);
    expect(requested).toEqual(
      expect.arrayContaining([`${origin}/events`, `${origin}/invoke/profiles%3Alist`]),
    );
    await page.context().close();
  });

  it('delivers events to each listener until it unsubscribes, and answers an MFA prompt', async (context) => {
    if (!browser) return context.skip(unavailable);
    const bridge = (running = await startTestBridge());
    const { page, problems } = await open(bridge);
    const code = bridge.h.t.mfaCode();
    const outcome = await page.evaluate(async (mfaCode) => {
      const api = (globalThis as unknown as PageGlobals).roletray;
      const heard: { event: string; payload: unknown }[] = [];
      // A throwing listener does not keep the others from hearing.
      api.on('sessions:event', () => {
        throw new Error('listener bug');
      });
      const stopChanges = api.on('sessions:event', (payload) =>
        heard.push({ event: 'sessions:event', payload }),
      );
      api.on('mfa:closed', (payload) => heard.push({ event: 'mfa:closed', payload }));
      // The renderer's MFA dialog, in one line.
      api.on('mfa:request', (prompt: MfaPromptView) => {
        heard.push({ event: 'mfa:request', payload: prompt.profile });
        void api.invoke('mfa:answer', { requestId: prompt.requestId, code: mfaCode });
      });
      const assumed = await api.invoke('sessions:assume', { profile: 'prod-read-only-mfa' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      stopChanges();
      const ended = await api.invoke('sessions:end', { profile: 'prod-read-only-mfa' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { assumed, ended, heard };
    }, code);
    expect(outcome.assumed).toMatchObject({ ok: true, value: { profile: 'prod-read-only-mfa', mfa: true } });
    expect(outcome.ended).toEqual({ ok: true });
    const changes = outcome.heard.slice(2);
    expect(outcome.heard.slice(0, 2)).toEqual([
      { event: 'mfa:request', payload: 'prod-read-only-mfa' },
      { event: 'mfa:closed', payload: { requestId: expect.any(String) } },
    ]);
    // The assume's changes (the MFA session's and the role's), none of the end's: the listener had
    // unsubscribed before the session ended.
    expect(changes.length).toBeGreaterThan(0);
    expect(changes).toEqual(changes.map(() => ({ event: 'sessions:event', payload: { type: 'changed' } })));
    // Reported as the page's error, once per event: the listener stayed subscribed, so it also
    // heard the end's change.
    expect(problems.length).toBeGreaterThan(changes.length);
    expect(problems).toEqual(problems.map((): unknown => expect.stringContaining('listener bug')));
    await page.context().close();
  });

  it('answers a typed error when the bridge is gone', async (context) => {
    if (!browser) return context.skip(unavailable);
    const bridge = (running = await startTestBridge());
    const { page } = await open(bridge);
    await bridge.bridge.close();
    const result = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).roletray.invoke('sessions:list'),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'Internal',
        message: 'The preview bridge cannot be reached: is `npm run preview` still running?',
      },
    });
    await page.context().close();
  });
});
