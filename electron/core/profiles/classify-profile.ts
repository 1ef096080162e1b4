import type { NamedSection, ProfileEntry, Values } from './aws-config-map';
import { pyStrip } from './config-parser';
import type {
  CredentialSource,
  HeldProfile,
  KeysProfile,
  ProcessProfile,
  RoleProfile,
  SsoProfile,
  UnusableProfile,
} from './profiles';
import { shellWords } from './shell-words';
import { ssoConfig, takesSso, type ShownFiles } from './sso-config';

// A profile on its own, as botocore's credential providers see it, before source_profile is
// followed: the assume-role provider takes a profile with role_arn (and no
// web_identity_token_file); otherwise the first of web identity, SSO (sso-config.ts), keys in the
// credentials file, login, credential_process and keys in the config file that the profile has.

export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A profile on its own, before following source_profile. `undefined`: no credentials at all. */
export type Own =
  | { kind: 'role'; profile: Omit<RoleProfile, 'chain'> }
  | { kind: 'keys'; profile: KeysProfile }
  | { kind: 'process'; profile: ProcessProfile }
  | { kind: 'held'; profile: HeldProfile }
  | { kind: 'sso'; profile: SsoProfile }
  | { kind: 'handoff' }
  | { kind: 'unusable'; profile: UnusableProfile }
  | undefined;

const ROLE_ARN =
  /^arn:([a-z][a-z0-9-]*):iam::(\d{12}):role\/((?:[\x21-\x2e\x30-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
const SSO_KEYS = ['sso_start_url', 'sso_session'];

/** What classifying a profile needs besides the profile: the sso-session sections, and the files' names for messages. */
export interface ClassifyContext {
  ssoSessions: ReadonlyMap<string, NamedSection>;
  shown: ShownFiles;
}

/** botocore's _has_assume_role_config_vars. */
export const takesAssumeRole = (v: Values) =>
  v['role_arn'] !== undefined && v['web_identity_token_file'] === undefined;

/** botocore's _has_static_credentials: either key, anywhere in the profile. */
export const hasStaticKeys = (v: Values) =>
  v['aws_access_key_id'] !== undefined || v['aws_secret_access_key'] !== undefined;

export function unusableOwn(name: string, reason: string, roleArn?: string): Own {
  return { kind: 'unusable', profile: { kind: 'unusable', name, reason, ...(roleArn ? { roleArn } : {}) } };
}

/**
 * What a credential_process line that runs RoleTray's own helper asks it for: the profile named
 * last. Undefined when the line runs something else.
 */
export function roleTrayHelperProfile(command: string): string | undefined {
  try {
    const words = shellWords(command);
    return words.some((word) => /(^|[/\\])roletray-credentials(\.m?js)?$/.test(word))
      ? words.at(-1)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a credential_process line runs RoleTray's own helper. */
export const runsRoleTrayHelper = (command: string) => roleTrayHelperProfile(command) !== undefined;

/** One file's keys, as its provider reads them (botocore: aws_security_token before aws_session_token). */
function keysIn(v: Values, file: 'credentials' | 'config', name: string): Own {
  const accessKeyId = v['aws_access_key_id']!;
  const secretAccessKey = v['aws_secret_access_key'];
  if (secretAccessKey === undefined) {
    return unusableOwn(
      name,
      `it has aws_access_key_id in the ${file} file but no aws_secret_access_key there.`,
    );
  }
  if (!accessKeyId || !secretAccessKey) {
    return unusableOwn(name, `its ${accessKeyId ? 'aws_secret_access_key' : 'aws_access_key_id'} is empty.`);
  }
  const sessionToken = v['aws_security_token'] ?? v['aws_session_token'];
  return {
    kind: 'keys',
    profile: {
      kind: 'keys',
      name,
      file,
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
    },
  };
}

/**
 * The credentials a profile gives without being assumed, in botocore's order of profile
 * providers: web identity, SSO, keys in the credentials file, login, credential_process, keys in
 * the config file. `undefined` when it has none.
 */
export function directCredentials(entry: ProfileEntry, context: ClassifyContext): Own {
  const { name, values: v } = entry;
  const fail = (reason: string) => unusableOwn(name, reason, v['role_arn']);
  if (v['web_identity_token_file']) return classifyWebIdentity(entry);
  if (takesSso(entry)) {
    const sso = ssoConfig(entry, context.ssoSessions, context.shown);
    if ('error' in sso) return fail(sso.error);
    return { kind: 'sso', profile: { kind: 'sso', name, sso: sso.login } };
  }
  if (entry.fromCredentials?.['aws_access_key_id'] !== undefined) {
    return keysIn(entry.fromCredentials, 'credentials', name);
  }
  if (v['login_session'] !== undefined)
    return fail('login_session profiles (`aws login`) are not supported yet.');
  const process = v['credential_process'];
  if (process !== undefined) {
    // Asking for itself, the profile's keys are held by RoleTray; asking for another, it is a
    // hand-off of that one's session (`[profile roletray-X]`), which is no profile of its own.
    const asked = roleTrayHelperProfile(process);
    if (asked === name) return { kind: 'held', profile: { kind: 'held', name, command: process } };
    if (asked !== undefined) return { kind: 'handoff' };
    if (!process.trim()) return fail('its credential_process is empty.');
    return { kind: 'process', profile: { kind: 'process', name, command: process } };
  }
  if (entry.fromConfig?.['aws_access_key_id'] !== undefined) return keysIn(entry.fromConfig, 'config', name);
  if (v['aws_secret_access_key'] !== undefined) {
    return fail('it has aws_secret_access_key but no aws_access_key_id.');
  }
  // botocore's SSO provider wants sso_account_id or sso_role_name; without them an sso_session
  // or sso_start_url only serves `aws sso login` (a token, no credentials).
  const ssoKey = SSO_KEYS.find((key) => v[key] !== undefined);
  if (ssoKey) {
    return fail(
      `it has ${ssoKey} but neither sso_account_id nor sso_role_name, so it signs in to IAM Identity Center without naming a role.`,
    );
  }
  return undefined;
}

/** A profile as `aws --profile name` uses it: assumed if it has role_arn, else its own credentials. */
export function classify(entry: ProfileEntry, context: ClassifyContext): Own {
  return takesAssumeRole(entry.values) ? classifyRole(entry) : directCredentials(entry, context);
}

/** Python's int() of a string: whitespace, a sign, digits with single underscores between. */
export function pythonInt(text: string): number | undefined {
  const match = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u.exec(pyStrip(text));
  if (!match) return undefined;
  const digits = [...match[2]!.replaceAll('_', '')].map((char) => digitValue(char)).join('');
  const value = Number(digits);
  return match[1] === '-' ? -value : value;
}

/** A Unicode decimal digit's value: digits come in runs of ten from a zero, some runs adjacent. */
function digitValue(char: string): number {
  const code = char.codePointAt(0)!;
  let start = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}

/**
 * A web identity profile (botocore's AssumeRoleWithWebIdentityProvider): its role assumed with the
 * token file's token. Only role_arn and role_session_name count; duration_seconds, external_id and
 * mfa_serial are not sent, as in the AWS CLI.
 */
function classifyWebIdentity(entry: ProfileEntry): Own {
  const { name, values: v } = entry;
  const roleArn = v['role_arn'];
  if (!roleArn) {
    return unusableOwn(name, 'it has web_identity_token_file but no role_arn to assume with the token.');
  }
  const arn = ROLE_ARN.exec(roleArn);
  if (!arn) {
    return unusableOwn(
      name,
      `role_arn = ${roleArn} is not an IAM role ARN (expected arn:aws:iam::123456789012:role/RoleName).`,
      roleArn,
    );
  }
  const roleSessionName = v['role_session_name'] || undefined;
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
      source: { kind: 'web-identity', tokenFile: v['web_identity_token_file']! },
      ...(roleSessionName ? { roleSessionName } : {}),
      ...(color ? { color } : {}),
    },
  };
}

function classifyRole(entry: ProfileEntry): Own {
  const { name, values: v } = entry;
  const roleArn = v['role_arn']!;
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
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    return fail('it sets both source_profile and credential_source; the AWS CLI needs exactly one.');
  } else if (sourceProfile !== undefined) {
    source = { kind: 'profile', profile: sourceProfile };
  } else if (credentialSource === 'Environment') {
    source = { kind: 'environment' };
  } else if (credentialSource === 'Ec2InstanceMetadata' || credentialSource === 'EcsContainer') {
    return fail(
      `credential_source = ${credentialSource} takes the keys of an ${credentialSource === 'EcsContainer' ? 'ECS task' : 'EC2 instance'}, which a desktop does not have.`,
    );
  } else if (credentialSource !== undefined) {
    return fail(
      `credential_source = ${credentialSource} is not valid: the AWS CLI accepts Environment, Ec2InstanceMetadata or EcsContainer (with that case).`,
    );
  } else {
    return fail('it has role_arn but neither source_profile nor credential_source to assume it with.');
  }
  const rawDuration = v['duration_seconds'];
  // The AWS CLI ignores a duration_seconds Python's int() cannot read (loader warns about it).
  const durationSeconds = rawDuration === undefined ? undefined : pythonInt(rawDuration);
  if (durationSeconds !== undefined && !(durationSeconds >= 900 && durationSeconds <= 43200)) {
    return fail(`duration_seconds = ${rawDuration} is not from 900 to 43200 seconds, which AWS refuses.`);
  }
  // Present but empty is sent as is by the AWS CLI, and refused by STS.
  for (const key of ['mfa_serial', 'external_id'] as const) {
    if (v[key] === '') return fail(`${key} is empty; STS refuses an empty value.`);
  }
  const mfaSerial = v['mfa_serial'];
  const externalId = v['external_id'];
  const roleSessionName = v['role_session_name'] || undefined;
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
