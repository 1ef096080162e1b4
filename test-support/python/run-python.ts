import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runs } from '../client-process';

// Debian's python3 with python3-botocore, the AWS CLI's own parser, for the differential tests:
// a script from this folder reads JSON on stdin and answers JSON on stdout.

export const PYTHON = '/usr/bin/python3';

/** Why the differential tests cannot run here, or undefined when they can. */
export function botocoreMissing(): string | undefined {
  return runs(PYTHON, ['-c', 'import botocore']) ? undefined : `no python3-botocore at ${PYTHON}`;
}

export function runPythonJson<T>(script: string, input: unknown, env: Record<string, string> = {}): T {
  const result = spawnSync(PYTHON, [join(import.meta.dirname, script)], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', ...env },
  });
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
