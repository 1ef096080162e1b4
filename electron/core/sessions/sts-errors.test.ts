import { describe, expect, it } from 'vitest';
import { stsError } from './sts-errors';

const context = {
  action: 'AssumeRole' as const,
  profile: 'contractor-prod',
  endpoint: 'http://127.0.0.1:1',
  roleArn: 'arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount',
};
const aws = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('stsError', () => {
  it('names who may not assume what, keeping AWS words', () => {
    const error = stsError(
      aws(
        'AccessDenied',
        'User: arn:aws:iam::210987654321:user/Sam-Contractor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount',
      ),
      context,
    );
    expect(error.kind).toBe('AccessDenied');
    expect(error.message).toMatch(/^Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount\. /);
    expect(error.info).toMatchObject({ awsCode: 'AccessDenied', profile: 'contractor-prod' });
  });

  it('names the role session when a role is the caller', () => {
    const error = stsError(
      aws(
        'AccessDenied',
        'User: arn:aws:sts::123456789012:assumed-role/DevReadOnly-CrossAccount/tyler@roletray is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Admin',
      ),
      { ...context, roleArn: 'arn:aws:iam::123456789012:role/Admin' },
    );
    expect(error.message).toMatch(
      /^DevReadOnly-CrossAccount\/tyler@roletray is not allowed to assume Admin\./,
    );
  });

  it('tells MFA failures apart from other denials', () => {
    expect(
      stsError(
        aws('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. '),
        context,
      ).kind,
    ).toBe('MfaInvalid');
    const foreign = stsError(
      aws(
        'AccessDenied',
        'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
      ),
      { ...context, mfaSerial: 'arn:aws:iam::1:mfa/x' },
    );
    expect(foreign.kind).toBe('MfaInvalid');
    expect(foreign.message).toContain('arn:aws:iam::1:mfa/x');
  });

  it('maps expiry, bad keys and validation errors', () => {
    expect(
      stsError(aws('ExpiredToken', 'The security token included in the request is expired'), context).kind,
    ).toBe('Expired');
    expect(
      stsError(aws('InvalidClientTokenId', 'The security token included in the request is invalid.'), context)
        .kind,
    ).toBe('InvalidCredentials');
    expect(stsError(aws('SignatureDoesNotMatch', '...'), context).kind).toBe('InvalidCredentials');
    const validation = stsError(
      aws(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      ),
      context,
    );
    expect(validation.kind).toBe('Validation');
    expect(validation.message).toContain('DevReadOnly-CrossAccount');
  });

  it('recognises an unreachable endpoint, also when the code is on the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(stsError(refused, context)).toMatchObject({
      info: {
        kind: 'Network',
        message:
          'Cannot reach STS at http://127.0.0.1:1 (ECONNREFUSED); check the endpoint and your connection.',
        unreachable: { service: 'STS', endpoint: 'http://127.0.0.1:1' },
      },
    });
    const wrapped = Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    expect(stsError(wrapped, context).kind).toBe('Network');
  });
});
