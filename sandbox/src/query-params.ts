import { AwsError, constraintError, validationError } from './errors';
import { single, type QueryParams } from './request';

// Parameter checks shared by the Query API services (STS, IAM): AWS's constraint wording for integers,
// lengths and patterns, and "Member must not be null" for a missing required member.

export interface PatternRule {
  min: number;
  max: number;
  pattern: RegExp;
  patternText: string;
}

function constraintFailure(value: string, field: string, constraint: string): never {
  throw constraintError(value, field, constraint);
}

export function integerParam(
  params: QueryParams,
  name: string,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const raw = single(params, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw validationError(`Value '${raw}' for parameter ${name} is invalid. Must be an integer.`);
  }
  if (value < min) constraintFailure(raw, field, `Member must have value greater than or equal to ${min}`);
  if (value > max) constraintFailure(raw, field, `Member must have value less than or equal to ${max}`);
  return value;
}

export function patternParam(
  params: QueryParams,
  name: string,
  field: string,
  rule: PatternRule,
): string | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  if (value.length < rule.min)
    constraintFailure(value, field, `Member must have length greater than or equal to ${rule.min}`);
  if (value.length > rule.max)
    constraintFailure(value, field, `Member must have length less than or equal to ${rule.max}`);
  if (!rule.pattern.test(value))
    constraintFailure(value, field, `Member must satisfy regular expression pattern: ${rule.patternText}`);
  return value;
}

export function enumParam<const T extends string>(
  params: QueryParams,
  name: string,
  field: string,
  values: readonly T[],
): T | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value))
    constraintFailure(value, field, `Member must satisfy enum value set: [${values.join(', ')}]`);
  return value as T;
}

export function required<T>(value: T | undefined, field: string): T {
  if (value === undefined)
    throw validationError(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

export const SESSION_NAME: PatternRule = {
  min: 2,
  max: 64,
  pattern: /^[\w+=,.@-]*$/,
  patternText: '[\\w+=,.@-]*',
};
// ARNs: 20..2048 characters without control characters; the ARN's shape is checked separately.
export const ROLE_ARN: PatternRule = {
  min: 20,
  max: 2048,
  pattern: /^\P{Cc}*$/u,
  patternText: '[^\\p{Cc}]*',
};

/** The action a request names, refused as AWS does when the service has no such action or version. */
export function queryAction(params: QueryParams, actions: object, version: string): string {
  const action = single(params, 'Action');
  const requested = single(params, 'Version');
  if (action === undefined) throw new AwsError('MissingAction', 'Missing Action', 400);
  // Own actions only: `constructor` or `toString` must not find Object's members.
  if (!Object.hasOwn(actions, action) || (requested !== undefined && requested !== version)) {
    throw new AwsError(
      'InvalidAction',
      `Could not find operation ${action} for version ${requested ?? 'NO_VERSION_SPECIFIED'}`,
      400,
    );
  }
  return action;
}
