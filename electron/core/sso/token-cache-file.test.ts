import { expect, it } from 'vitest';
import {
  formatCacheTime,
  formatTokenFile,
  parseCacheTime,
  parseTokenFile,
  ssoCacheDir,
  tokenCacheFileName,
  tokenCachePath,
} from './token-cache-file';

// The cache file's name and format (the botocore differential checks them against botocore too).

it('names the file by the sha1 of the key as given: session name, or start URL as written', () => {
  // printf %s corp | sha1sum
  expect(tokenCacheFileName('corp')).toBe('ee0bfd2552fbd840c02cc48b6e823320543c450f.json');
  expect(tokenCachePath('/home/me', 'corp')).toBe(`/home/me/.aws/sso/cache/${tokenCacheFileName('corp')}`);
  expect(ssoCacheDir('/home/me')).toBe('/home/me/.aws/sso/cache');
  expect(tokenCacheFileName('https://d-1.awsapps.com/start')).not.toBe(
    tokenCacheFileName('https://d-1.awsapps.com/start/'),
  );
  expect(tokenCacheFileName('Corp')).not.toBe(tokenCacheFileName('corp'));
});

it('reads the times every writer writes, and refuses what is not a time', () => {
  const at = Date.UTC(2026, 11, 2, 11, 0, 0);
  for (const text of [
    '2026-12-02T11:00:00Z',
    '2026-12-02T11:00:00UTC',
    '2026-12-02T11:00:00.000Z',
    '2026-12-02T12:00:00+01:00',
    '2026-12-02T06:30:00-0430',
    '2026-12-02 11:00:00Z',
    '2026-12-02T11:00Z',
    '2026-12-02T11:00:00',
  ]) {
    expect(parseCacheTime(text), text).toBe(at);
  }
  expect(parseCacheTime('2026-12-02T11:00:00.5Z')).toBe(at + 500);
  for (const text of ['', 'tomorrow', '2026-02-30T11:00:00Z', '2026-12-02T25:00:00Z', '1764673200']) {
    expect(parseCacheTime(text), text).toBeUndefined();
  }
});

it("writes times as botocore's refresh does: UTC to the second, rounded down", () => {
  expect(formatCacheTime(Date.UTC(2026, 11, 2, 11, 0, 0, 999))).toBe('2026-12-02T11:00:00Z');
  expect(() => formatCacheTime(Number.NaN)).toThrow();
});

it('keeps unknown keys, and an unreadable registrationExpiresAt as written', () => {
  const parsed = parseTokenFile(
    JSON.stringify({
      accessToken: 'a',
      expiresAt: '2026-12-02T11:00:00Z',
      registrationExpiresAt: 'soon',
      receivedAt: 'x',
    }),
    'f',
  );
  expect(parsed).toEqual({
    accessToken: 'a',
    expiresAt: Date.UTC(2026, 11, 2, 11),
    extra: { receivedAt: 'x', registrationExpiresAt: 'soon' },
  });
  if ('problem' in parsed) throw new Error(parsed.problem);
  expect(JSON.parse(formatTokenFile(parsed))).toEqual({
    receivedAt: 'x',
    registrationExpiresAt: 'soon',
    accessToken: 'a',
    expiresAt: '2026-12-02T11:00:00Z',
  });
});
