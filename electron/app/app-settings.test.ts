import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_SCHEMAS } from '../../shared/ipc-schemas';
import type { SettingsView } from '../../shared/settings-view';
import { AppSettingsService, type SettingsAppliers } from './app-settings';
import { dispatch } from './dispatch';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';

// The settings module: each field's validation sentence, persistence in a real store (and the old
// globalShortcut key folded in), and what main applies, through injected fakes; then, against the
// sandbox, the default session duration reaching AssumeRole.

const dirs: string[] = [];
let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function store() {
  const cwd = await mkdtemp(join(tmpdir(), 'roletray-settings-'));
  dirs.push(cwd);
  return new Conf<Record<string, unknown>>({ cwd, configName: 'roletray' });
}

function fakes(taken: string[] = []) {
  const calls: string[] = [];
  const published: SettingsView[] = [];
  const appliers: Required<SettingsAppliers> = {
    registerShortcut: (accelerator, previous) => {
      calls.push(`register ${accelerator} (was ${previous ?? 'none'})`);
      return taken.includes(accelerator) ? `The shortcut ${accelerator} is taken by another app.` : undefined;
    },
    setLoginItem: ({ openAtLogin, startHidden }) => {
      calls.push(`login ${openAtLogin} hidden ${startHidden}`);
      return undefined;
    },
  };
  return { calls, published, appliers, publish: (view: SettingsView) => published.push(view) };
}

const refusal = (patch: unknown) => {
  const parsed = REQUEST_SCHEMAS['settings:set'].safeParse(patch);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
};

describe('settings:set validation', () => {
  it('says what each field takes', () => {
    expect(refusal({ globalShortcut: 'R' })).toBe(
      'a shortcut is one key with at least one modifier (Ctrl, Alt, Shift, Super), as Ctrl+Shift+R',
    );
    expect(refusal({ globalShortcut: 'Ctrl+Shift+R' })).toBeUndefined();
    expect(refusal({ theme: 'blue' })).toBe('a theme is system, light or dark');
    expect(refusal({ defaultSessionSeconds: 899 })).toBe(
      'a session lasts at least 900 s (15 min), the least AWS gives',
    );
    expect(refusal({ defaultSessionSeconds: 43_201 })).toContain("at most 43,200 s (12 h), AWS's limit");
    expect(refusal({ defaultSessionSeconds: 1800.5 })).toBe('a session duration is whole seconds');
    expect(refusal({ defaultSessionSeconds: '3600' })).toBe('a session duration is a number of seconds');
    expect(refusal({ clipboardClearSeconds: 601 })).toBe(
      'copied secrets stay at most 600 s (10 min) on the clipboard',
    );
    expect(refusal({ clipboardClearSeconds: -1 })).toBe('a clipboard time is 0 (never cleared) or more');
    expect(refusal({ colour: 'red' })).toBeDefined();
  });
});

describe('AppSettingsService', () => {
  it('persists a patch, keeps the other fields, publishes, and reads it back after a restart', async () => {
    const kv = await store();
    const f = fakes();
    const settings = new AppSettingsService({ store: kv, publish: f.publish, ...f.appliers });
    expect(settings.view().settings).toMatchObject({ theme: 'system', defaultSessionSeconds: 3600 });
    settings.set({ theme: 'dark', defaultSessionSeconds: 7200, clipboardClearSeconds: 10 });
    expect(f.published.at(-1)?.settings).toMatchObject({ theme: 'dark', defaultSessionSeconds: 7200 });
    const again = new AppSettingsService({ store: kv, publish: () => undefined });
    expect(again.view().settings).toMatchObject({
      theme: 'dark',
      defaultSessionSeconds: 7200,
      clipboardClearSeconds: 10,
      globalShortcut: 'CommandOrControl+Alt+R',
    });
  });

  it('folds the old globalShortcut key in, and drops it once settings are saved', async () => {
    const kv = await store();
    kv.set('globalShortcut', 'Ctrl+Shift+K');
    const f = fakes();
    const settings = new AppSettingsService({ store: kv, publish: f.publish, ...f.appliers });
    settings.start();
    expect(f.calls).toEqual(['register Ctrl+Shift+K (was none)']);
    settings.set({ theme: 'light' });
    expect(kv.get('globalShortcut')).toBeUndefined();
    expect(new AppSettingsService({ store: kv, publish: () => undefined }).settings.globalShortcut).toBe(
      'Ctrl+Shift+K',
    );
  });

  it('re-registers a new shortcut; one the OS refuses is a sentence and changes nothing', async () => {
    const kv = await store();
    const f = fakes(['Ctrl+Alt+T']);
    const settings = new AppSettingsService({ store: kv, publish: f.publish, ...f.appliers });
    settings.start();
    settings.set({ globalShortcut: 'Ctrl+Shift+R' });
    expect(() => settings.set({ globalShortcut: 'Ctrl+Alt+T', theme: 'dark' })).toThrow(
      'The shortcut Ctrl+Alt+T is taken by another app. RoleTray keeps Ctrl+Shift+R.',
    );
    expect(settings.settings).toMatchObject({ globalShortcut: 'Ctrl+Shift+R', theme: 'system' });
    expect(f.calls).toEqual([
      'register CommandOrControl+Alt+R (was none)',
      'register Ctrl+Shift+R (was CommandOrControl+Alt+R)',
      'register Ctrl+Alt+T (was Ctrl+Shift+R)',
    ]);
  });

  it('sets the login item only when it changes', async () => {
    const f = fakes();
    const settings = new AppSettingsService({ store: await store(), publish: f.publish, ...f.appliers });
    settings.set({ theme: 'dark' });
    settings.set({ openAtLogin: true });
    settings.set({ startHidden: false });
    expect(f.calls).toEqual(['login true hidden true', 'login true hidden false']);
  });
});

describe('settings in the app, against the sandbox', () => {
  it('the default session duration goes to AssumeRole for a profile without duration_seconds', async () => {
    const h = (harness = await startCoreHarness());
    const set = await dispatch(h.services.handlers, 'settings:set', { defaultSessionSeconds: 1800 });
    expect(set).toMatchObject({ ok: true, value: { settings: { defaultSessionSeconds: 1800 } } });
    const session = await h.manager.assume('prod-read-only');
    const seconds = (session.expiresAt - h.t.clock.now()) / 1000;
    expect(seconds).toBeGreaterThan(1790);
    expect(seconds).toBeLessThanOrEqual(1800);
    expect(await dispatch(h.services.handlers, 'settings:set', { defaultSessionSeconds: 60 })).toMatchObject({
      ok: false,
      error: {
        kind: 'Validation',
        message:
          'Invalid settings:set request (defaultSessionSeconds): a session lasts at least 900 s (15 min), the least AWS gives.',
      },
    });
  });

  it('copied secrets are cleared after the clipboard setting, read at the next copy', async () => {
    let clipboard = '';
    const h = (harness = await startCoreHarness({
      handoff: () => ({
        writeClipboard: async (text) => void (clipboard = text),
        readClipboard: async () => clipboard,
      }),
    }));
    await h.manager.assume('prod-read-only');
    const copy = () =>
      dispatch(h.services.handlers, 'handoff:copy-env', { profile: 'prod-read-only', shell: 'sh' });
    expect(await copy()).toMatchObject({ ok: true, value: { clearedAfterSeconds: 45 } });
    await dispatch(h.services.handlers, 'settings:set', { clipboardClearSeconds: 1 });
    expect(await copy()).toMatchObject({ ok: true, value: { clearedAfterSeconds: 1 } });
    expect(clipboard).toContain('AWS_SESSION_TOKEN');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(clipboard).toBe('');
    await dispatch(h.services.handlers, 'settings:set', { clipboardClearSeconds: 0 });
    expect(await copy()).toMatchObject({ ok: true, value: { clearedAfterSeconds: null } });
  });

  it('a default above the role maximum gets AWS’s hour, and says the setting asked for more', async () => {
    const h = (harness = await startCoreHarness());
    await dispatch(h.services.handlers, 'settings:set', { defaultSessionSeconds: 7200 });
    // DevReadOnly-CrossAccount allows 1 h.
    const session = await h.manager.assume('prod-read-only');
    expect(session.durationNote).toBe(
      "The role's maximum session duration is lower than the 2 h RoleTray's default session duration; RoleTray got a 1 h session.",
    );
  });
});
