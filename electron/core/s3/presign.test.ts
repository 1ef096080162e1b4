import { describe, expect, it } from 'vitest';
import { duration } from './presign';

// The lifetimes a presign note names (the clamping itself is tested against the sandbox).

describe('duration', () => {
  it('reads as a person would say it', () => {
    expect(duration(30)).toBe('30 s');
    expect(duration(2520)).toBe('42 min');
    expect(duration(3600)).toBe('1 h');
    expect(duration(3900)).toBe('1 h 5 min');
    expect(duration(43200)).toBe('12 h');
    expect(duration(86400)).toBe('1 day');
    expect(duration(604800)).toBe('7 days');
  });
});
