import { compareKeys } from './key-order';

// Where to cut the rest of a key range so that it can be listed in parallel. S3 can only be asked
// for keys after a given string (StartAfter), so a cut is a string; nothing says where keys lie
// beyond the last one seen. The cuts are that key's "next blocks": at each character, counting up
// within its class (a digit to the next digits, a letter to the next letters), nearest first, as
// numbered or dated keys fill them. A cut where no key lies costs one quick, empty answer; a range
// that turns out large is cut again when its next page shows where it stands.

/** The characters a cut may put at a position holding `unit`: the rest of its class, or the next one. */
function nextInClass(unit: number): number[] {
  const upTo = (last: number) => Array.from({ length: Math.max(0, last - unit) }, (_, i) => unit + 1 + i);
  if (unit >= 0x30 && unit <= 0x39) return upTo(0x39);
  if (unit >= 0x41 && unit <= 0x5a) return upTo(0x5a);
  if (unit >= 0x61 && unit <= 0x7a) return upTo(0x7a);
  // Other printable ASCII: one step. Beyond ASCII no cut is made, so a cut is never half a character.
  return unit >= 0x20 && unit < 0x7e ? [unit + 1] : [];
}

/**
 * Up to `count` cuts strictly between `after` and `before` (undefined: no end), ascending, each
 * starting with `prefix`. Only positions up to `deepest` are cut (see deepestCut).
 */
export function splitPoints(
  after: string,
  before: string | undefined,
  prefix: string,
  count: number,
  deepest = after.length - 1,
): string[] {
  const points: string[] = [];
  if (count <= 0 || !after.startsWith(prefix)) return points;
  for (let i = Math.min(deepest, after.length - 1); i >= prefix.length && points.length < count; i--) {
    const unit = after.charCodeAt(i);
    // The second half of a surrogate pair: the pair is cut at its first half, or not at all.
    if (unit >= 0xdc00 && unit <= 0xdfff) continue;
    const head = after.slice(0, i);
    for (const next of nextInClass(unit)) {
      const point = head + String.fromCharCode(next);
      if (before !== undefined && compareKeys(point, before) >= 0) return points;
      points.push(point);
      if (points.length >= count) break;
    }
  }
  return points;
}

/**
 * The deepest position worth cutting at after a page from `first` to `last`: the end of what they
 * share. A block cut deeper would hold less than the page did (cuts inside "00000".."00999" make
 * ranges of ten keys); cut there, each block holds about a page or more.
 */
export function deepestCut(first: string, last: string): number {
  let shared = 0;
  while (shared < first.length && shared < last.length && first[shared] === last[shared]) shared++;
  return shared - 1;
}
