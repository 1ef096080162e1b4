import { describe, expect, it } from 'vitest';
import { formatLastUsed, formatTimeLeft, formatTimeLeftShort, timeLeftTone } from './time-left';

describe('formatTimeLeft', () => {
  it.each([
    [0, 'expired'],
    [-5_000, 'expired'],
    [Number.NaN, 'expired'],
    [400, 'under 1 s'],
    [42_900, '42 s'],
    [60_000, '1 min 00 s'],
    [249_000, '4 min 09 s'],
    [3_599_999, '59 min 59 s'],
    [3_600_000, '1 h 00 min'],
    [7_500_000, '2 h 05 min'],
    [43_200_000, '12 h 00 min'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatTimeLeft(ms)).toBe(text);
  });
});

describe('timeLeftTone', () => {
  it('is expired at zero, soon within five minutes, ok otherwise', () => {
    expect(timeLeftTone(0)).toBe('expired');
    expect(timeLeftTone(1)).toBe('soon');
    expect(timeLeftTone(300_000)).toBe('soon');
    expect(timeLeftTone(300_001)).toBe('ok');
  });
});

describe('formatLastUsed', () => {
  const now = Date.UTC(2026, 4, 20, 12, 0, 0);
  it.each([
    [now - 10_000, 'just now'],
    [now + 10_000, 'just now'],
    [now - 5 * 60_000, '5 min ago'],
    [now - 3 * 3_600_000, '3 h ago'],
    [now - 30 * 3_600_000, 'yesterday'],
    [now - 4 * 86_400_000, '4 days ago'],
  ])('%d → %s', (at, text) => {
    expect(formatLastUsed(at, now)).toBe(text);
  });

  it('gives the date after a week', () => {
    expect(formatLastUsed(Date.UTC(2026, 0, 2, 12), now, 'en-GB')).toBe('2 Jan 2026');
  });
});

describe('formatTimeLeftShort', () => {
  it('writes the units without spaces for a row', () => {
    expect(formatTimeLeftShort(2 * 3_600_000 + 5 * 60_000 + 30_000)).toBe('2h 05m');
    expect(formatTimeLeftShort(4 * 60_000 + 9_000)).toBe('4m 09s');
    expect(formatTimeLeftShort(42_000)).toBe('42s');
    expect(formatTimeLeftShort(0)).toBe('expired');
    expect(formatTimeLeftShort(400)).toBe('under 1s');
  });
});
