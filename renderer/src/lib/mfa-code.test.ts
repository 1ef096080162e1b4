import { describe, expect, it } from 'vitest';
import { isCompleteMfaCode, mfaDeviceName, normaliseMfaCode } from './mfa-code';

describe('normaliseMfaCode', () => {
  it.each([
    ['', ''],
    ['12', '12'],
    ['123456', '123456'],
    ['123 456', '123456'],
    [' 123 456 \n', '123456'],
    ['123-456', '123456'],
    ['1 2 3 4 5 6', '123456'],
    ['Code: 654321', '654321'],
    ['abc', ''],
    ['1234567', '123456'],
  ])('%j → %j', (input, code) => {
    expect(normaliseMfaCode(input)).toBe(code);
  });
});

describe('isCompleteMfaCode', () => {
  it('wants exactly six digits', () => {
    expect(isCompleteMfaCode('123456')).toBe(true);
    expect(isCompleteMfaCode('12345')).toBe(false);
    expect(isCompleteMfaCode('1234567')).toBe(false);
    expect(isCompleteMfaCode('12345a')).toBe(false);
  });
});

describe('mfaDeviceName', () => {
  it('names a virtual device by its user, and keeps hardware serials whole', () => {
    expect(mfaDeviceName('arn:aws:iam::210987654321:mfa/Tyler-Dev')).toBe('Tyler-Dev');
    expect(mfaDeviceName('GAHT12345678')).toBe('GAHT12345678');
  });
});
