import type { KeysProfile, RoleProfile, UnusableProfile, CredentialSource } from './profiles';

// A profile on its own, before source_profile is followed: what its keys make it (a role, a keys
// profile, a profile RoleTray cannot use and why), in the AWS CLI's order of credential providers.

export type Values = Record<string, string>;

export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A profile on its own, before following source_profile. `undefined`: neither a role nor a source. */
export type Own =
  | { kind: 'role'; profile: Omit<RoleProfile, 'chain'> }
  | { kind: 'keys'; profile: KeysProfile }
  | { kind: 'unusable'; profile: UnusableProfile }
  | undefined;

const ROLE_ARN =
  /^arn:([a-z][a-z0-9-]*):iam::(\d{12}):role\/((?:[\x21-\x2e\x30-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
const SSO_KEYS = ['sso_start_url', 'sso_session', 'sso_account_id', 'sso_role_name'];

export function staticKeys(v: Values): StaticKeys | undefined {
  const accessKeyId = v['aws_access_key_id'];
  const secretAccessKey = v['aws_secret_access_key'];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = v['aws_session_token'] || v['aws_security_token'];
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

export function unusableOwn(name: string, reason: string, roleArn?: string): Own {
  return { kind: 'unusable', profile: { kind: 'unusable', name, reason, ...(roleArn ? { roleArn } : {}) } };
}

/**
 * A profile on its own, in the AWS CLI's order of credential providers: an assume-role profile
 * (role_arn without web_identity_token_file), web identity, SSO, keys from the credentials file,
 * credential_process, keys from the config file.
 */
export function classify(name: string, v: Values, keysFromCredentials: boolean): Own {
  const roleArn = v['role_arn'];
  const fail = (reason: string) => unusableOwn(name, reason, roleArn);
  if (v['web_identity_token_file'] !== undefined) {
    return fail('web identity profiles (web_identity_token_file) are not supported by RoleTray.');
  }
  if (roleArn !== undefined) return classifyRole(name, roleArn, v);
  if (SSO_KEYS.some((key) => v[key] !== undefined)) {
    return fail('AWS IAM Identity Center (SSO) profiles are not supported yet.');
  }
  const keys = staticKeys(v);
  const credentialProcess = v['credential_process'];
  if (keys && (keysFromCredentials || credentialProcess === undefined)) {
    return { kind: 'keys', profile: { kind: 'keys', name, ...keys } };
  }
  if (credentialProcess !== undefined) {
    return fail(
      'credential_process profiles are not supported: RoleTray cannot cache what the process returns.',
    );
  }
  const accessKeyId = v['aws_access_key_id'];
  const secretAccessKey = v['aws_secret_access_key'];
  if (accessKeyId || secretAccessKey) {
    return fail(
      accessKeyId
        ? 'it has aws_access_key_id but no aws_secret_access_key.'
        : 'it has aws_secret_access_key but no aws_access_key_id.',
    );
  }
  return undefined;
}

function classifyRole(name: string, roleArn: string, v: Values): Own {
  const fail = (reason: string) => unusableOwn(name, reason, roleArn);
  const arn = ROLE_ARN.exec(roleArn);
  if (!arn) {
    return fail(
      `role_arn = ${roleArn} is not an IAM role ARN (expected arn:aws:iam::123456789012:role/RoleName).`,
    );
  }
  const sourceProfile = v['source_profile'];
  const credentialSource = v['credential_source'];
  let source: CredentialSource;
  if (sourceProfile && credentialSource) {
    return fail('it sets both source_profile and credential_source; AWS tools need exactly one.');
  } else if (sourceProfile) {
    source = { kind: 'profile', profile: sourceProfile };
  } else if (credentialSource === 'Environment') {
    source = { kind: 'environment' };
  } else if (credentialSource === 'Ec2InstanceMetadata' || credentialSource === 'EcsContainer') {
    return fail(`credential_source = ${credentialSource} is not supported by RoleTray.`);
  } else if (credentialSource) {
    return fail(
      `credential_source = ${credentialSource} is not valid: AWS tools accept Environment, Ec2InstanceMetadata or EcsContainer.`,
    );
  } else {
    return fail('it has role_arn but neither source_profile nor credential_source to assume it with.');
  }
  const rawDuration = v['duration_seconds'];
  let durationSeconds: number | undefined;
  if (rawDuration !== undefined) {
    durationSeconds = /^\d+$/.test(rawDuration) ? Number(rawDuration) : NaN;
    if (!(durationSeconds >= 900 && durationSeconds <= 43200)) {
      return fail(`duration_seconds = ${rawDuration} is not a whole number of seconds from 900 to 43200.`);
    }
  }
  const optional = (key: string) => v[key] || undefined;
  const mfaSerial = optional('mfa_serial');
  const externalId = optional('external_id');
  const roleSessionName = optional('role_session_name');
  const color = /^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.exec(v['color'] ?? '')?.[1];
  return {
    kind: 'role',
    profile: {
      kind: 'role',
      name,
      roleArn,
      accountId: arn[2]!,
      roleName: arn[4]!,
      partition: arn[1]!,
      source,
      ...(mfaSerial ? { mfaSerial } : {}),
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      ...(externalId ? { externalId } : {}),
      ...(roleSessionName ? { roleSessionName } : {}),
      ...(color ? { color } : {}),
    },
  };
}
