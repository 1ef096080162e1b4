import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, type EventChannel } from '../../shared/ipc-contract';
import { handOffEveryChannel, recordingDesktop } from '../../test-support/handoff-walk';
import { holdKeysEveryChannel } from '../../test-support/held-keys-walk';
import { mfaSessionsEveryChannel } from '../../test-support/mfa-sessions-walk';
import { settingsEveryChannel } from '../../test-support/settings-walk';
import { discoverEveryChannel, FAST_SSO } from '../../test-support/sso-accounts-walk';
import { signInEveryChannel } from '../../test-support/sso-walk';
import { closeSwitcherEveryChannel } from '../../test-support/switcher-walk';
import { browseEveryS3Channel } from '../../test-support/s3-walk';
import { startTestBridge, type TestBridge } from '../../test-support/test-bridge';

// The contract carries no secret (app-services.test.ts); neither may the bridge's transport around it:
// every byte of every response and of the event stream, over a scenario touching every channel.

let running: TestBridge | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

it('no HTTP response or streamed event contains a key, token or TOTP secret', async () => {
  const downloads = await mkdtemp(join(tmpdir(), 'roletray-bridge-leak-'));
  const desktop = recordingDesktop();
  const { client, h, bridge } = (running = await startTestBridge({
    chooseDownloadDestination: async (request) => join(downloads, request.suggestedName),
    handoff: desktop.handoff,
    identityCenterProfiles: true,
    ...FAST_SSO,
  }));
  const events = await client.events();
  // The page's MFA dialog: answers each prompt over HTTP with the code the authenticator shows.
  const answering = (async () => {
    for (;;) {
      const prompt = await events.next('mfa:request', undefined, 60_000).catch(() => undefined);
      if (!prompt) return;
      await client.invoke('mfa:answer', { requestId: prompt.requestId, code: h.t.mfaCode() });
    }
  })();
  const called = new Set<string>();
  const track = async (channel: (typeof REQUEST_CHANNELS)[number], request?: unknown) => {
    called.add(channel);
    return client.invoke(channel, request);
  };

  const page = await client.raw(`/?token=${bridge.token}`);
  const cookie = page.headers['set-cookie']![0]!.split(';')[0]!;
  await client.raw('/bridge-shim.js', { headers: { cookie } });
  await client.raw('/assets/app.js', { headers: { cookie } });
  await track('app:state');
  await track('profiles:list');
  await appendFile(
    h.t.description.configFile,
    `\n[profile added-later]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount\nsource_profile = dev\nendpoint_url = ${h.t.sandbox.endpoint}\n`,
  );
  await track('profiles:reload');
  await track('sessions:assume', { profile: 'prod-read-only' });
  expect(await track('sessions:assume', { profile: 'prod-read-only-mfa' })).toMatchObject({
    body: { ok: true, value: { mfa: true } },
  });
  await track('sessions:assume', { profile: 'prod-log-reader' });
  await track('sessions:assume', { profile: 'contractor-prod-read-only' });
  await track('sessions:renew', { profile: 'prod-read-only' });
  await track('sessions:list');
  await track('identity:get', { profile: 'dev' });
  await track('identity:get', { profile: 'prod-read-only-mfa' });
  await track('profiles:update-metadata', { profile: 'prod-read-only', patch: { favourite: true } });
  await track('mfa:answer', { requestId: 'none', code: null });
  await track('mfa:open');
  const transcriptBefore = client.transcript.length;
  const s3 = await browseEveryS3Channel(h, (channel, payload) => track(channel, payload));
  // The presign answer is checked apart below; the event stream keeps appending meanwhile.
  const presignAt = client.transcript.findIndex(
    (text, index) => index >= transcriptBefore && text.includes('X-Amz-Signature'),
  );
  const [presignText] = client.transcript.splice(presignAt, 1);
  await handOffEveryChannel((channel, payload) => track(channel, payload));
  const keySecrets = await holdKeysEveryChannel(h, (channel, payload) => track(channel, payload));
  const ssoSecrets = [
    ...(await signInEveryChannel(h, (channel, payload) => track(channel, payload), desktop)),
    // Discovery with the token that sign-in wrote.
    ...(await discoverEveryChannel(h, (channel, payload) => track(channel, payload))),
  ];
  // The quick switcher's close, with each reason.
  await closeSwitcherEveryChannel(async (channel, payload) => (await track(channel, payload)).body);
  expect(desktop.received.length).toBeGreaterThanOrEqual(3);
  h.t.clock.advance(3600 - 100);
  await h.manager.maintain();
  // MFA sessions: listed with the one prod-read-only-mfa made, then forgotten.
  await mfaSessionsEveryChannel(h.t.mfaSerial(), (channel, payload) => track(channel, payload));
  // Settings: read, changed, changed back.
  await settingsEveryChannel((channel, payload) => track(channel, payload));
  await track('sessions:end', { profile: 'prod-read-only' });
  await track('sessions:end-all');
  await events.next('sessions:event', (event) => event.type === 'changed');
  events.close();
  await events.ended;
  await answering;

  expect([...called].sort()).toEqual([...REQUEST_CHANNELS].sort());
  expect(new Set(events.frames.map((frame): EventChannel => frame.event))).toEqual(new Set(EVENT_CHANNELS));
  const secrets = [...h.secrets(), ...keySecrets, ...ssoSecrets];
  expect(h.issuedCredentials().length).toBeGreaterThan(3);
  const everything = client.transcript.join('\n');
  expect(everything).toContain('prod-read-only-mfa');
  for (const secret of secrets) expect(everything).not.toContain(secret);
  // The bridge's own token travels only from the page to the bridge, never back.
  expect(everything).not.toContain(bridge.token);
  // The presigned URL: that session's key id and token, as presigning requires, and nothing else.
  expect(JSON.parse(s3.presigned)).toMatchObject({ body: { ok: true } });
  expect(presignText).toContain(encodeURIComponent(s3.sessionSecrets[1]!));
  for (const secret of secrets.filter((secret) => !s3.sessionSecrets.includes(secret))) {
    expect(presignText).not.toContain(secret);
  }
  await rm(downloads, { recursive: true, force: true });
});
