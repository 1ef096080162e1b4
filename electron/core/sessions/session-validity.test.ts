import { describe, expect, it } from 'vitest';
import { MINIMUM_VALIDITY_MS, stillGood } from './session-validity';
import { DEFAULT_POLICY } from './session-policy';

describe('stillGood', () => {
  const at = (expiration?: number) => ({ credentials: expiration === undefined ? {} : { expiration } });

  it('needs more than the minimum left; none, or no expiry, is not good', () => {
    expect(stillGood(at(1001), 1000)).toBe(true);
    expect(stillGood(at(1000), 1000)).toBe(false);
    expect(stillGood(at(61_000), 1000, MINIMUM_VALIDITY_MS)).toBe(false);
    expect(stillGood(at(61_001), 1000, MINIMUM_VALIDITY_MS)).toBe(true);
    expect(stillGood(undefined, 1000)).toBe(false);
    expect(stillGood(at(), 1000)).toBe(false);
  });

  it('is the policy’s reuse margin', () => {
    expect(DEFAULT_POLICY.minimumValiditySeconds * 1000).toBe(MINIMUM_VALIDITY_MS);
  });
});
