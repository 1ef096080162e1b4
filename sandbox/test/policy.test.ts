import { describe, expect, it } from 'vitest';
import {
  allowsPrincipalDirectly,
  evaluatePolicies,
  policyProblems,
  type PolicyDocument,
} from '../src/policy';

const allow = (statement: object): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', ...statement }],
});
const request = (overrides: object = {}) => ({
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/key.txt',
  context: {},
  ...overrides,
});

describe('evaluatePolicies', () => {
  it('is an implicit deny when nothing matches', () => {
    expect(evaluatePolicies([], request())).toBe('implicit-deny');
    expect(evaluatePolicies([allow({ Action: 's3:PutObject', Resource: '*' })], request())).toBe(
      'implicit-deny',
    );
  });

  it('matches actions case-insensitively with wildcards, resources case-sensitively', () => {
    expect(
      evaluatePolicies([allow({ Action: 'S3:get*', Resource: 'arn:aws:s3:::bucket/*' })], request()),
    ).toBe('allow');
    expect(
      evaluatePolicies([allow({ Action: 's3:Get*', Resource: 'arn:aws:s3:::BUCKET/*' })], request()),
    ).toBe('implicit-deny');
    expect(
      evaluatePolicies(
        [allow({ Action: 's3:GetObjec?', Resource: 'arn:aws:s3:::bucket/key.???' })],
        request(),
      ),
    ).toBe('allow');
  });

  it('lets an explicit Deny win over any Allow, whatever the order', () => {
    const deny: PolicyDocument = { Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*' } };
    expect(evaluatePolicies([allow({ Action: '*', Resource: '*' }), deny], request())).toBe('explicit-deny');
    expect(evaluatePolicies([deny, allow({ Action: '*', Resource: '*' })], request())).toBe('explicit-deny');
  });

  it('honours NotAction and NotResource', () => {
    expect(evaluatePolicies([allow({ NotAction: 's3:Put*', Resource: '*' })], request())).toBe('allow');
    expect(evaluatePolicies([allow({ NotAction: 's3:Get*', Resource: '*' })], request())).toBe(
      'implicit-deny',
    );
    expect(evaluatePolicies([allow({ Action: '*', NotResource: 'arn:aws:s3:::bucket/*' })], request())).toBe(
      'implicit-deny',
    );
  });

  it('substitutes policy variables in resources', () => {
    const policy = allow({ Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' });
    const own = request({ resource: 'arn:aws:s3:::home/tyler/notes', context: { 'aws:username': 'tyler' } });
    const other = request({ resource: 'arn:aws:s3:::home/sam/notes', context: { 'aws:username': 'tyler' } });
    expect(evaluatePolicies([policy], own)).toBe('allow');
    expect(evaluatePolicies([policy], other)).toBe('implicit-deny');
    expect(evaluatePolicies([policy], { ...own, context: {} })).toBe('implicit-deny');
  });
});

describe('conditions', () => {
  const withCondition = (Condition: object) => [allow({ Action: '*', Resource: '*', Condition })];
  const decide = (Condition: object, context: Record<string, string>) =>
    evaluatePolicies(withCondition(Condition), request({ context }));

  it('Bool on aws:MultiFactorAuthPresent fails when the key is absent (long-term keys), BoolIfExists passes', () => {
    const mfa = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    expect(decide(mfa, {})).toBe('implicit-deny');
    expect(decide(mfa, { 'aws:multifactorauthpresent': 'false' })).toBe('implicit-deny');
    expect(decide(mfa, { 'aws:multifactorauthpresent': 'true' })).toBe('allow');
    expect(
      decide({ Bool: { 'aws:MultiFactorAuthPresent': true } }, { 'aws:multifactorauthpresent': 'true' }),
    ).toBe('allow');
    expect(decide({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, {})).toBe('allow');
    expect(
      decide(
        { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
        { 'aws:multifactorauthpresent': 'false' },
      ),
    ).toBe('implicit-deny');
  });

  it('NumericLessThan on aws:MultiFactorAuthAge', () => {
    const recent = { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } };
    expect(decide(recent, { 'aws:multifactorauthage': '59' })).toBe('allow');
    expect(decide(recent, { 'aws:multifactorauthage': '3600' })).toBe('implicit-deny');
    expect(decide(recent, {})).toBe('implicit-deny');
  });

  it('StringEquals on sts:ExternalId, any of several values', () => {
    const external = { StringEquals: { 'sts:ExternalId': ['one-id', 'two-id'] } };
    expect(decide(external, { 'sts:externalid': 'two-id' })).toBe('allow');
    expect(decide(external, { 'sts:externalid': 'TWO-ID' })).toBe('implicit-deny');
    expect(decide(external, {})).toBe('implicit-deny');
  });

  it('StringLike, negated operators and Null', () => {
    expect(decide({ StringLike: { 's3:prefix': 'restricted/*' } }, { 's3:prefix': 'restricted/a' })).toBe(
      'allow',
    );
    expect(decide({ StringNotLike: { 's3:prefix': 'restricted/*' } }, { 's3:prefix': 'restricted/a' })).toBe(
      'implicit-deny',
    );
    // A negated operator holds when the key is missing, as in IAM.
    expect(decide({ StringNotEquals: { 's3:prefix': 'x' } }, {})).toBe('allow');
    expect(decide({ Null: { 'aws:MultiFactorAuthAge': 'true' } }, {})).toBe('allow');
    expect(decide({ Null: { 'aws:MultiFactorAuthAge': 'true' } }, { 'aws:multifactorauthage': '1' })).toBe(
      'implicit-deny',
    );
  });

  it('requires every operator and every key to hold', () => {
    const both = {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '900' },
    };
    expect(decide(both, { 'aws:multifactorauthpresent': 'true', 'aws:multifactorauthage': '10' })).toBe(
      'allow',
    );
    expect(decide(both, { 'aws:multifactorauthpresent': 'true', 'aws:multifactorauthage': '901' })).toBe(
      'implicit-deny',
    );
  });
});

describe('principals', () => {
  const tyler = { account: '210987654321', arns: ['arn:aws:iam::210987654321:user/Tyler-Dev'] };
  const trust = (AWS: string | string[]) => [allow({ Principal: { AWS }, Action: 'sts:AssumeRole' })];
  const assumeRequest = {
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::123456789012:role/R',
    context: {},
    principal: tyler,
  };

  it('matches an account id, the account root ARN, the exact ARN or *', () => {
    for (const principal of ['210987654321', 'arn:aws:iam::210987654321:root', tyler.arns[0]!, '*']) {
      expect(evaluatePolicies(trust(principal), assumeRequest)).toBe('allow');
    }
    expect(evaluatePolicies(trust('123456789012'), assumeRequest)).toBe('implicit-deny');
    expect(evaluatePolicies(trust('arn:aws:iam::210987654321:user/Sam'), assumeRequest)).toBe(
      'implicit-deny',
    );
  });

  it('tells a trust policy naming the principal itself from one naming its account', () => {
    expect(allowsPrincipalDirectly(trust(tyler.arns[0]!), assumeRequest)).toBe(true);
    expect(allowsPrincipalDirectly(trust('210987654321'), assumeRequest)).toBe(false);
  });
  it('matches a Federated principal (an OIDC provider) only for a web identity request from it', () => {
    const provider = 'arn:aws:iam::123456789012:oidc-provider/oidc.roletray.test';
    const federatedTrust = [
      allow({ Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity' }),
    ];
    const webRequest = (federated: string) => ({
      ...assumeRequest,
      action: 'sts:AssumeRoleWithWebIdentity',
      principal: { account: '', arns: [], federated },
    });
    expect(evaluatePolicies(federatedTrust, webRequest(provider))).toBe('allow');
    expect(evaluatePolicies(federatedTrust, webRequest(`${provider}/other`))).toBe('implicit-deny');
    expect(
      evaluatePolicies(federatedTrust, { ...assumeRequest, action: 'sts:AssumeRoleWithWebIdentity' }),
    ).toBe('implicit-deny');
    // A trust policy for AWS principals, even all of them, does not let a federated caller in.
    for (const principal of ['*', '123456789012']) {
      expect(evaluatePolicies(trust(principal), webRequest(provider))).toBe('implicit-deny');
    }
  });
});

describe('policyProblems', () => {
  it('reports unknown condition operators and bad effects', () => {
    expect(policyProblems(allow({ Action: '*', Condition: { StringEquals: { a: 'b' } } }))).toEqual([]);
    expect(
      policyProblems({
        Statement: [{ Effect: 'Permit' as 'Allow', Condition: { StringSorta: { a: 'b' } } }],
      }),
    ).toEqual(['Effect must be Allow or Deny', 'unknown condition operator StringSorta']);
  });
});
