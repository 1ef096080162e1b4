import { spawn } from 'node:child_process';
import type { AwsCredentials } from '../credentials';
import { RoleTrayError } from '../errors';
import { ShellSplitError, shellWords } from '../profiles/shell-words';

// Running a profile's credential_process as the AWS CLI does (botocore's ProcessProvider): the
// line split like a shell (shlex), the program started without a shell, its stdout read as JSON
// `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}`. Unlike the
// CLI it has a time limit (a tray app must not wait for ever on a process that wants a terminal)
// and its stderr goes into the error shown.

export interface ProcessCredentials extends AwsCredentials {
  /** Epoch ms, when the process said; without it the keys are long-term. */
  expiration?: number;
}

export interface RunProcessOptions {
  /** The profile, for messages. */
  profile: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  clock: () => number;
}

/** At most this much of stdout is read: credentials are a few hundred bytes. */
const MAX_OUTPUT = 64 * 1024;

const failed = (profile: string, why: string) =>
  new RoleTrayError('SourceCredentialsMissing', `The credential_process of ${profile} ${why}`, { profile });

export async function runCredentialProcess(
  command: string,
  options: RunProcessOptions,
): Promise<ProcessCredentials> {
  const { profile } = options;
  let argv: string[];
  try {
    argv = shellWords(command);
  } catch (error) {
    if (error instanceof ShellSplitError)
      throw failed(profile, `cannot be split into words: ${error.message}.`);
    throw error;
  }
  if (argv.length === 0) throw failed(profile, 'is empty.');
  const { code, stdout, stderr, timedOut, spawnError } = await run(argv, options);
  if (spawnError) throw failed(profile, `could not start ${argv[0]}: ${spawnError}.`);
  if (timedOut)
    throw failed(profile, `did not answer within ${options.timeoutMs / 1000} s, so RoleTray stopped it.`);
  if (code !== 0) {
    const said = stderr.trim().slice(0, 500);
    throw failed(profile, `exited with status ${code}${said ? `: ${said}` : ' and said nothing on stderr.'}`);
  }
  return parseOutput(stdout, options);
}

function parseOutput(stdout: string, { profile, clock }: RunProcessOptions): ProcessCredentials {
  let output: Record<string, unknown>;
  try {
    output = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    throw failed(profile, 'printed something that is not JSON.');
  }
  if (!output || typeof output !== 'object') throw failed(profile, 'printed JSON that is not an object.');
  // botocore compares with Python's ==, so 1.0 and true pass and "1" does not.
  if (output['Version'] !== 1 && output['Version'] !== true) {
    throw failed(
      profile,
      `printed Version ${JSON.stringify(output['Version'] ?? null)}; the AWS CLI reads Version 1 only.`,
    );
  }
  const text = (key: string) =>
    typeof output[key] === 'string' && output[key] !== '' ? output[key] : undefined;
  const accessKeyId = text('AccessKeyId');
  const secretAccessKey = text('SecretAccessKey');
  if (!accessKeyId || !secretAccessKey) {
    throw failed(profile, `printed no ${accessKeyId ? 'SecretAccessKey' : 'AccessKeyId'}.`);
  }
  const sessionToken = text('SessionToken');
  const expirationText = text('Expiration');
  let expiration: number | undefined;
  if (expirationText !== undefined) {
    expiration = Date.parse(expirationText);
    if (Number.isNaN(expiration))
      throw failed(profile, `printed an Expiration that is not a date: ${expirationText}.`);
    if (expiration <= clock()) throw failed(profile, 'printed credentials that have already expired.');
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration !== undefined ? { expiration } : {}),
  };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  spawnError?: string;
}

function run(argv: string[], options: RunProcessOptions): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      shell: false,
      env: Object.fromEntries(
        Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      // No terminal to prompt on: a process that reads stdin gets end of file at once.
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        code: null,
        stdout,
        stderr,
        timedOut,
        spawnError: (error as NodeJS.ErrnoException).code ?? error.message,
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
