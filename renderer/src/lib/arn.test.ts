import { describe, expect, it } from 'vitest';
import { parseRoleArn } from './arn';

describe('parseRoleArn', () => {
  it('reads the account and the role name, past any path', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount')).toEqual({
      accountId: '123456789012',
      roleName: 'DevReadOnly-CrossAccount',
    });
    expect(parseRoleArn('arn:aws-us-gov:iam::123456789012:role/team/ops/Reader')).toEqual({
      accountId: '123456789012',
      roleName: 'Reader',
    });
  });

  it('is undefined for anything else', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:user/Tyler-Dev')).toBeUndefined();
    expect(parseRoleArn('not an arn')).toBeUndefined();
  });
});
