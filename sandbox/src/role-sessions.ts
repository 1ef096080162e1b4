import { AwsError, validationError } from './errors';
import type { CredentialRecord, Identities, Principal, RoleRecord } from './identities';
import { integerParam, patternParam, required, ROLE_ARN, SESSION_NAME } from './query-params';
import { single, type QueryParams } from './request';
import { isoSeconds, type XmlNode } from './xml';

// What STS's AssumeRole and AssumeRoleWithWebIdentity share: the role parameters and their checks,
// the duration limits, and the role session with its Credentials and AssumedRoleUser.

const CHAINED_MAX_SECONDS = 3600;

export interface RoleParams {
  roleArn: string;
  sessionName: string;
  requestedSeconds: number | undefined;
}

export function roleParams(params: QueryParams): RoleParams {
  const roleArn = required(patternParam(params, 'RoleArn', 'roleArn', ROLE_ARN), 'roleArn');
  const sessionName = required(
    patternParam(params, 'RoleSessionName', 'roleSessionName', SESSION_NAME),
    'roleSessionName',
  );
  const requestedSeconds = integerParam(params, 'DurationSeconds', 'durationSeconds', 900, 43200);
  return { roleArn, sessionName, requestedSeconds };
}

/** Checked after the other parameters, as AWS orders its answers. */
export function checkRoleArn(roleArn: string, params: QueryParams): void {
  if (single(params, 'Policy') !== undefined || single(params, 'PolicyArns.member.1.arn') !== undefined) {
    throw new AwsError('NotImplemented', 'The RoleTray sandbox does not support session policies.', 501);
  }
  if (!/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(roleArn))
    throw validationError(`${roleArn} is invalid`);
}

export function credentialsXml(record: CredentialRecord): XmlNode {
  return {
    AccessKeyId: record.accessKeyId,
    SecretAccessKey: record.secretAccessKey,
    SessionToken: record.sessionToken,
    Expiration: isoSeconds(record.expiresAt!),
  };
}

/** Who a session of `role` is: the assumed-role ARN names the role without its path, as AWS's does. */
export function roleSessionPrincipal(role: RoleRecord, sessionName: string): Principal {
  return {
    type: 'role-session',
    account: role.role.account,
    role,
    sessionName,
    arn: `arn:aws:sts::${role.role.account}:assumed-role/${role.role.name}/${sessionName}`,
    id: `${role.id}:${sessionName}`,
  };
}

/** A new session of `role` within its duration limits (an hour at most when chained from a session). */
export function issueRoleSession(
  identities: Identities,
  role: RoleRecord,
  { sessionName, requestedSeconds }: RoleParams,
  chained: boolean,
  mfaAuthenticatedAt: number | undefined,
): { Credentials: XmlNode; AssumedRoleUser: XmlNode } {
  const duration = requestedSeconds ?? 3600;
  if (duration > role.role.maxSessionDuration) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  if (chained && duration > CHAINED_MAX_SECONDS) {
    throw validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  const principal = roleSessionPrincipal(role, sessionName);
  const session = identities.issue('role-session', principal, duration, mfaAuthenticatedAt, chained);
  return {
    Credentials: credentialsXml(session),
    AssumedRoleUser: { AssumedRoleId: principal.id, Arn: principal.arn },
  };
}
