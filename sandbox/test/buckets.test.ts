import { describe, expect, it } from 'vitest';
import { Bucket, compareKeys } from '../src/s3-buckets';

function bucketWith(keys: string[]): Bucket {
  return Bucket.fromScenario({
    account: '123456789012',
    name: 'unit-bucket',
    region: 'us-east-1',
    created: '2026-01-01T00:00:00.000Z',
    objects: keys.map((key) => ({ key, content: { text: key } })),
  });
}

/** Every page of a listing, following `last` as S3's continuation token would. */
function listAll(bucket: Bucket, prefix: string, delimiter: string, maxKeys: number) {
  const entries: string[] = [];
  let after = '';
  for (let pages = 0; pages < 1000; pages++) {
    const page = bucket.list(prefix, delimiter, after, maxKeys);
    entries.push(...page.objects.map((object) => object.key), ...page.commonPrefixes);
    if (!page.isTruncated) return entries;
    after = page.last!;
  }
  throw new Error('listing did not end');
}

describe('compareKeys', () => {
  it('orders by UTF-8 bytes: U+FFFD sorts before an astral character (unlike UTF-16 order)', () => {
    const keys = ['b', '\u{1F355}', '\uFFFD', 'a', 'é'];
    const expected = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...keys].sort(compareKeys)).toEqual(expected);
    expect(['\u{1F355}', '\uFFFD'].sort()).toEqual(['\u{1F355}', '\uFFFD']); // what plain sort gets wrong
  });
});

describe('Bucket.list', () => {
  const bucket = bucketWith(['a/1', 'a/2', 'a/b/3', 'a/b/4', 'c', 'd/', 'd/5', 'e/6']);

  it('rolls keys up into common prefixes at the delimiter and counts them towards max-keys', () => {
    const page = bucket.list('', '/', '', 3);
    expect(page.commonPrefixes).toEqual(['a/', 'd/']);
    expect(page.objects.map((object) => object.key)).toEqual(['c']);
    expect(page.isTruncated).toBe(true);
    expect(page.last).toBe('d/');
    expect(page.commonPrefixes.length + page.objects.length).toBe(3);
  });

  it('pages through a prefix with every max-keys without gaps or repeats', () => {
    const full = listAll(bucket, '', '/', 1000);
    expect(full).toEqual(['c', 'a/', 'd/', 'e/']);
    for (const maxKeys of [1, 2, 3]) {
      expect(listAll(bucket, '', '/', maxKeys).sort()).toEqual([...full].sort());
    }
    expect(listAll(bucket, 'a/', '/', 1)).toEqual(['a/1', 'a/2', 'a/b/']);
  });

  it('lists a folder marker as an object of its own prefix', () => {
    const page = bucket.list('d/', '/', '', 1000);
    expect(page.objects.map((object) => object.key)).toEqual(['d/', 'd/5']);
    expect(listAll(bucket, 'd/', '/', 1)).toEqual(['d/', 'd/5']);
  });

  it('starts after a key (StartAfter), including one before the prefix', () => {
    expect(bucket.list('a/', '', 'a/2', 1000).objects.map((object) => object.key)).toEqual([
      'a/b/3',
      'a/b/4',
    ]);
    expect(bucket.list('a/b/', '', 'a/1', 1000).objects).toHaveLength(2);
  });

  it('keeps its index sorted through puts and deletes', () => {
    const changing = bucketWith(['m', 'z']);
    const object = changing.get('m')!;
    changing.put({ ...object, key: 'b' });
    changing.put({ ...object, key: 'q' });
    expect(changing.delete('m')).toBe(true);
    expect(changing.delete('m')).toBe(false);
    expect(listAll(changing, '', '', 1)).toEqual(['b', 'q', 'z']);
  });
});
