import type { ShellKind } from '../../shared/handoff-view';
import type { AwsCredentials } from '../core/credentials';

// A session as environment variables, in the syntax of the shell it is pasted into. Values are
// quoted for that shell, so a token's "/", "+" and "=" (or any quote) arrive as they are.

/** The variables the AWS CLI and every SDK read, in the order they are printed. */
export function sessionEnv(credentials: AwsCredentials, region?: string): [string, string][] {
  return [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ...(credentials.sessionToken
      ? [['AWS_SESSION_TOKEN', credentials.sessionToken] as [string, string]]
      : []),
    ...(region
      ? [['AWS_REGION', region] as [string, string], ['AWS_DEFAULT_REGION', region] as [string, string]]
      : []),
    ...(credentials.expiration !== undefined
      ? [['AWS_CREDENTIAL_EXPIRATION', new Date(credentials.expiration).toISOString()] as [string, string]]
      : []),
  ];
}

/** A POSIX sh word that stands for `value` exactly. */
export const shQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

const QUOTE: Record<ShellKind, (value: string) => string> = {
  sh: shQuote,
  fish: (value) => `'${value.replace(/[\\']/g, (char) => `\\${char}`)}'`,
  powershell: (value) => `'${value.replace(/'/g, "''")}'`,
};

const LINE: Record<ShellKind, (name: string, quoted: string) => string> = {
  sh: (name, quoted) => `export ${name}=${quoted}`,
  fish: (name, quoted) => `set -gx ${name} ${quoted}`,
  powershell: (name, quoted) => `$Env:${name} = ${quoted}`,
};

/** Lines that set every variable, with `AWS_PROFILE` cleared so no profile competes with them. */
export function exportLines(shell: ShellKind, variables: [string, string][]): string {
  const clear = {
    sh: 'unset AWS_PROFILE',
    fish: 'set -e AWS_PROFILE',
    powershell: 'Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue',
  }[shell];
  return (
    [clear, ...variables.map(([name, value]) => LINE[shell](name, QUOTE[shell](value)))].join('\n') + '\n'
  );
}
