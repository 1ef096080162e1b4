import { describe, expect, it } from 'vitest';
import { deepestCut, splitPoints } from './key-ranges';

// Where a key range is cut for parallel listing.

describe('splitPoints', () => {
  it("cuts after the last key at its next blocks, nearest first, within each character's class", () => {
    const last = 'e/event-00999.json';
    const deepest = deepestCut('e/event-00000.json', last);
    expect(deepest).toBe(9);
    expect(splitPoints(last, undefined, 'e/', 12, deepest)).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => `e/event-0${d}`),
      'e/event-1',
      'e/event-2',
      'e/event-3',
    ]);
    expect(splitPoints('e/event-10999.json', 'e/event-2', 'e/', 40, 12)).toEqual(
      ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => `e/event-1${d}`),
    );
  });

  it('stays inside the prefix, before the end, and never cuts a character in two', () => {
    expect(splitPoints('p/z', undefined, 'p/', 10)).toEqual([]);
    expect(splitPoints('p/a.', undefined, 'p/', 2)).toEqual(['p/a/', 'p/b']);
    expect(splitPoints('p/🍕🍕', undefined, 'p/', 10)).toEqual([]);
    expect(splitPoints('p/a', 'p/c', 'p/', 10)).toEqual(['p/b']);
    expect(splitPoints('q/a', undefined, 'p/', 10)).toEqual([]);
    expect(splitPoints('p/a', undefined, 'p/', 0)).toEqual([]);
  });
});
