import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, expect, it } from 'vitest';
import { MemoryKeyCipher } from '../../dev/memory-key-cipher';
import { isRoleTrayError } from './errors';
import { HeldKeysStore, type HeldKeysRecord } from './held-keys-store';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function storeDir(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'roletray-held-'));
  dirs.push(cwd);
  return cwd;
}
const storeIn = (cwd: string) => new Conf<Record<string, unknown>>({ cwd, configName: 'roletray' });

const record: HeldKeysRecord = {
  profile: 'dev',
  keys: { accessKeyId: 'AKIAHELDKEYEXAMPLE01', secretAccessKey: 'held/Secret+Key/Example0123456789abcdef' },
  userArn: 'arn:aws:iam::210987654321:user/Tyler-Dev',
  heldSince: 1_800_000_000_000,
  createdConfigSection: true,
};

it('keeps the keys encrypted on disk and reads them back after a restart', async () => {
  const cwd = await storeDir();
  const cipher = new MemoryKeyCipher();
  const first = new HeldKeysStore(storeIn(cwd), cipher);
  expect(await first.open()).toEqual({ available: true, backend: 'aes-256-gcm (test)' });
  await first.put(record);
  const onDisk = await readFile(join(cwd, 'roletray.json'), 'utf8');
  expect(onDisk).toContain('heldKeys');
  for (const clear of [record.keys.accessKeyId, record.keys.secretAccessKey, 'Tyler-Dev']) {
    expect(onDisk).not.toContain(clear);
  }
  const second = new HeldKeysStore(storeIn(cwd), cipher);
  await second.open();
  expect(second.get('dev')).toEqual(record);
  await second.remove('dev');
  expect(await readFile(join(cwd, 'roletray.json'), 'utf8')).not.toContain('heldKeys');
});

it('refuses to hold keys where only the basic_text fallback exists, in a sentence', async () => {
  const insecure = new MemoryKeyCipher(undefined, {
    secure: false,
    backend: 'basic_text',
    reason: 'no OS keyring was found, so safeStorage would only obfuscate secrets (basic_text).',
  });
  const store = new HeldKeysStore(storeIn(await storeDir()), insecure);
  expect(await store.open()).toEqual({
    available: false,
    reason:
      'RoleTray cannot hold access keys on this machine: no OS keyring was found, so safeStorage would only obfuscate secrets (basic_text). Keys stay in your credentials file.',
  });
  let thrown: unknown;
  try {
    await store.put(record);
  } catch (error) {
    thrown = error;
  }
  expect(isRoleTrayError(thrown, 'NotSecure')).toBe(true);
  expect(store.get('dev')).toBeUndefined();
});

it('keeps keys it cannot decrypt (another keychain) instead of dropping them', async () => {
  const cwd = await storeDir();
  const first = new HeldKeysStore(storeIn(cwd), new MemoryKeyCipher());
  await first.open();
  await first.put(record);
  const before = await readFile(join(cwd, 'roletray.json'), 'utf8');
  const other = new HeldKeysStore(storeIn(cwd), new MemoryKeyCipher());
  const opened = await other.open();
  expect(opened.available).toBe(false);
  expect(!opened.available && opened.reason).toMatch(/cannot decrypt the access keys it holds/);
  expect(() => other.requireAvailable()).toThrow(/cannot decrypt/);
  await expect(other.put({ ...record, profile: 'other' })).rejects.toThrow(/cannot decrypt/);
  expect(await readFile(join(cwd, 'roletray.json'), 'utf8')).toBe(before);
});
