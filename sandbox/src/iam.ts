import type { Caller } from './auth';
import { AwsError, accessDenied, validationError } from './errors';
import type { CredentialRecord, Identities, UserPrincipal } from './identities';
import { evaluatePolicies } from './policy';
import {
  enumParam,
  integerParam,
  patternParam,
  queryAction,
  required,
  type PatternRule,
} from './query-params';
import type { QueryParams } from './request';
import type { NamedPolicy } from './scenario';
import { isoSeconds, type XmlNode } from './xml';

// IAM's Query API (version 2010-05-08), the calls a user needs to rotate their own access keys:
// CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed and GetUser.
// Each is authorized against the caller's identity policies on `arn:aws:iam::ACCOUNT:user/NAME`
// before the user is looked up, as IAM does, and answers IAM's error codes and wording.

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const IAM_VERSION = '2010-05-08';

/** IAM's quota: two access keys per user, active or inactive. */
export const ACCESS_KEYS_PER_USER = 2;

/** Attached by `refuseAccessKeyDeletion`: an explicit Deny, so AWS's own explicit-deny answer comes back. */
export const REFUSE_ACCESS_KEY_DELETION: NamedPolicy = {
  name: 'SandboxRefusesAccessKeyDeletion',
  document: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: 'iam:DeleteAccessKey', Resource: '*' }],
  },
};

export interface IamResult {
  action: string;
  /** Undefined for the calls whose answer has no Result element (UpdateAccessKey, DeleteAccessKey). */
  result: XmlNode | undefined;
}

/** When a scenario user without `created` was made; any fixed moment before the sandbox's keys. */
const DEFAULT_USER_CREATED = '2024-01-01T00:00:00Z';

const USER_NAME: PatternRule = { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
const ACCESS_KEY_ID: PatternRule = { min: 16, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' };
const MARKER: PatternRule = {
  min: 1,
  max: 320,
  pattern: /^[\u0020-\u00FF]+$/,
  patternText: '[\\u0020-\\u00FF]+',
};

const noSuchEntity = (message: string) => new AwsError('NoSuchEntity', message, 404);
const noSuchKey = (accessKeyId: string) =>
  noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);

function authorize(identities: Identities, record: CredentialRecord, action: string, user: string): void {
  const { principal } = record;
  const decision = evaluatePolicies(identities.identityPolicies(principal), {
    action,
    resource: `arn:aws:iam::${principal.account}:user/${user}`,
    context: identities.requestContext(record),
  });
  if (decision === 'allow') return;
  const reason =
    decision === 'explicit-deny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
  throw accessDenied(
    `User: ${principal.arn} is not authorized to perform: ${action} on resource: user ${user} ${reason}`,
  );
}

/** The user a call is about: UserName, or the calling user when it is omitted. */
function targetUser(
  identities: Identities,
  record: CredentialRecord,
  params: QueryParams,
  action: string,
): UserPrincipal {
  const { principal } = record;
  const named = patternParam(params, 'UserName', 'userName', USER_NAME);
  if (named === undefined && principal.type !== 'user')
    throw validationError('Must specify userName when calling with non-User credentials');
  const name = named ?? (principal as UserPrincipal).name;
  authorize(identities, record, action, name);
  const user = identities.users.get(name);
  if (!user || user.account !== principal.account)
    throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

/** The user's key named by AccessKeyId; another user's key is as unknown as a made-up one. */
function keyOf(identities: Identities, user: UserPrincipal, params: QueryParams): CredentialRecord {
  const accessKeyId = required(
    patternParam(params, 'AccessKeyId', 'accessKeyId', ACCESS_KEY_ID),
    'accessKeyId',
  );
  const record = identities.credential(accessKeyId);
  if (!record?.accessKey || record.principal !== user) throw noSuchKey(accessKeyId);
  return record;
}

function keyMetadata(user: UserPrincipal, record: CredentialRecord): XmlNode {
  return {
    UserName: user.name,
    AccessKeyId: record.accessKeyId,
    Status: record.accessKey!.status,
    CreateDate: isoSeconds(record.accessKey!.createdAt),
  };
}

function createAccessKey(identities: Identities, record: CredentialRecord, params: QueryParams) {
  const user = targetUser(identities, record, params, 'iam:CreateAccessKey');
  if (identities.accessKeysOf(user).length >= ACCESS_KEYS_PER_USER) {
    throw new AwsError(
      'LimitExceeded',
      `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`,
      409,
    );
  }
  const created = identities.createAccessKey(user);
  return { AccessKey: { ...keyMetadata(user, created), SecretAccessKey: created.secretAccessKey } };
}

function listAccessKeys(identities: Identities, record: CredentialRecord, params: QueryParams) {
  const maxItems = integerParam(params, 'MaxItems', 'maxItems', 1, 1000) ?? 100;
  const marker = patternParam(params, 'Marker', 'marker', MARKER);
  const user = targetUser(identities, record, params, 'iam:ListAccessKeys');
  const keys = identities.accessKeysOf(user);
  // The marker is the id of the first key not yet listed, opaque to clients as IAM's is.
  const start = marker === undefined ? 0 : keys.findIndex((key) => key.accessKeyId === marker);
  if (start < 0) throw validationError('Invalid Marker.');
  const page = keys.slice(start, start + maxItems);
  const next = keys[start + maxItems];
  return {
    UserName: user.name,
    AccessKeyMetadata: { member: page.map((key) => keyMetadata(user, key)) },
    IsTruncated: next !== undefined,
    Marker: next?.accessKeyId,
  };
}

function updateAccessKey(identities: Identities, record: CredentialRecord, params: QueryParams) {
  const status = required(enumParam(params, 'Status', 'status', ['Active', 'Inactive']), 'status');
  const user = targetUser(identities, record, params, 'iam:UpdateAccessKey');
  keyOf(identities, user, params).accessKey!.status = status;
  return undefined;
}

function deleteAccessKey(identities: Identities, record: CredentialRecord, params: QueryParams) {
  const user = targetUser(identities, record, params, 'iam:DeleteAccessKey');
  // Deleting the very key that signed this request is allowed: the answer still goes out.
  identities.deleteAccessKey(keyOf(identities, user, params).accessKeyId);
  return undefined;
}

function getAccessKeyLastUsed(identities: Identities, record: CredentialRecord, params: QueryParams) {
  const accessKeyId = required(
    patternParam(params, 'AccessKeyId', 'accessKeyId', ACCESS_KEY_ID),
    'accessKeyId',
  );
  const key = identities.credential(accessKeyId);
  const owner = key?.principal;
  if (!key?.accessKey || owner?.type !== 'user' || owner.account !== record.principal.account)
    throw noSuchKey(accessKeyId);
  authorize(identities, record, 'iam:GetAccessKeyLastUsed', owner.name);
  const used = key.accessKey.lastUsed;
  return {
    UserName: owner.name,
    AccessKeyLastUsed: used
      ? { LastUsedDate: isoSeconds(used.at), ServiceName: used.service, Region: used.region }
      : { ServiceName: 'N/A', Region: 'N/A' },
  };
}

function getUser(identities: Identities, record: CredentialRecord, params: QueryParams) {
  const user = targetUser(identities, record, params, 'iam:GetUser');
  return {
    User: {
      Path: '/',
      UserName: user.name,
      UserId: user.id,
      Arn: user.arn,
      CreateDate: isoSeconds(Date.parse(user.user.created ?? DEFAULT_USER_CREATED)),
    },
  };
}

const ACTIONS: Record<
  string,
  (identities: Identities, record: CredentialRecord, params: QueryParams) => XmlNode | undefined
> = {
  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
  GetUser: getUser,
};

export function handleIam(identities: Identities, caller: Caller, params: QueryParams): IamResult {
  const action = queryAction(params, ACTIONS, IAM_VERSION);
  return { action, result: ACTIONS[action]!(identities, caller.record, params) };
}
