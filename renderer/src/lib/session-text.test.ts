import { describe, expect, it } from 'vitest';
import { describeOrigin, sessionName } from './session-text';

describe('describeOrigin', () => {
  it('says how a session was obtained', () => {
    expect(describeOrigin({ obtainedBy: 'mfa-session' })).toBe('through an MFA session');
    expect(describeOrigin({ obtainedBy: 'chain' })).toBe('chained from another role');
  });
});

describe('sessionName', () => {
  it('takes the part after the role name', () => {
    expect(
      sessionName('arn:aws:sts::123456789012:assumed-role/DevReadOnly-CrossAccount/roletray-tyler'),
    ).toBe('roletray-tyler');
    expect(sessionName('arn:aws:iam::123456789012:user/Tyler-Dev')).toBeUndefined();
  });
});
