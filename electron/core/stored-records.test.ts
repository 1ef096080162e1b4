import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, expect, it } from 'vitest';
import { isObject, StoredRecords } from './stored-records';

// Records by profile name in a real store file, for names the AWS CLI reads and plain objects trip on.

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('keeps a record for __proto__, constructor and toString like any other name', async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-records-'));
  const store = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'roletray' });
  const records = new StoredRecords<{ note: string }>(store, 'notes', isObject);
  expect(records.get('constructor')).toBeUndefined();
  expect(records.get('toString')).toBeUndefined();
  for (const name of ['__proto__', 'constructor', 'plain']) records.set(name, { note: name });
  const again = new StoredRecords<{ note: string }>(
    new Conf<Record<string, unknown>>({ cwd: dir, configName: 'roletray' }),
    'notes',
    isObject,
  );
  expect(again.entries()).toEqual([
    ['__proto__', { note: '__proto__' }],
    ['constructor', { note: 'constructor' }],
    ['plain', { note: 'plain' }],
  ]);
  expect(Object.getPrototypeOf(store.get('notes'))).toBe(Object.prototype);
  again.keepOnly(new Set(['constructor']));
  expect(again.entries()).toEqual([['constructor', { note: 'constructor' }]]);
  again.set('constructor', undefined);
  expect(JSON.parse(await readFile(join(dir, 'roletray.json'), 'utf8'))).toEqual({});
});

it('reads back only records of the expected shape', async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-records-'));
  const store = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'roletray' });
  store.set('notes', { good: { note: 'x' }, bad: 'a string', list: [1] });
  expect(new StoredRecords(store, 'notes', isObject).entries()).toEqual([['good', { note: 'x' }]]);
});
