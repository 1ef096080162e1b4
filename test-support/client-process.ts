import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Real clients (Debian's aws CLI, python3 with boto3, RoleTray's own helper) run as processes by
// the tests: whether one is installed and runs, and one run's exit status and output.

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Whether `file` exists and `file args` exits 0 (a quick check that a client is usable). */
export function runs(file: string, args: string[]): boolean {
  if (!existsSync(file)) return false;
  try {
    execFileSync(file, args, { stdio: 'ignore', timeout: 30_000, env: { PATH: '/usr/bin:/bin' } });
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the exit status whatever it is; rejects only when the process did not finish. */
export function runProcess(
  file: string,
  args: string[],
  options: { env: Record<string, string>; cwd?: string; timeoutMs?: number },
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        env: options.env,
        ...(options.cwd ? { cwd: options.cwd } : {}),
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${file} ${args.join(' ')} did not finish: ${error.message}\n${stderr}`));
        } else {
          resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
        }
      },
    );
  });
}
