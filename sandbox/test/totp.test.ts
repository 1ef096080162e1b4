import { describe, expect, it } from 'vitest';
import { decodeBase32, matchTotp, randomBase32Secret, totpCode } from '../src/totp';

// RFC 6238 appendix B: the SHA-1 secret is ASCII "12345678901234567890"; we keep the last 6 of its 8 digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('matches the RFC 6238 vector at T=%i', (seconds, code) => {
    expect(totpCode(RFC_SECRET, Math.floor(seconds / 30))).toBe(code);
  });

  it('round-trips random base32 secrets', () => {
    const secret = randomBase32Secret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(decodeBase32(secret)).toHaveLength(20);
  });

  it('accepts one step of drift either way, not two', () => {
    const now = 1_800_000_000_000;
    const counter = Math.floor(now / 30_000);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, counter - 1), now)).toBe(counter - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, counter + 1), now)).toBe(counter + 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, counter + 2), now)).toBeUndefined();
  });

  it('rejects secrets with characters outside base32', () => {
    expect(() => decodeBase32('ABC1')).toThrow("Invalid base32 character '1'");
  });
});
