import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCoreHarness, type CoreHarness, type HarnessOptions } from '../../test-support/core-harness';
import { dispatch } from '../app/dispatch';
import type { RoleProfile } from '../core/profiles/profiles';
import { cliCacheDir, cliCacheKey } from './cli-cache';

// The AWS CLI's cache files across app restarts, against the sandbox: a run whose sessions die with
// it (memory-only, or expired while the app was down) must not leave a session in ~/.aws/cli/cache
// that no later run remembers writing. What is remembered is in the app's store, never a secret.

const PROFILE = 'prod-read-only';
const MEMORY_ONLY: HarnessOptions = {
  cipherStatus: { secure: false, backend: 'basic_text', reason: 'no keyring' },
};

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function ok(harness: CoreHarness, channel: string, payload: unknown): Promise<void> {
  const result = await dispatch(harness.services.handlers, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
}

/** A harness with the profile's session shared with the AWS CLI, and where that file is. */
async function sharing(options: HarnessOptions = {}) {
  h = await startCoreHarness(options);
  const harness = h;
  await ok(harness, 'handoff:cli-cache', { profile: PROFILE, enabled: true });
  await ok(harness, 'sessions:assume', { profile: PROFILE });
  await harness.services.handoff.sync();
  const role = harness.profiles.profiles.find((profile) => profile.name === PROFILE) as RoleProfile;
  const file = join(cliCacheDir(harness.t.awsDir), `${cliCacheKey(role)}.json`);
  const session = harness.manager.activeSession(PROFILE)!.credentials;
  expect(await cachedKeyId(file)).toBe(session.accessKeyId);
  return { h: harness, file, role, session };
}

const cachedKeyId = async (file: string) =>
  (JSON.parse(await readFile(file, 'utf8')) as { Credentials: { AccessKeyId: string } }).Credentials
    .AccessKeyId;

/** The app's store as a later run reads it. */
const storeFile = (harness: CoreHarness) => join(harness.storeDir, 'roletray.json');
const stored = async (harness: CoreHarness) =>
  JSON.parse(await readFile(storeFile(harness), 'utf8')) as Record<string, unknown>;

describe('the AWS CLI cache across restarts', () => {
  it('memory-only: the next run removes the file of the session that died with the last one', async () => {
    const { h, file, role, session } = await sharing(MEMORY_ONLY);
    // What the store keeps is the file's name and the key id, neither the secret key nor the token.
    const text = await h.storeText();
    expect((await stored(h))['cliCacheWritten']).toEqual({
      [PROFILE]: { cacheKey: cliCacheKey(role), accessKeyId: session.accessKeyId },
    });
    expect(text).not.toContain(session.secretAccessKey);
    expect(text).not.toContain(session.sessionToken);

    const restarted = await h.restart();
    expect(restarted.manager.activeSession(PROFILE)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect((await stored(restarted))['cliCacheWritten']).toBeUndefined();
    // Still shared: the next session is written again.
    await ok(restarted, 'sessions:assume', { profile: PROFILE });
    await restarted.services.handoff.sync();
    expect(await cachedKeyId(file)).toBe(restarted.manager.activeSession(PROFILE)!.credentials.accessKeyId);
  });

  it('leaves a file the AWS CLI rewrote with a session of its own', async () => {
    const { h, file } = await sharing(MEMORY_ONLY);
    const own = JSON.stringify({ Credentials: { AccessKeyId: 'ASIACLIOWN', Expiration: 'x' } });
    await writeFile(file, own);
    await h.restart();
    expect(await readFile(file, 'utf8')).toBe(own);
  });

  it('removes the file of a role turned off by a run that ended before it could remove it', async () => {
    const { h, file } = await sharing();
    // What a run killed between saving "off" and removing the file leaves: no setting, a record.
    const store = await stored(h);
    delete store['handoff'];
    await writeFile(storeFile(h), JSON.stringify(store));
    await h.restart();
    expect(existsSync(file)).toBe(false);
  });

  it('encrypted: removes the file of a session that expired while the app was down, at start', async () => {
    const { h, file } = await sharing();
    h.t.clock.advance(3600 + 60);
    const restarted = await h.restart();
    expect(restarted.manager.activeSession(PROFILE)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it('encrypted: a restored session’s file is still removed on End, and when sharing is turned off', async () => {
    const { h, file, session } = await sharing();
    const restarted = await h.restart();
    expect(await cachedKeyId(file)).toBe(session.accessKeyId);
    await ok(restarted, 'sessions:end', { profile: PROFILE });
    await restarted.services.handoff.sync();
    expect(existsSync(file)).toBe(false);

    await ok(restarted, 'sessions:assume', { profile: PROFILE });
    await restarted.services.handoff.sync();
    const again = await restarted.restart();
    expect(existsSync(file)).toBe(true);
    await ok(again, 'handoff:cli-cache', { profile: PROFILE, enabled: false });
    expect(existsSync(file)).toBe(false);
  });
});
