import { accessDenied } from './errors';
import type { Caller } from './auth';
import type { CredentialRecord, Identities } from './identities';
import { allowsPrincipalDirectly, evaluatePolicies, type RequestContext } from './policy';
import { integerParam, patternParam, queryAction } from './query-params';
import { single, type QueryParams } from './request';
import { checkRoleArn, credentialsXml, issueRoleSession, roleParams } from './role-sessions';
import { assumeRoleWithWebIdentity } from './sts-web-identity';
import type { WebIdentityIssuer } from './web-identity-tokens';
import type { XmlNode } from './xml';

// STS's Query API (version 2011-06-15): GetCallerIdentity, GetSessionToken and AssumeRole with AWS's
// validation rules, MFA checks, identity + trust policy evaluation and duration limits; the unsigned
// AssumeRoleWithWebIdentity is in sts-web-identity.ts.

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_VERSION = '2011-06-15';

export interface StsResult {
  action: string;
  result: XmlNode;
}

type Params = QueryParams;

const EXTERNAL_ID = { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/, patternText: '[\\w+=,.@:\\/-]*' };
const SERIAL_NUMBER = { min: 9, max: 256, pattern: /^[\w+=/:,.@-]*$/, patternText: '[\\w+=/:,.@-]*' };
const TOKEN_CODE = { min: 6, max: 6, pattern: /^\d*$/, patternText: '[\\d]*' };

/**
 * SerialNumber and TokenCode prove MFA only together. AWS documents a missing code as the call being
 * evaluated without MFA (so an MFA-requiring trust policy answers AccessDenied); the sandbox does the same.
 */
function mfaParams(params: Params): { serial: string; code: string } | undefined {
  const serial = patternParam(params, 'SerialNumber', 'serialNumber', SERIAL_NUMBER);
  const code = patternParam(params, 'TokenCode', 'tokenCode', TOKEN_CODE);
  return serial !== undefined && code !== undefined ? { serial, code } : undefined;
}

function getCallerIdentity({ principal }: CredentialRecord): XmlNode {
  return { Arn: principal.arn, UserId: principal.id, Account: principal.account };
}

function getSessionToken(
  identities: Identities,
  record: CredentialRecord,
  params: Params,
  now: number,
): XmlNode {
  const duration = integerParam(params, 'DurationSeconds', 'durationSeconds', 900, 129600) ?? 43200;
  const mfa = mfaParams(params);
  if (record.kind !== 'long-term') throw accessDenied('Cannot call GetSessionToken with session credentials');
  const decision = evaluatePolicies(identities.identityPolicies(record.principal), {
    action: 'sts:GetSessionToken',
    resource: '*',
    context: identities.requestContext(record),
  });
  if (decision === 'explicit-deny') {
    throw accessDenied(
      `User: ${record.principal.arn} is not authorized to perform: sts:GetSessionToken with an explicit deny`,
    );
  }
  const mfaAt = mfa ? identities.verifyMfa(record.principal, mfa.serial, mfa.code) : undefined;
  const session = identities.issue('session-token', record.principal, duration, mfaAt);
  void now;
  return { Credentials: credentialsXml(session) };
}

function assumeRole(identities: Identities, record: CredentialRecord, params: Params, now: number): XmlNode {
  const role = roleParams(params);
  const { roleArn, sessionName } = role;
  const externalId = patternParam(params, 'ExternalId', 'externalId', EXTERNAL_ID);
  const mfa = mfaParams(params);
  checkRoleArn(roleArn, params);

  const { principal } = record;
  const mfaAt = mfa ? identities.verifyMfa(principal, mfa.serial, mfa.code) : record.mfaAuthenticatedAt;
  const context: RequestContext = {
    ...identities.requestContext(record),
    'sts:rolesessionname': sessionName,
  };
  if (mfa) {
    context['aws:multifactorauthpresent'] = 'true';
    context['aws:multifactorauthage'] = '0';
  }
  if (externalId !== undefined) context['sts:externalid'] = externalId;

  const target = identities.roles.get(roleArn);
  const request = {
    action: 'sts:AssumeRole',
    resource: roleArn,
    context,
    principal: identities.principalRef(principal),
  };
  const identityDecision = evaluatePolicies(identities.identityPolicies(principal), request);
  const trust = target ? [target.role.trustPolicy] : [];
  const trusted = evaluatePolicies(trust, request) === 'allow';
  // Within one account a trust policy naming the principal itself is enough; naming the account
  // (or crossing accounts) also needs the caller's own policies to allow the call.
  const identityAllows =
    identityDecision === 'allow' ||
    (identityDecision === 'implicit-deny' &&
      target?.role.account === principal.account &&
      allowsPrincipalDirectly(trust, request));
  if (!target || !trusted || !identityAllows) {
    throw accessDenied(
      `User: ${principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }
  void now;
  return issueRoleSession(identities, target, role, record.kind !== 'long-term', mfaAt);
}

const ACTIONS: Record<
  string,
  (identities: Identities, record: CredentialRecord, params: Params, now: number) => XmlNode
> = {
  GetCallerIdentity: (_identities, record) => getCallerIdentity(record),
  GetSessionToken: getSessionToken,
  AssumeRole: assumeRole,
};

/** The action named in the request, checked before authentication as AWS does. */
export function stsAction(params: Params): string {
  return queryAction(params, ACTIONS, STS_VERSION);
}

/** AssumeRoleWithWebIdentity takes no signature: the web identity token is the credential. */
export function isUnsignedStsAction(params: Params): boolean {
  return single(params, 'Action') === 'AssumeRoleWithWebIdentity';
}

export function handleUnsignedSts(
  identities: Identities,
  issuer: WebIdentityIssuer,
  params: Params,
  now: number,
): StsResult {
  const action = queryAction(params, { AssumeRoleWithWebIdentity: true }, STS_VERSION);
  return { action, result: assumeRoleWithWebIdentity(identities, issuer, params, now) };
}

export function handleSts(identities: Identities, caller: Caller, params: Params, now: number): StsResult {
  const action = stsAction(params);
  return { action, result: ACTIONS[action]!(identities, caller.record, params, now) };
}
