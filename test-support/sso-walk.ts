import { readFile } from 'node:fs/promises';
import type { RequestChannel } from '../shared/ipc-contract';
import { tokenCachePath } from '../electron/core/sso/token-cache-file';
import type { CoreHarness } from './core-harness';
import type { RecordedDesktop } from './handoff-walk';
import { finishBrowserSignIn } from './sso';

// Every sso:* channel once, as the leak tests walk the contract (the harness started with
// identityCenterProfiles and the recording desktop): a browser sign-in the "browser" finishes, a
// role chained from it assumed, a device sign-in cancelled while its code waits, and a sign-out.
// Returns the sign-in's secrets (tokens, client secret), which no answer may hold.

async function eventually<T>(look: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  for (let tries = 0; tries < 200; tries++) {
    const found = await look();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the walk waited in vain for ${what}`);
}

export async function signInEveryChannel(
  h: CoreHarness,
  call: (channel: RequestChannel, payload: unknown) => Promise<unknown>,
  desktop: RecordedDesktop,
): Promise<string[]> {
  await call('sso:status', undefined);
  const signingIn = call('sso:sign-in', { profile: 'sso-dev', method: 'browser' });
  const authorize = await eventually(
    () => desktop.received.find((text) => text.includes('/authorize?')),
    'the browser sign-in to open its page',
  );
  await finishBrowserSignIn(authorize, h.t.sandbox.scenario.identityCenter!.users[0]!.password);
  await signingIn;
  const file = JSON.parse(await readFile(tokenCachePath(h.t.awsDir, 'roletray-sandbox'), 'utf8')) as Record<
    string,
    string
  >;
  await call('sessions:assume', { profile: 'sso-prod-via-dev' });

  let codeShown = false;
  const stop = h.services.hub.subscribe((event) => {
    if (event === 'sso:device-code') codeShown = true;
  });
  const device = call('sso:sign-in', { profile: 'sso-legacy-dev-read-only', method: 'device' });
  await eventually(() => (codeShown ? true : undefined), 'the device code');
  stop();
  await call('sso:open-device-page', { profile: 'sso-legacy-dev-read-only' });
  if (!desktop.received.some((text) => text.includes('/device?user_code=')))
    throw new Error('the device page did not open');
  await call('sso:sign-in-cancel', { profile: 'sso-legacy-dev-read-only' });
  await device;
  await call('sso:sign-out', { profile: 'sso-dev' });
  return [file['accessToken']!, file['refreshToken']!, file['clientSecret']!];
}
