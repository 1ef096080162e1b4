import { describe, expect, it } from 'vitest';
import { pageFromHash } from './location-hash';

describe('pageFromHash', () => {
  it('tells the MFA window from the app', () => {
    expect(pageFromHash('#mfa')).toEqual({ kind: 'mfa' });
    expect(pageFromHash('')).toEqual({ kind: 'app' });
    expect(pageFromHash('#other')).toEqual({ kind: 'app' });
  });

  it('reads the role the app was opened on', () => {
    expect(pageFromHash('#role=prod-read-only')).toEqual({ kind: 'app', role: 'prod-read-only' });
    expect(pageFromHash('#role=a%20b%2Fc')).toEqual({ kind: 'app', role: 'a b/c' });
    expect(pageFromHash('#role=')).toEqual({ kind: 'app' });
    expect(pageFromHash('#role=%E0%A4%A')).toEqual({ kind: 'app' });
  });
});
