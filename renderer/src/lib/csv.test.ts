import { describe, expect, it } from 'vitest';
import { guessDelimiter, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads rows and fields', () => {
    expect(parseCsv('month,region\n2026-07,us-east\n').rows).toEqual([
      ['month', 'region'],
      ['2026-07', 'us-east'],
    ]);
    expect(parseCsv('a,b\r\nc,d').rows).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,,b\n').rows).toEqual([['a', '', 'b']]);
  });

  it('reads quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('"a,b","say ""hi""","line\nbreak"\n').rows).toEqual([['a,b', 'say "hi"', 'line\nbreak']]);
  });

  it('drops the partial last row of a truncated preview', () => {
    expect(parseCsv('a,b\nc,d\ne,', { truncated: true }).rows).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,b\nc,d\n', { truncated: true }).rows).toHaveLength(2);
  });

  it('stops at maxRows and says so', () => {
    const text = Array.from({ length: 10 }, (_, i) => `${i},x`).join('\n');
    expect(parseCsv(text, { maxRows: 3 })).toEqual({
      rows: [
        ['0', 'x'],
        ['1', 'x'],
        ['2', 'x'],
      ],
      clipped: true,
    });
    expect(parseCsv('a\nb\n', { maxRows: 2 }).clipped).toBe(false);
  });

  it('takes tabs for TSV', () => {
    expect(guessDelimiter('a\tb\nc\td')).toBe('\t');
    expect(guessDelimiter('a,b\tc')).toBe(',');
    expect(parseCsv('a\tb\n', { delimiter: '\t' }).rows).toEqual([['a', 'b']]);
  });
});
