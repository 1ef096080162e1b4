import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempTree, type TempTree } from '../../../test-support/temp-tree';
import { isCacheTempFile, nodeCacheFileFs } from '../cache-file';
import { tokenCachePath, type SsoToken } from './token-cache-file';
import { readSsoToken, removeSsoToken, writeSsoToken } from './token-cache';

// The token file on disk: atomic replacement (a killed writer leaves the old file), modes, keys
// kept, missing and unreadable files.

let tree: TempTree;
let file: string;
beforeEach(async () => {
  tree = await tempTree('roletray-sso-cache-', {});
  file = tokenCachePath(tree.dir, 'corp');
});
afterEach(() => tree.remove());

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);
const token = (overrides: Partial<SsoToken> = {}): SsoToken => ({
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'eu-west-1',
  accessToken: 'access',
  expiresAt: NOW + 3600_000,
  clientId: 'client',
  clientSecret: 'secret',
  registrationExpiresAt: NOW + 90 * 86400_000,
  refreshToken: 'refresh',
  extra: {},
  ...overrides,
});

it('creates the folder 0700 and the file 0600, and reads back what it wrote', async () => {
  await writeSsoToken(file, token());
  expect((await stat(join(tree.dir, '.aws', 'sso', 'cache'))).mode & 0o777).toBe(0o700);
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(await readSsoToken(file)).toEqual({ status: 'found', token: token() });
  expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
    expiresAt: '2026-12-02T11:00:00Z',
    registrationExpiresAt: '2027-03-02T10:00:00Z',
  });
});

it('leaves an existing folder as it is, and replaces a file others could read with a 0600 one', async () => {
  await mkdir(join(tree.dir, '.aws', 'sso', 'cache'), { recursive: true, mode: 0o755 });
  await writeFile(file, '{}', { mode: 0o644 });
  await writeSsoToken(file, token());
  expect((await stat(join(tree.dir, '.aws', 'sso', 'cache'))).mode & 0o777).toBe(0o755);
  expect((await stat(file)).mode & 0o777).toBe(0o600);
});

it('keeps the keys it does not know when it writes a token back', async () => {
  await mkdir(join(tree.dir, '.aws', 'sso', 'cache'), { recursive: true });
  await writeFile(
    file,
    JSON.stringify({
      accessToken: 'a',
      expiresAt: '2026-12-02T11:00:00UTC',
      receivedAt: '2026-12-02T10:00:00UTC',
      nested: { x: [1] },
    }),
  );
  const read = await readSsoToken(file);
  if (read.status !== 'found') throw new Error(JSON.stringify(read));
  await writeSsoToken(file, { ...read.token, accessToken: 'b' });
  expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
    receivedAt: '2026-12-02T10:00:00UTC',
    nested: { x: [1] },
    accessToken: 'b',
    expiresAt: '2026-12-02T11:00:00Z',
  });
});

// The writer is a Node child run through tsx: slow to start on a loaded machine, hence the time limit.
it('leaves the old file whole when the writer is killed mid-write, and a stray temp file only', async () => {
  await writeSsoToken(file, token({ accessToken: 'old' }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../../../test-support/sso-token-writer-child.ts'), file],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Listened for from the start: a 'close' that came before the listener would never be seen.
  const closed = new Promise((resolve) => child.once('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('mid-write')) resolve();
    });
    child.on('exit', (status) => reject(new Error(`writer exited (${status}) before mid-write`)));
  });
  const dir = join(tree.dir, '.aws', 'sso', 'cache');
  const temps = (await readdir(dir)).filter(isCacheTempFile);
  expect(temps).toHaveLength(1);
  // The half-written temp file is no token; the file itself is the old one.
  const partial = await readFile(join(dir, temps[0]!), 'utf8');
  expect(partial.length).toBeGreaterThan(0);
  expect(() => JSON.parse(partial) as unknown).toThrow();
  child.kill('SIGKILL');
  await closed;
  expect(await readSsoToken(file)).toMatchObject({ status: 'found', token: { accessToken: 'old' } });
}, 60_000);

it('removes its temp file when the rename fails, and keeps the old file', async () => {
  await writeSsoToken(file, token({ accessToken: 'old' }));
  await expect(
    writeSsoToken(file, token({ accessToken: 'new' }), {
      ...nodeCacheFileFs,
      rename: () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })),
    }),
  ).rejects.toThrow('EXDEV');
  expect((await readdir(join(tree.dir, '.aws', 'sso', 'cache'))).filter(isCacheTempFile)).toEqual([]);
  expect(await readSsoToken(file)).toMatchObject({ token: { accessToken: 'old' } });
});

it('tells a missing file from one that holds no token, naming it', async () => {
  expect(await readSsoToken(file)).toEqual({ status: 'missing' });
  await mkdir(join(tree.dir, '.aws', 'sso', 'cache'), { recursive: true });
  for (const [text, problem] of [
    ['{"accessToken": "a"', `${file} is not JSON, so it holds no IAM Identity Center token.`],
    ['[1]', `${file} is not a JSON object, so it holds no IAM Identity Center token.`],
    ['{"accessToken": "a"}', `${file} has no accessToken and expiresAt, as a token needs.`],
    ['{"accessToken": "a", "expiresAt": "tomorrow"}', `${file}: expiresAt = tomorrow is not a time.`],
  ] as const) {
    await writeFile(file, text);
    expect(await readSsoToken(file)).toEqual({ status: 'unreadable', problem });
  }
});

it('reads again a file the AWS CLI is still writing in place, and finds the token once it is whole', async () => {
  await mkdir(join(tree.dir, '.aws', 'sso', 'cache'), { recursive: true });
  const whole = JSON.stringify({ accessToken: 'written-by-cli', expiresAt: '2026-12-02T11:00:00Z' });
  // Truncated, then written: what `aws sso login` leaves for a moment.
  await writeFile(file, '');
  const finishing = new Promise((resolve) => setTimeout(resolve, 60)).then(() => writeFile(file, whole));
  const read = await readSsoToken(file, nodeCacheFileFs, { attempts: 10, waitMs: 20 });
  await finishing;
  expect(read).toMatchObject({ status: 'found', token: { accessToken: 'written-by-cli' } });

  // A file that stays broken is unreadable after the attempts, not a token.
  await writeFile(file, whole.slice(0, 20));
  expect(await readSsoToken(file, nodeCacheFileFs, { attempts: 3, waitMs: 5 })).toMatchObject({
    status: 'unreadable',
  });
});

it('removes the file to sign out, and says whether there was one', async () => {
  await writeSsoToken(file, token());
  expect(await removeSsoToken(file)).toBe(true);
  expect(await removeSsoToken(file)).toBe(false);
  expect(await readSsoToken(file)).toEqual({ status: 'missing' });
});
