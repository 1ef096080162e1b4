import { describe, expect, it } from 'vitest';
import { baseName, breadcrumbs, parentPrefix } from './s3-paths';

describe('parentPrefix and baseName', () => {
  it.each([
    ['a/b/c.txt', 'a/b/', 'c.txt'],
    ['a/b/', 'a/', 'b/'],
    ['a/', '', 'a/'],
    ['top.txt', '', 'top.txt'],
    ['', '', ''],
    ['docs/naïve café/menu 🍕.txt', 'docs/naïve café/', 'menu 🍕.txt'],
    ['a//b', 'a//', 'b'],
  ])('%j → folder %j, name %j', (key, parent, name) => {
    expect(parentPrefix(key)).toBe(parent);
    expect(baseName(key)).toBe(name);
  });
});

describe('breadcrumbs', () => {
  it('goes from the bucket down through each folder', () => {
    expect(breadcrumbs('acme', 'reports/2026/q3/')).toEqual([
      { label: 'acme', prefix: '' },
      { label: 'reports', prefix: 'reports/' },
      { label: '2026', prefix: 'reports/2026/' },
      { label: 'q3', prefix: 'reports/2026/q3/' },
    ]);
    expect(breadcrumbs('acme', '')).toEqual([{ label: 'acme', prefix: '' }]);
  });

  it('shows an empty folder name as "/"', () => {
    expect(breadcrumbs('acme', 'a//').map((crumb) => crumb.label)).toEqual(['acme', 'a', '/']);
  });
});
