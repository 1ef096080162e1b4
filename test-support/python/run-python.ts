import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runs } from '../client-process';

// Debian's python3 with python3-botocore, the AWS CLI's own parser, for the differential tests:
// a script from this folder reads JSON on stdin and answers JSON on stdout.

export const PYTHON = '/usr/bin/python3';

/** Why the differential tests cannot run here, or undefined when they can. */
export function botocoreMissing(): string | undefined {
  return runs(PYTHON, ['-c', 'import botocore']) ? undefined : `no python3-botocore at ${PYTHON}`;
}

/**
 * A python3 whose botocore is 1.43 or later (the AWS CLI v1's, under pyenv, or the system's when
 * new enough), or undefined: the SSO differential needs the sso-session logic of current botocore.
 */
export function currentBotocorePython(): string | undefined {
  const home = process.env['HOME'] ?? '/root';
  const candidates = [
    process.env['ROLETRAY_BOTOCORE_PYTHON'],
    ...(existsSync(join(home, '.pyenv', 'versions'))
      ? readdirSync(join(home, '.pyenv', 'versions')).map((version) =>
          join(home, '.pyenv', 'versions', version, 'bin', 'python3'),
        )
      : []),
    PYTHON,
  ];
  const check =
    'import botocore, sys; sys.exit(0 if tuple(map(int, botocore.__version__.split(".")[:2])) >= (1, 43) else 1)';
  return candidates.find((python) => python !== undefined && runs(python, ['-c', check]));
}

/** Whether `python` has the AWS CLI v2's own modules (Debian's awscli package). */
export const hasAwsCliV2 = (python = PYTHON) =>
  runs(python, ['-c', 'from awscli.customizations.sso.utils import parse_sso_registration_scopes']);

export function runPythonJson<T>(
  script: string,
  input: unknown,
  env: Record<string, string> = {},
  python = PYTHON,
): T {
  const result = spawnSync(python, [join(import.meta.dirname, script)], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', ...env },
  });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
