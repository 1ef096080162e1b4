import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimFolder, inside, partPath, relativePath, suggestedName } from './download-paths';

// Names taken from S3 keys before anything is written with them.

describe('relativePath', () => {
  it('keeps the path under the prefix, and marks folder markers and the folder itself', () => {
    expect(relativePath('reports/2026/q3/revenue.csv', 'reports/')).toEqual({
      kind: 'file',
      segments: ['2026', 'q3', 'revenue.csv'],
    });
    expect(relativePath('reports/2026/q4/', 'reports/')).toEqual({
      kind: 'folder',
      segments: ['2026', 'q4'],
    });
    expect(relativePath('reports/', 'reports/')).toEqual({ kind: 'folder', segments: [] });
    expect(relativePath('docs/naïve café/menu 🍕.txt', '')).toEqual({
      kind: 'file',
      segments: ['docs', 'naïve café', 'menu 🍕.txt'],
    });
  });

  it('refuses keys that would leave the folder or collide after normalisation', () => {
    expect(relativePath('evil/../../escape.txt', 'evil/')).toEqual({
      kind: 'unsafe',
      reason: 'it has a ".." path segment',
    });
    expect(relativePath('a/./b', '')).toMatchObject({ kind: 'unsafe' });
    expect(relativePath('a//b', '')).toEqual({ kind: 'unsafe', reason: 'it has an empty path segment (//)' });
    expect(relativePath('/etc/passwd', '')).toMatchObject({ kind: 'unsafe' });
    expect(relativePath('a\\..\\..\\b', '')).toMatchObject({ kind: 'unsafe' });
    expect(relativePath('other/x', 'reports/')).toMatchObject({ kind: 'unsafe' });
  });
});

describe('names on disk', () => {
  it('suggests a single safe segment, falling back to the bucket', () => {
    expect(suggestedName('reports/2026/q3/revenue.csv', 'b')).toBe('revenue.csv');
    expect(suggestedName('reports/2026/', 'b')).toBe('2026');
    expect(suggestedName('', 'acme-prod-app-data')).toBe('acme-prod-app-data');
    expect(suggestedName('a/..', 'b')).toBe('b');
    expect(suggestedName('a\\b', 'b')).toBe('b');
  });

  it('joins only inside the root, and claims a fresh folder next to an existing one', async () => {
    expect(inside('/tmp/x', ['a', 'b'])).toBe('/tmp/x/a/b');
    expect(() => inside('/tmp/x', ['..', 'y'])).toThrow('is outside');
    expect(partPath('/tmp/x/file.txt')).toMatch(/^\/tmp\/x\/\.file\.txt\.[0-9a-f]{8}\.roletray-part$/);
    const dir = await mkdtemp(join(tmpdir(), 'roletray-claim-'));
    try {
      expect(await claimFolder(dir, 'reports')).toBe(join(dir, 'reports'));
      expect(await claimFolder(dir, 'reports')).toBe(join(dir, 'reports (2)'));
      expect((await readdir(dir)).sort()).toEqual(['reports', 'reports (2)']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
