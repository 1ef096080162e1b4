import { closeSync, openSync, writeSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { HandoffError, requestCredentials } from './credentials-client';
import { handoffPaths } from './handoff-paths';

// `roletray-credentials PROFILE`: the command a `credential_process` line runs. It prints the
// profile's session from the running app as credential_process JSON on stdout; anything that goes
// wrong is one sentence on stderr and exit 1, which the AWS CLI shows to the user as it is. While
// the app waits for an MFA code, the helper says so on stderr and, since the AWS CLI keeps a
// credential_process's stderr to itself until it fails, on the terminal (/dev/tty) too.

const USAGE =
  'Usage: roletray-credentials [--handoff-dir DIR] PROFILE   (as credential_process = roletray-credentials PROFILE)';

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const args = argv.filter((arg) => arg !== '--profile');
  // --handoff-dir DIR: where the app's socket is, as the config block the app shows names it.
  const at = args.indexOf('--handoff-dir');
  const dir = at === -1 ? undefined : args.splice(at, 2)[1];
  const profile = args[0];
  if (!profile || args.length > 1 || profile.startsWith('-') || (at !== -1 && !dir)) {
    process.stderr.write(`${USAGE}\n`);
    return profile === '--help' || profile === '-h' ? 0 : 2;
  }
  const paths = handoffPaths({
    platform: process.platform,
    env: dir ? { ...env, ROLETRAY_HANDOFF_DIR: dir } : env,
    homeDir: homedir(),
    userName: userInfo().username,
  });
  try {
    const seconds = Number(env['ROLETRAY_WAIT_SECONDS']);
    const credentials = await requestCredentials(paths, profile, {
      onWaiting: (sentence) => tellTerminal(`roletray-credentials: ${sentence}\n`),
      ...(seconds > 0 ? { timeoutMs: seconds * 1000 } : {}),
    });
    process.stdout.write(`${JSON.stringify(credentials)}\n`);
    return 0;
  } catch (error) {
    const sentence =
      error instanceof HandoffError ? error.message : `roletray-credentials failed: ${String(error)}`;
    process.stderr.write(`roletray-credentials: ${sentence}\n`);
    return 1;
  }
}

function tellTerminal(text: string): void {
  process.stderr.write(text);
  if (process.stderr.isTTY || process.platform === 'win32') return;
  try {
    const tty = openSync('/dev/tty', 'w');
    writeSync(tty, text);
    closeSync(tty);
  } catch {
    // No controlling terminal (an IDE, cron): stderr is all there is.
  }
}

process.exitCode = await main(process.argv.slice(2), process.env);
