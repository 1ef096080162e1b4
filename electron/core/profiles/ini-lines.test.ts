import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerName, iniLines, joinIniLines } from './ini-lines';
import { managedSections } from './managed-sections';

describe('iniLines', () => {
  it('gives every byte back, line ends included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('[a]', 'k = v', '# c', ' ', '\r', '\n', '\r\n', 'x;y', 'é')),
        (parts) => {
          const text = parts.join('');
          expect(joinIniLines(iniLines(text))).toBe(text);
        },
      ),
    );
  });

  it('cuts comments as the SDK does: at # or ; at the start or after whitespace only', () => {
    const [plain, inline, glued, semicolon] = iniLines('k = v\nk = v # note\nk = a#b\n; all comment');
    expect(plain!.content).toBe('k = v');
    expect(inline!.content).toBe('k = v');
    expect(glued!.content).toBe('k = a#b');
    expect(semicolon!.content).toBe('');
  });

  it('reads a header only when the line, comment cut, is all brackets', () => {
    const names = iniLines('[a]\n  [b] # note\n[c]#x\n[d] x\n[ e ]\r\n').map(headerName);
    expect(names).toEqual(['a', 'b', undefined, undefined, ' e ']);
  });
});

describe('managedSections', () => {
  it('finds the sections whose next line is the marker', () => {
    const text = '[mine]\n# Managed by RoleTray until 2026-12-02T10:00:00Z\nk = v\n[theirs]\n# a note\n';
    expect(managedSections(text)).toEqual(new Set(['mine']));
  });

  it('does not take `[a]#x` for a header, as the SDK does not', () => {
    expect(managedSections('[a]#x\n# Managed by RoleTray')).toEqual(new Set());
  });
});
