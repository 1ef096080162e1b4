import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatLifetime,
  isArchived,
  storageClassLabel,
} from './s3-format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [184, '184 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [6_291_456, '6.0 MiB'],
    [123 * 1024 * 1024, '123 MiB'],
    [5 * 1024 ** 4, '5.0 TiB'],
    [Number.NaN, '0 B'],
  ])('%d → %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('dates', () => {
  it('formats in the given locale and zone, and a missing date as a dash', () => {
    const at = Date.UTC(2026, 10, 20, 0, 0);
    expect(formatDateTime(at, 'en-GB', 'UTC')).toBe('20 Nov 2026, 00:00');
    expect(formatDate(at, 'en-US', 'UTC')).toBe('Nov 20, 2026');
    expect(formatDateTime(0)).toBe('—');
  });
});

describe('storage classes', () => {
  it('names them as the console does', () => {
    expect(storageClassLabel('STANDARD_IA')).toBe('Standard-IA');
    expect(storageClassLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(isArchived('GLACIER')).toBe(true);
    expect(isArchived('GLACIER_IR')).toBe(false);
  });
});

describe('counts and lifetimes', () => {
  it('reads as people write them', () => {
    expect(formatCount(100000)).toBe('100,000');
    expect(formatLifetime(300)).toBe('5 min');
    expect(formatLifetime(3600)).toBe('1 h');
    expect(formatLifetime(43200)).toBe('12 h');
    expect(formatLifetime(604800)).toBe('7 days');
    expect(formatLifetime(86400)).toBe('1 day');
  });
});
