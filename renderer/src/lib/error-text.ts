import type { RoleTrayErrorInfo } from '../../../shared/errors';

// Errors as the user reads them: the core's sentence, with the file and line of a config problem
// when the sentence does not already say where. Never a code or a stack trace.

const FALLBACK: Record<RoleTrayErrorInfo['kind'], string> = {
  MfaRequired: 'This role needs an MFA code; assume it again to enter one.',
  MfaInvalid: 'AWS rejected the MFA code. Wait for the next code and try again.',
  MfaCancelled: 'MFA code entry was cancelled.',
  AccessDenied: 'AWS denied the request.',
  Expired: 'The session has expired; assume the role again.',
  InvalidCredentials: 'AWS does not accept the keys behind this profile; check your credentials file.',
  SourceCredentialsMissing: 'The profile this role starts from has no usable keys.',
  SignInRequired: 'Sign in to IAM Identity Center first.',
  Validation: 'AWS would reject this request as it stands.',
  ConfigError: 'Your AWS config or credentials file could not be read.',
  NotSecure: 'RoleTray cannot keep secrets encrypted on this machine.',
  Network: 'AWS could not be reached; check your connection.',
  Internal: 'RoleTray hit an unexpected problem; details are in its log.',
};

/** The user closed the MFA dialog themselves: nothing to report. */
export function isQuietError(error: RoleTrayErrorInfo): boolean {
  return error.kind === 'MfaCancelled';
}

function location(error: RoleTrayErrorInfo): string | undefined {
  if (!error.file) return undefined;
  const lineMentioned = error.line !== undefined && error.message.includes(`line ${error.line}`);
  const fileMentioned = error.message.includes(error.file);
  if (lineMentioned || (fileMentioned && error.line === undefined)) return undefined;
  return error.line === undefined ? `in ${error.file}` : `in ${error.file} at line ${error.line}`;
}

export function errorSentence(error: RoleTrayErrorInfo): string {
  const message = error.message.trim() || FALLBACK[error.kind];
  const where = location(error);
  if (!where) return message;
  return `${message.replace(/[.]$/, '')} (${where}).`;
}

/** When a request could not even reach the app (the window lost its bridge or preload). */
export function unreachable(what: string): RoleTrayErrorInfo {
  return {
    kind: 'Internal',
    message: `RoleTray's window could not reach the app to ${what}. Close the window and open it again from the tray.`,
  };
}
