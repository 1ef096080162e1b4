// Errors as the UI receives them: a kind to branch on and a sentence to show. Never a stack trace.

export type RoleTrayErrorKind =
  /** A role needs an MFA code and none could be asked for (e.g. a background renewal). */
  | 'MfaRequired'
  /** AWS refused the code: wrong, reused, or not from the profile's device. */
  | 'MfaInvalid'
  /** The user closed the MFA dialog. */
  | 'MfaCancelled'
  /** AWS answered AccessDenied; `awsMessage` holds its words. */
  | 'AccessDenied'
  /** A session, or the credentials behind it, expired. */
  | 'Expired'
  /** AWS does not know the keys or rejected their signature. */
  | 'InvalidCredentials'
  /** A role's source has no usable keys (missing profile, empty environment, unsupported type). */
  | 'SourceCredentialsMissing'
  /** An IAM Identity Center profile, and no sign-in (or it ended): the message names the start URL. */
  | 'SignInRequired'
  /** A parameter AWS would reject, such as a duration or session name. */
  | 'Validation'
  /** The AWS config or credentials file is malformed or inconsistent. */
  | 'ConfigError'
  /** Secrets cannot be kept encrypted here (no OS keychain, or it cannot decrypt what it holds). */
  | 'NotSecure'
  /** STS or S3 could not be reached. */
  | 'Network'
  /** Anything else; `message` still says what was being done. */
  | 'Internal';

export interface RoleTrayErrorInfo {
  kind: RoleTrayErrorKind;
  /** A sentence a user can act on. */
  message: string;
  profile?: string;
  /** AWS's own error code and message, when AWS answered. */
  awsCode?: string;
  awsMessage?: string;
  /** For Network: which service did not answer, at which endpoint (one notice covers all its failures). */
  unreachable?: { service: string; endpoint: string };
  /** For ConfigError: the file and 1-based line. */
  file?: string;
  line?: number;
}
