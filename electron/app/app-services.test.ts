import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type EventChannel,
  type MfaPromptView,
} from '../../shared/ipc-contract';
import { RoleTrayError } from '../core/errors';
import { dispatch } from './dispatch';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { holdKeysEveryChannel } from '../../test-support/held-keys-walk';
import { mfaSessionsEveryChannel } from '../../test-support/mfa-sessions-walk';
import { settingsEveryChannel } from '../../test-support/settings-walk';
import { discoverEveryChannel, FAST_SSO } from '../../test-support/sso-accounts-walk';
import { handOffEveryChannel, recordingDesktop } from '../../test-support/handoff-walk';
import { browseEveryS3Channel } from '../../test-support/s3-walk';
import { signInEveryChannel } from '../../test-support/sso-walk';
import { closeSwitcherEveryChannel } from '../../test-support/switcher-walk';

// The handler table through dispatch, as both the Electron adapter and the bridge call it.

let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('dispatch', () => {
  it('refuses unknown channels and invalid payloads with typed errors', async () => {
    const h = (harness = await startCoreHarness());
    const { handlers } = h.services;
    expect(await dispatch(handlers, 'fs:read', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { kind: 'Validation', message: 'There is no request named fs:read.' },
    });
    expect(await dispatch(handlers, 'sessions:assume', { profile: 42 })).toMatchObject({
      ok: false,
      error: {
        kind: 'Validation',
        message: expect.stringContaining('Invalid sessions:assume request (profile)'),
      },
    });
    expect(await dispatch(handlers, 'sessions:assume', { profile: 'x', extra: true })).toMatchObject({
      ok: false,
    });
    expect(await dispatch(handlers, 'sessions:list', { sneaky: 1 })).toMatchObject({ ok: false });
    expect(
      await dispatch(handlers, 'profiles:update-metadata', {
        profile: 'prod-read-only',
        patch: { color: 'red' },
      }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('a colour is 6 hex digits') } });
    // UTF-8 has no lone surrogate: the SDK could not encode the key, the file would hold U+FFFD.
    const refusal = async (channel: string, payload: object) => {
      const result = await dispatch(handlers, channel, payload);
      return result.ok ? 'accepted' : result.error.message;
    };
    const object = { profile: 'prod-read-only', bucket: 'acme-prod-app-data' };
    expect(await refusal('s3:head', { ...object, key: 'a\ud800' })).toContain('an S3 key is Unicode text');
    expect(await refusal('s3:list', { ...object, prefix: '\udbffx/', listingId: 'l' })).toContain(
      'a prefix is Unicode text',
    );
    expect(
      await refusal('handoff:credentials-file', { profile: 'prod-read-only', profileName: 'x\udc00' }),
    ).toContain('a profile name is Unicode text');
  });

  it('answers what it cannot read, or must not echo, with a sentence and no rejection', async () => {
    const h = (harness = await startCoreHarness());
    const { handlers } = h.services;
    const refused = (message: string) => ({ ok: false, error: { kind: 'Validation', message } });
    // Only an in-process caller can pass these; IPC and the bridge carry plain data.
    const getter = Object.defineProperty({}, 'profile', {
      enumerable: true,
      get: () => {
        throw new Error('read');
      },
    });
    expect(await dispatch(handlers, 'sessions:assume', getter)).toEqual(
      refused('Invalid sessions:assume request: its payload could not be read.'),
    );
    // zod builds its error when it is first read, and that reads the payload again.
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(await dispatch(handlers, 'sessions:list', proxy)).toEqual(
      refused('Invalid sessions:list request: its payload could not be read.'),
    );
    expect(await dispatch(handlers, Object.create(null), undefined)).toEqual(
      refused('A request is named by a string, not by an object.'),
    );
    const long = 'k'.repeat(100_000);
    expect(
      await dispatch(
        handlers,
        'sessions:assume',
        Object.fromEntries([
          ['profile', 'dev'],
          [long, 1],
          ['x', 2],
        ]),
      ),
    ).toEqual(refused(`Invalid sessions:assume request: unknown field "${'k'.repeat(64)}…" and 1 more.`));
  });

  it('answers a core error as its info and a bug as a sentence without a stack', async () => {
    const h = (harness = await startCoreHarness());
    const denied = await dispatch(h.services.handlers, 'sessions:assume', {
      profile: 'contractor-prod-read-only',
    });
    expect(denied).toMatchObject({
      ok: false,
      error: {
        kind: 'AccessDenied',
        message: expect.stringMatching(/^Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount\./),
      },
    });
    const logged: string[] = [];
    const broken = {
      ...h.services.handlers,
      'sessions:list': async () => Promise.reject(new TypeError('boom')),
    };
    const result = await dispatch(broken, 'sessions:list', undefined, (line) => logged.push(line));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'Internal',
        message: 'RoleTray hit an unexpected problem while handling sessions:list; details are in its log.',
      },
    });
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(logged[0]).toContain('TypeError: boom');
    expect(new RoleTrayError('Expired', 'x').info).toEqual({ kind: 'Expired', message: 'x' });
  });

  it('updates only the metadata fields given, null clears one, and only for a profile of the config', async () => {
    const h = (harness = await startCoreHarness());
    const update = (patch: object) =>
      dispatch(h.services.handlers, 'profiles:update-metadata', { profile: 'prod-read-only', patch });
    await update({ displayName: 'Prod (read)', favourite: true, color: 'FFAA00' });
    expect(await update({ favourite: null })).toEqual({
      ok: true,
      value: { displayName: 'Prod (read)', color: 'ffaa00' },
    });
    const view = await dispatch(h.services.handlers, 'profiles:list', undefined);
    expect(view).toMatchObject({ ok: true });
    const role = (
      view as { value: { roles: { name: string; metadata: object; accountAlias?: string }[] } }
    ).value.roles.find((candidate) => candidate.name === 'prod-read-only');
    expect(role).toMatchObject({
      metadata: { displayName: 'Prod (read)', color: 'ffaa00' },
      accountAlias: 'acme-prod',
    });
    // Only a profile of the config: the store is keyed by name, and this one is Object's own.
    expect(
      await dispatch(h.services.handlers, 'profiles:update-metadata', {
        profile: 'hasOwnProperty',
        patch: { favourite: true },
      }),
    ).toEqual({
      ok: false,
      error: {
        kind: 'ConfigError',
        message: 'There is no profile named hasOwnProperty in your AWS config.',
        profile: 'hasOwnProperty',
      },
    });
  });
});

describe('the MFA conversation over the contract', () => {
  it('publishes mfa:request, takes mfa:answer, retries a wrong code with AWS words', async () => {
    const h = (harness = await startCoreHarness());
    const views: MfaPromptView[] = [];
    // Answer by hand through the channel, as the renderer does, instead of the harness script.
    h.services.hub.subscribe((event, payload) => {
      if (event === 'mfa:request') views.push(payload as MfaPromptView);
    });
    const code = h.t.mfaCode();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    h.answers.push(wrong, code);
    const assumed = await dispatch(h.services.handlers, 'sessions:assume', { profile: 'prod-read-only-mfa' });
    expect(assumed).toMatchObject({ ok: true, value: { profile: 'prod-read-only-mfa', mfa: true } });
    expect(views.map((view) => [view.profile, view.serial, view.previousError])).toEqual([
      ['prod-read-only-mfa', h.t.mfaSerial(), undefined],
      [
        'prod-read-only-mfa',
        h.t.mfaSerial(),
        'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
      ],
    ]);
    expect(
      await dispatch(h.services.handlers, 'mfa:answer', { requestId: views[0]!.requestId, code: '123456' }),
    ).toMatchObject({
      ok: false,
      error: { message: 'That MFA prompt is no longer open.' },
    });
  });
});

describe('secrets never cross the contract', () => {
  it('no response or event of a full scenario contains a key, token or TOTP secret', async () => {
    const downloads = await mkdtemp(join(tmpdir(), 'roletray-leak-'));
    const desktop = recordingDesktop();
    const h = (harness = await startCoreHarness({
      chooseDownloadDestination: async (request) => join(downloads, request.suggestedName),
      handoff: desktop.handoff,
      identityCenterProfiles: true,
      ...FAST_SSO,
    }));
    const seen: string[] = [];
    const events = new Set<EventChannel>();
    h.services.hub.subscribe((event, payload) => {
      events.add(event);
      seen.push(JSON.stringify(payload));
    });
    const call = async (channel: string, payload?: unknown) => {
      const result = await dispatch(h.services.handlers, channel, payload);
      seen.push(JSON.stringify(result));
      return result;
    };
    const called = new Set<string>();
    const track = async (channel: (typeof REQUEST_CHANNELS)[number], payload?: unknown) => {
      called.add(channel);
      return call(channel, payload);
    };
    h.answers.push(() => h.t.mfaCode());
    await track('app:state');
    await track('profiles:list');
    await appendFile(
      h.t.description.configFile,
      '\n[profile added-later]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount\nsource_profile = dev\n',
    );
    await track('profiles:reload');
    await track('sessions:assume', { profile: 'prod-read-only' });
    await track('sessions:assume', { profile: 'prod-read-only-mfa' });
    await track('sessions:assume', { profile: 'prod-log-reader' });
    await track('sessions:assume', { profile: 'contractor-prod-read-only' });
    await track('sessions:renew', { profile: 'prod-read-only' });
    await track('sessions:list');
    await track('identity:get', { profile: 'dev' });
    await track('identity:get', { profile: 'prod-read-only-mfa' });
    await track('profiles:update-metadata', { profile: 'prod-read-only', patch: { favourite: true } });
    await track('mfa:answer', { requestId: 'none', code: null });
    await track('mfa:open');
    const s3 = await browseEveryS3Channel(h, async (channel, payload) => {
      called.add(channel);
      const result = await dispatch(h.services.handlers, channel, payload);
      if (channel !== 's3:presign') seen.push(JSON.stringify(result));
      return result;
    });
    await handOffEveryChannel((channel, payload) => track(channel, payload));
    const keySecrets = await holdKeysEveryChannel(h, (channel, payload) => track(channel, payload));
    const ssoSecrets = [
      ...(await signInEveryChannel(h, (channel, payload) => track(channel, payload), desktop)),
      // Discovery with the token that sign-in wrote.
      ...(await discoverEveryChannel(h, (channel, payload) => track(channel, payload))),
    ];
    // The quick switcher's close, with each reason.
    await closeSwitcherEveryChannel((channel, payload) => track(channel, payload));
    h.t.clock.advance(3600 - 100);
    await h.manager.maintain();
    // MFA sessions: listed with the one prod-read-only-mfa made, then forgotten.
    await mfaSessionsEveryChannel(h.t.mfaSerial(), (channel, payload) => track(channel, payload));
    // Settings: read, changed, changed back.
    await settingsEveryChannel((channel, payload) => track(channel, payload));
    await track('sessions:end', { profile: 'prod-read-only' });
    await track('sessions:end-all');

    // Every channel and event was exercised.
    expect([...called].sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect([...events].sort()).toEqual([...EVENT_CHANNELS].sort());

    const secrets = [...h.secrets(), ...keySecrets, ...ssoSecrets];
    expect(secrets.length).toBeGreaterThan(10);
    const everything = seen.join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // The hand-offs did hand the session over: to the desktop, not the wire.
    const session = h
      .issuedCredentials()
      .find((issued) => desktop.received.join('\n').includes(issued.secretAccessKey));
    expect(session, 'a session secret reached the clipboard, browser or terminal').toBeDefined();
    // The presigned URL: that session's key id and token, as presigning requires, and nothing else.
    expect(s3.presigned).toContain(encodeURIComponent(s3.sessionSecrets[1]!));
    for (const secret of secrets.filter((secret) => !s3.sessionSecrets.includes(secret))) {
      expect(s3.presigned).not.toContain(secret);
    }
    await rm(downloads, { recursive: true, force: true });
  });
});
