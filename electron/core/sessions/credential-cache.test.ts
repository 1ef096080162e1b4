import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialCache, roleKey, type CachedSession } from './credential-cache';
import { MemoryKeyCipher } from '../../../dev/memory-key-cipher';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function storeIn(dir?: string) {
  const cwd = dir ?? (await mkdtemp(join(tmpdir(), 'roletray-cache-')));
  if (!dir) dirs.push(cwd);
  return { cwd, store: new Conf<Record<string, unknown>>({ cwd, configName: 'roletray' }) };
}

const now = 1_800_000_000_000;
const session = (profile: string, expiration: number): CachedSession => ({
  key: roleKey(profile),
  kind: 'role',
  profile,
  credentials: {
    accessKeyId: `ASIA${profile.toUpperCase().padEnd(16, 'X')}`,
    secretAccessKey: `secret-of-${profile}`,
    sessionToken: `token-of-${profile}`,
    expiration,
  },
  issuedAt: now,
  obtainedBy: 'keys',
  mfa: false,
  roleArn: `arn:aws:iam::123456789012:role/${profile}`,
});

describe('CredentialCache', () => {
  it('persists encrypted and restores only unexpired sessions after a restart', async () => {
    const { cwd, store } = await storeIn();
    const cipher = new MemoryKeyCipher();
    const cache = new CredentialCache(store, cipher, () => now);
    expect(await cache.open()).toEqual({ mode: 'encrypted', backend: 'aes-256-gcm (test)' });
    await cache.put(session('alive', now + 3600_000));
    await cache.put(session('dying', now + 1000));

    const file = await readFile(join(cwd, 'roletray.json'), 'utf8');
    for (const secret of ['secret-of-alive', 'token-of-alive', 'ASIAALIVE'])
      expect(file).not.toContain(secret);

    const later = new CredentialCache((await storeIn(cwd)).store, cipher, () => now + 2000);
    await later.open();
    expect(later.values().map((cached) => cached.profile)).toEqual(['alive']);
    expect(later.get(roleKey('alive'))?.credentials.secretAccessKey).toBe('secret-of-alive');
  });

  it('keeps sessions in memory only, and nothing on disk, when encryption is the plain-text fallback', async () => {
    const { cwd, store } = await storeIn();
    store.set('credentialCache', { version: 1, encrypted: 'left over from a keyring that is gone' });
    const insecure = new MemoryKeyCipher(undefined, {
      secure: false,
      backend: 'basic_text',
      reason: 'no keyring: safeStorage would store secrets as plain text',
    });
    const cache = new CredentialCache(store, insecure, () => now);
    expect(await cache.open()).toEqual({
      mode: 'memory',
      reason: 'no keyring: safeStorage would store secrets as plain text',
    });
    await cache.put(session('alive', now + 3600_000));
    expect(cache.get(roleKey('alive'))).toBeDefined();
    const file = await readFile(join(cwd, 'roletray.json'), 'utf8').catch(() => '{}');
    expect(JSON.parse(file)).not.toHaveProperty('credentialCache');
  });

  it('starts empty when the stored blob cannot be decrypted (another machine, a rotated key)', async () => {
    const { cwd, store } = await storeIn();
    const first = new CredentialCache(store, new MemoryKeyCipher(), () => now);
    await first.open();
    await first.put(session('alive', now + 3600_000));
    const other = new CredentialCache((await storeIn(cwd)).store, new MemoryKeyCipher(), () => now);
    await other.open();
    expect(other.values()).toEqual([]);
  });

  it('removes a session from memory and disk, and refuses long-term keys', async () => {
    const { cwd, store } = await storeIn();
    const cipher = new MemoryKeyCipher();
    const cache = new CredentialCache(store, cipher, () => now);
    await cache.open();
    await cache.put(session('a', now + 3600_000));
    await cache.put(session('b', now + 3600_000));
    await cache.remove(roleKey('a'));
    const reopened = new CredentialCache((await storeIn(cwd)).store, cipher, () => now);
    await reopened.open();
    expect(reopened.values().map((cached) => cached.profile)).toEqual(['b']);
    const longTerm = session('c', now + 3600_000);
    longTerm.credentials.sessionToken = '';
    await expect(cache.put(longTerm)).rejects.toThrow('Only temporary credentials');
  });
});
