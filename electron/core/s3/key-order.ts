// S3's key order: UTF-8 bytes, which is code point order. JavaScript compares UTF-16 code units,
// which puts a surrogate pair (an emoji) before U+E000..U+FFFF; S3 puts it after.

/** A UTF-16 code unit's place in code point order: surrogates move above U+FFFF's units. */
const rank = (unit: number) => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);

export function compareKeys(a: string, b: string): number {
  const shorter = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}
