import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runProcess, runs, type ProcessRun } from '../../test-support/client-process';
import { PROD, type TestSandbox } from '../../test-support/sandbox';

// What the real-client tests share: where Debian's AWS CLI v2 and boto3 are (the /usr/bin paths on
// purpose: `aws`/`python3` on PATH may be pyenv shims), a clean environment for each run (temp HOME,
// the sandbox's config/credentials, no proxies, no instance metadata), and boto3_check.py's JSON.

export const AWS_CLI = '/usr/bin/aws';

/** The first `aws` on PATH that is the CLI v1 (pyenv shims included), or undefined. */
function findCliV1(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    const file = join(dir, 'aws');
    if (dir === '' || !existsSync(file)) continue;
    const version = spawnSync(file, ['--version'], {
      env: { PATH: `${dir}:/usr/bin:/bin` },
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (/^aws-cli\/1\./m.test(`${version.stdout}${version.stderr}`)) return file;
  }
  return undefined;
}

export const CLI_V1 = findCliV1();
export const cliV1Missing = CLI_V1
  ? undefined
  : 'no AWS CLI v1 (aws-cli/1.x) on PATH; install it with: pip install awscli';

export const PYTHON = '/usr/bin/python3';
const BOTO3_SCRIPT = join(import.meta.dirname, 'boto3_check.py');
const INSTALL = 'apt-get install -y awscli python3-boto3';
const CLIENT_TIMEOUT_MS = 60_000;
export const TEST_TIMEOUT_MS = 120_000;

export const cliMissing = runs(AWS_CLI, ['--version'])
  ? undefined
  : `${AWS_CLI} is missing or does not run; install it with: ${INSTALL}`;
export const boto3Missing = runs(PYTHON, ['-c', 'import boto3'])
  ? undefined
  : `${PYTHON} cannot import boto3; install it with: ${INSTALL}`;

export const assumedRoleArn = (role: string, session: string) =>
  `arn:aws:sts::${PROD}:assumed-role/${role}/${session}`;

/** A client's whole environment: nothing of this process's, the sandbox's files, then `env`. */
export function clientEnv(
  t: TestSandbox,
  home: string,
  env: Record<string, string> = {},
): Record<string, string> {
  const clean: Record<string, string> = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: t.description.configFile,
    AWS_SHARED_CREDENTIALS_FILE: t.description.credentialsFile,
    AWS_DEFAULT_REGION: t.description.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return { ...clean, ...env };
}

/** Runs a client with nothing of this process's environment; resolves with its exit status, whatever it is. */
export function runClient(
  t: TestSandbox,
  home: string,
  file: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ProcessRun> {
  return runProcess(file, args, { env: clientEnv(t, home, env), timeoutMs: CLIENT_TIMEOUT_MS });
}

/** Temporary credentials as the CLI and boto3 print them. */
export interface StsCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

export function expectTemporary(t: TestSandbox, credentials: StsCredentials): void {
  expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
  expect(credentials.SecretAccessKey).toHaveLength(40);
  expect(credentials.SessionToken.length).toBeGreaterThan(100);
  expect(Date.parse(credentials.Expiration)).toBeGreaterThan(t.clock.now());
}

export interface Boto3Error {
  code: string;
  message: string;
  status: number;
  operation: string;
}
export type Boto3Output<T> = ({ ok: true } & T) | { ok: false; error: Boto3Error };

/** Runs one mode of boto3_check.py against the sandbox. */
export async function boto3<T>(
  t: TestSandbox,
  home: string,
  mode: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Boto3Output<T>> {
  const sandboxJson = join(t.awsDir, 'sandbox.json');
  const result = await runClient(
    t,
    home,
    PYTHON,
    [BOTO3_SCRIPT, mode, '--endpoint', t.sandbox.endpoint, '--sandbox-json', sandboxJson, ...args],
    env,
  );
  expect(result.code, `boto3_check.py ${mode}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as Boto3Output<T>;
}

export function succeeded<T>(output: Boto3Output<T>): T {
  if (!output.ok) expect.fail(`boto3 got ${output.error.code}: ${output.error.message}`);
  const result: Partial<typeof output> = { ...output };
  delete result.ok;
  return result as T;
}

export function failed<T>(output: Boto3Output<T>): Boto3Error {
  if (output.ok) expect.fail(`boto3 succeeded where AWS refuses: ${JSON.stringify(output)}`);
  return output.error;
}
