import { appendFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult, MfaPromptView } from '../../shared/ipc-contract';
import type { ProfilesView } from '../../shared/profiles-view';
import { OUTSIDE_SECRET, startTestBridge, type TestBridge } from '../../test-support/test-bridge';

// The bridge over real HTTP, against the app's services on a running sandbox.

let running: TestBridge | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(): Promise<TestBridge> {
  running = await startTestBridge();
  return running;
}

const FORBIDDEN = { ok: false, error: { kind: 'Validation', message: expect.any(String) } };

describe('access', () => {
  it('listens on 127.0.0.1 with a 32-byte random token in the page URL', async () => {
    const { bridge } = await start();
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(bridge.token, 'base64url')).toHaveLength(32);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
  });

  it('answers nothing without the right token', async () => {
    const { client, bridge } = await start();
    const wrong = `${bridge.token.slice(0, -1)}${bridge.token.endsWith('A') ? 'B' : 'A'}`;

    expect((await client.raw('/')).status).toBe(403);
    expect((await client.raw(`/?token=${wrong}`)).status).toBe(403);
    expect((await client.raw(`/?token=${bridge.token}`)).status).toBe(200);

    expect(await client.invoke('profiles:list', undefined, { token: null })).toEqual({
      status: 403,
      body: {
        ok: false,
        error: { kind: 'Validation', message: 'The bridge needs the token from the preview URL.' },
      },
    });
    expect((await client.invoke('profiles:list', undefined, { token: wrong })).status).toBe(403);
    expect((await client.invoke('profiles:list', undefined, { token: '' })).status).toBe(403);
    expect((await client.invoke('profiles:list')).status).toBe(200);

    expect((await client.raw('/events')).status).toBe(403);
    expect((await client.raw(`/events?token=${wrong}`)).status).toBe(403);
    await expect(client.events(wrong)).rejects.toThrow(/answered 403/);
    (await client.events()).close();
  });

  it('takes the URL token for the page load only: calls with it in the query are refused', async () => {
    const { client, bridge } = await start();
    const inUrl = {
      ok: false,
      error: {
        kind: 'Validation',
        message: 'The bridge takes the token in the Authorization header, not the URL.',
      },
    };
    const invoke = await client.raw(`/invoke/profiles:list?token=${bridge.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect({ status: invoke.status, body: JSON.parse(invoke.text) as unknown }).toEqual({
      status: 403,
      body: inUrl,
    });
    const events = await client.raw(`/events?token=${bridge.token}`);
    expect({ status: events.status, body: JSON.parse(events.text) as unknown }).toEqual({
      status: 403,
      body: inUrl,
    });
    // With the header the call is answered, query or not; the page itself still opens with the URL's.
    expect((await client.invoke(`profiles:list?token=${bridge.token}`)).status).toBe(200);
    const page = await client.raw(`/?token=${bridge.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toHaveLength(1);
  });

  it('refuses a Host other than its own (DNS rebinding) and a foreign Origin', async () => {
    const { client, bridge } = await start();
    const page = `/?token=${bridge.token}`;
    const host = (value: string) => client.raw(page, { headers: { host: value } });
    expect((await host('evil.example')).status).toBe(403);
    expect((await host(`evil.example:${bridge.port}`)).status).toBe(403);
    expect((await host(`127.0.0.1:${bridge.port + 1}`)).status).toBe(403);
    expect(JSON.parse((await host('rebound.example')).text)).toEqual({
      ok: false,
      error: {
        kind: 'Validation',
        message: 'The bridge answers only requests addressed to 127.0.0.1 or localhost.',
      },
    });
    expect((await host(`localhost:${bridge.port}`)).status).toBe(200);
    expect((await host(`127.0.0.1:${bridge.port}`)).status).toBe(200);

    const fromOrigin = (origin: string) => client.invoke('profiles:list', undefined, { headers: { origin } });
    expect(await fromOrigin('http://evil.example')).toEqual({ status: 403, body: FORBIDDEN });
    expect((await fromOrigin(`http://127.0.0.1:${bridge.port + 1}`)).status).toBe(403);
    expect((await fromOrigin('null')).status).toBe(403);
    expect((await fromOrigin(`http://127.0.0.1:${bridge.port}`)).status).toBe(200);
    expect((await fromOrigin(`http://localhost:${bridge.port}`)).status).toBe(200);
    // A preflight is never granted.
    const preflight = await client.raw(`/invoke/profiles:list?token=${bridge.token}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('static files', () => {
  it('serves index.html with the shim before the app, and the assets by cookie', async () => {
    const { client, bridge } = await start();
    const page = await client.raw(`/?token=${bridge.token}`);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain("script-src 'self'");
    expect(page.text).toMatch(
      /<script src="\/bridge-shim\.js"><\/script>\s*<script type="module" src="\.\/assets\/app\.js">/,
    );
    expect(page.headers['x-frame-options']).toBe('DENY');
    const setCookie = page.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(
      new RegExp(`^roletray-bridge-${bridge.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`),
    );
    // The cookie is not the token: it opens the static files and nothing else.
    expect(setCookie).not.toContain(bridge.token);
    const cookie = setCookie.split(';')[0]!;

    const app = await client.raw('/assets/app.js', { headers: { cookie } });
    expect(app.status).toBe(200);
    expect(app.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await client.raw('/assets/app.js')).status).toBe(403);
    expect((await client.raw('/assets/app.js', { headers: { cookie: `${cookie}x` } })).status).toBe(403);
    expect((await client.raw('/index.html', { headers: { cookie } })).text).toContain('/bridge-shim.js');
    expect(
      (await client.invoke('profiles:list', undefined, { token: null, headers: { cookie } })).status,
    ).toBe(403);
    expect((await client.raw('/events', { headers: { cookie } })).status).toBe(403);

    const shim = await client.raw('/bridge-shim.js', { headers: { cookie } });
    expect(shim.status).toBe(200);
    expect(shim.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // One classic script: no module syntax, nothing inline.
    expect(shim.text).toMatch(/^\(\(\) => \{/);
    expect(shim.text).not.toMatch(/^\s*(import|export)\s/m);
    // The event stream is read with fetch, the token in a header: never in a URL.
    expect(shim.text).not.toContain('EventSource');
    expect(shim.text).toMatch(/fetch\("\/events"/);
    expect(shim.text).not.toMatch(/[?&]token=/);
  });

  it('serves nothing outside its folder', async () => {
    const { client, bridge } = await start();
    const cookie = (await client.raw(`/?token=${bridge.token}`)).headers['set-cookie']![0]!.split(';')[0]!;
    for (const path of [
      '/../package.json',
      '/..%2fpackage.json',
      '/assets/../../outside.txt',
      '/assets/..%2F..%2Foutside.txt',
      '/%2e%2e/outside.txt',
      '/assets/%5c..%5coutside.txt',
      '/assets/app.js%00.html',
      `/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd?token=${bridge.token}`,
    ]) {
      const response = await client.raw(path, { headers: { cookie } });
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(response.text).not.toContain(OUTSIDE_SECRET);
      expect(response.text).not.toContain('"name": "roletray"');
    }
    // A symlink out of the folder is as good as absent.
    expect((await client.raw('/link-out.txt', { headers: { cookie } })).status).toBe(404);
    expect((await client.raw('/assets', { headers: { cookie } })).status).toBe(404);
    expect((await client.raw('/assets/', { headers: { cookie } })).status).toBe(404);
    expect((await client.raw('/missing.js', { headers: { cookie } })).status).toBe(404);
    expect((await client.raw('/%E0%A4%A', { headers: { cookie } })).status).toBe(403);
    expect((await client.raw('/', { method: 'POST', headers: { cookie } })).status).toBe(405);
  });
});

describe('requests', () => {
  it('runs the handler table: profiles:list lists prod-read-only', async () => {
    const { client } = await start();
    const { status, body } = await client.invoke('profiles:list');
    expect(status).toBe(200);
    const view = body as IpcResult<ProfilesView>;
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    expect(view.value.roles.find((role) => role.name === 'prod-read-only')).toMatchObject({
      roleName: 'DevReadOnly-CrossAccount',
      accountAlias: 'acme-prod',
    });
    expect(await client.invoke('app:state')).toMatchObject({
      status: 200,
      body: { ok: true, value: { version: 'test' } },
    });
  });

  it('answers a bad payload or channel with a typed Validation error', async () => {
    const { client } = await start();
    expect(await client.invoke('sessions:assume', { profile: 42 })).toEqual({
      status: 200,
      body: {
        ok: false,
        error: {
          kind: 'Validation',
          message: expect.stringContaining('Invalid sessions:assume request (profile)'),
        },
      },
    });
    expect(await client.invoke('sessions:assume')).toMatchObject({
      body: { ok: false, error: { kind: 'Validation' } },
    });
    expect(await client.invoke('sessions:list', { sneaky: 1 })).toMatchObject({ body: { ok: false } });
    expect(await client.invoke('fs:read', { path: '/etc/passwd' })).toEqual({
      status: 200,
      body: { ok: false, error: { kind: 'Validation', message: 'There is no request named fs:read.' } },
    });
    expect(await client.invoke('%E0%A4%A')).toMatchObject({ status: 400, body: { ok: false } });
  });

  it('takes only a JSON body of at most 64 KiB, shaped {request}', async () => {
    const { client, bridge } = await start();
    expect(await client.invoke('profiles:list', undefined, { body: '{not json' })).toEqual({
      status: 400,
      body: { ok: false, error: { kind: 'Validation', message: 'The body is not JSON.' } },
    });
    expect((await client.invoke('profiles:list', undefined, { body: '[]' })).status).toBe(400);
    expect((await client.invoke('profiles:list', undefined, { body: '{"request":null,"x":1}' })).status).toBe(
      400,
    );
    expect((await client.invoke('profiles:list', undefined, { body: '' })).status).toBe(200);
    expect(
      (await client.invoke('profiles:list', undefined, { headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
    const big = JSON.stringify({ request: { profile: 'x'.repeat(70 * 1024) } });
    expect(await client.invoke('sessions:assume', undefined, { body: big })).toEqual({
      status: 413,
      body: { ok: false, error: { kind: 'Validation', message: 'The body is over 65536 bytes.' } },
    });
    const get = await client.raw('/invoke/profiles:list', {
      headers: { authorization: `Bearer ${bridge.token}` },
    });
    expect(get.status).toBe(405);
  });

  it('stops answering when a profile is edited to point outside the sandbox', async () => {
    const { client, h } = await start();
    await appendFile(
      h.t.description.configFile,
      '\n[profile rogue]\nrole_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount\nsource_profile = dev\nendpoint_url = https://sts.amazonaws.com\n',
    );
    await h.core.reloadProfiles();
    expect(await client.invoke('profiles:list')).toEqual({
      status: 403,
      body: {
        ok: false,
        error: {
          kind: 'ConfigError',
          message:
            'The bridge refuses: profile rogue uses https://sts.amazonaws.com, not the sandbox; the bridge serves only the sandbox.',
        },
      },
    });
  });
});

describe('events', () => {
  it('completes an MFA assume by answering mfa:request over HTTP, and streams sessions:event', async () => {
    const { client, h } = await start();
    const events = await client.events();
    const assumed = client.invoke('sessions:assume', { profile: 'prod-read-only-mfa' });
    const prompt = await events.next('mfa:request');
    expect(prompt).toEqual({
      requestId: expect.any(String),
      serial: h.t.mfaSerial(),
      profile: 'prod-read-only-mfa',
      roleArn: expect.stringContaining(':role/'),
    });
    // A page that connects while the prompt is open (a reload) is asked too.
    const late = await client.events();
    expect(await late.next('mfa:request')).toEqual(prompt);
    late.close();

    expect(await client.invoke('mfa:answer', { requestId: prompt.requestId, code: h.t.mfaCode() })).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(await events.next('mfa:closed')).toEqual({ requestId: prompt.requestId });
    expect(await assumed).toMatchObject({
      status: 200,
      body: { ok: true, value: { profile: 'prod-read-only-mfa', mfa: true } },
    });
    expect(await events.next('sessions:event')).toEqual({ type: 'changed' });
    // The prompt is closed now: a second answer is a typed error.
    expect(await client.invoke('mfa:answer', { requestId: prompt.requestId, code: '000000' })).toMatchObject({
      body: { ok: false, error: { kind: 'Validation', message: 'That MFA prompt is no longer open.' } },
    });
    events.close();
  });

  it('cancels an MFA prompt answered with null', async () => {
    const { client } = await start();
    const events = await client.events();
    const assumed = client.invoke('sessions:assume', { profile: 'prod-read-only-mfa' });
    const prompt: MfaPromptView = await events.next('mfa:request');
    await client.invoke('mfa:answer', { requestId: prompt.requestId, code: null });
    expect(await assumed).toMatchObject({ body: { ok: false, error: { kind: 'MfaCancelled' } } });
    events.close();
  });

  it('ends every stream and refuses connections once closed', async () => {
    const { client, bridge } = await start();
    const events = await client.events();
    await bridge.close();
    await events.ended;
    await expect(client.invoke('profiles:list')).rejects.toThrow();
  });
});
