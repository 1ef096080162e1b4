import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, defaultSessionName, hopDuration, mfaStrategy } from './session-policy';

describe('mfaStrategy', () => {
  it('enters the code once (MFA session) for roles of up to 1 h, directly for longer ones', () => {
    expect(mfaStrategy(DEFAULT_POLICY, 3600, false)).toBe('session');
    expect(mfaStrategy(DEFAULT_POLICY, 900, false)).toBe('session');
    expect(mfaStrategy(DEFAULT_POLICY, 3601, false)).toBe('direct');
    expect(mfaStrategy(DEFAULT_POLICY, 43200, false)).toBe('direct');
  });

  it('honours a forced strategy', () => {
    expect(mfaStrategy({ ...DEFAULT_POLICY, mfaStrategy: 'session' }, 43200, false)).toBe('session');
    expect(mfaStrategy({ ...DEFAULT_POLICY, mfaStrategy: 'direct' }, 900, false)).toBe('direct');
  });

  it('carries the code directly when the source keys are temporary (GetSessionToken refuses them)', () => {
    expect(mfaStrategy({ ...DEFAULT_POLICY, mfaStrategy: 'session' }, 900, true)).toBe('direct');
  });
});

describe('hopDuration', () => {
  it("defaults to AWS's hour and keeps what long-term keys ask for", () => {
    expect(hopDuration(undefined, false)).toEqual({ seconds: 3600 });
    expect(hopDuration(43200, false)).toEqual({ seconds: 43200 });
  });

  it('caps chained hops at 1 h and says why', () => {
    const capped = hopDuration(7200, true);
    expect(capped.seconds).toBe(3600);
    expect(capped.note).toContain('1 h');
    expect(capped.note).toContain('2 h');
    expect(hopDuration(1800, true)).toEqual({ seconds: 1800 });
  });
});

describe('defaultSessionName', () => {
  it('is traceable and valid for AWS (2..64 of [\\w+=,.@-])', () => {
    expect(defaultSessionName('tyler')).toBe('tyler@roletray');
    const odd = defaultSessionName('Tyler Dev (Ops)/ü'.repeat(10));
    expect(odd).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(odd.endsWith('@roletray')).toBe(true);
    expect(defaultSessionName('')).toBe('user@roletray');
  });
});
