import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempTree, type TempTree } from '../../../test-support/temp-tree';
import { TokenFileWatch, tokenFileChange, type TokenFileChange } from './token-presence';

// Noticing `aws sso logout` (the file gone) and `aws sso login` or a refresh (the file replaced).

let tree: TempTree;
beforeEach(async () => {
  tree = await tempTree('roletray-sso-presence-', { 'token.json': '{"a":1}' });
});
afterEach(() => tree.remove());

const stamp = { dev: 1, ino: 2, size: 3, mtimeMs: 4 };

it('tells gone, appeared and replaced apart', () => {
  expect(tokenFileChange(stamp, undefined)).toBe('gone');
  expect(tokenFileChange(undefined, stamp)).toBe('appeared');
  expect(tokenFileChange(undefined, undefined)).toBeUndefined();
  expect(tokenFileChange(stamp, { ...stamp })).toBeUndefined();
  for (const key of ['dev', 'ino', 'size', 'mtimeMs'] as const) {
    expect(tokenFileChange(stamp, { ...stamp, [key]: 9 }), key).toBe('replaced');
  }
});

it('notices the real file removed, then written again by a rename, once each', async () => {
  const file = join(tree.dir, 'token.json');
  const seen: TokenFileChange[] = [];
  let tick: (() => void) | undefined;
  const watch = new TokenFileWatch(file, (change) => seen.push(change), {
    setInterval: (run) => (tick = run),
    clearInterval: () => (tick = undefined),
  });
  await watch.start();
  expect(tick).toBeDefined();
  expect(await watch.check()).toBeUndefined();
  await rm(file);
  expect(await watch.check()).toBe('gone');
  expect(await watch.check()).toBeUndefined();
  await writeFile(join(tree.dir, 'next'), '{"a":2}');
  await rename(join(tree.dir, 'next'), file);
  expect(await watch.check()).toBe('appeared');
  await writeFile(join(tree.dir, 'next'), '{"a":3,"b":4}');
  await rename(join(tree.dir, 'next'), file);
  expect(await watch.check()).toBe('replaced');
  // RoleTray's own write, settled, is not reported.
  await writeFile(file, '{"a":5,"b":6,"c":7}');
  await watch.settle();
  expect(await watch.check()).toBeUndefined();
  expect(seen).toEqual(['gone', 'appeared', 'replaced']);
  watch.close();
  expect(tick).toBeUndefined();
});

it('looks on its timer and reports through onChange', async () => {
  const file = join(tree.dir, 'token.json');
  const seen: TokenFileChange[] = [];
  const watch = new TokenFileWatch(file, (change) => seen.push(change), { intervalMs: 20 });
  await watch.start();
  await rm(file);
  await expect.poll(() => seen, { timeout: 2000 }).toEqual(['gone']);
  watch.close();
});
