import { spawn } from 'node:child_process';
import { OVERRIDING_ENV } from './credential-server';
import { shQuote } from './env-export';

// "Open a terminal with this role": the user's terminal, started with the credential server's
// variables, so every AWS tool in it uses the role (and the tray asks for MFA when renewal needs
// it). Linux and Windows terminals inherit the environment they are started with; macOS's Terminal
// does not, so there a one-use sh script (mode 0600, removed as it runs) sets the variables and then
// becomes the user's login shell, whichever it is (fish included).

export interface LaunchPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** macOS: the script to write first (its path is in `args`). */
  script?: { path: string; text: string };
  /** Windows: the arguments are one command line for cmd.exe, passed as written. */
  verbatim?: boolean;
  /** macOS: osascript exits once Terminal has the window; its failure (no permission) is the user's to see. */
  waitForExit?: boolean;
}

export interface LaunchInputs {
  platform: NodeJS.Platform;
  /** The app's environment: the base the terminal inherits, less what would override the role. */
  env: Record<string, string | undefined>;
  /** The role's variables (credential server URI and token, region, its own AWS files). */
  roleEnv: Record<string, string>;
  /** Whether an executable is on PATH (Linux): picks the first terminal the user has. */
  available: (command: string) => boolean;
  /** Where the macOS script goes (a private temp folder). */
  scriptPath?: string;
}

/** `$TERMINAL` first (the user's choice), then Debian's alternative, then common terminals. */
const LINUX_TERMINALS = [
  'x-terminal-emulator',
  'gnome-terminal',
  'konsole',
  'xfce4-terminal',
  'kitty',
  'alacritty',
  'xterm',
];

export class NoTerminalError extends Error {}

export function launchPlan(inputs: LaunchInputs): LaunchPlan {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs.env)) {
    if (value !== undefined && !(OVERRIDING_ENV as readonly string[]).includes(name)) env[name] = value;
  }
  Object.assign(env, inputs.roleEnv);
  switch (inputs.platform) {
    case 'darwin': {
      const path = inputs.scriptPath ?? '/tmp/roletray-terminal.sh';
      const text = [
        `rm -f ${shQuote(path)}`,
        ...OVERRIDING_ENV.map((name) => `unset ${name}`),
        ...Object.entries(inputs.roleEnv).map(([name, value]) => `export ${name}=${shQuote(value)}`),
        'clear',
        'exec "${SHELL:-/bin/zsh}" -l',
        '',
      ].join('\n');
      const doScript = `exec /bin/sh ${shQuote(path)}`.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      return {
        command: '/usr/bin/osascript',
        args: [
          '-e',
          `tell application "Terminal" to do script "${doScript}"`,
          '-e',
          'tell application "Terminal" to activate',
        ],
        env,
        script: { path, text },
        waitForExit: true,
      };
    }
    case 'win32':
      // `start` takes its first quoted argument as the window title; the new console inherits env.
      return {
        command: 'cmd.exe',
        args: ['/d', '/s', '/c', 'start "RoleTray" cmd.exe /k'],
        env,
        verbatim: true,
      };
    default: {
      const chosen = [inputs.env['TERMINAL'], ...LINUX_TERMINALS].find(
        (candidate): candidate is string => !!candidate && inputs.available(candidate),
      );
      if (!chosen) {
        throw new NoTerminalError(
          `RoleTray found no terminal to open (set TERMINAL, or install one of ${LINUX_TERMINALS.join(', ')}).`,
        );
      }
      return { command: chosen, args: [], env };
    }
  }
}

/** Starts the terminal on its own: RoleTray quitting does not close it. */
export function startTerminal(plan: LaunchPlan): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(plan.command, plan.args, {
      env: plan.env,
      detached: !plan.waitForExit,
      stdio: plan.waitForExit ? ['ignore', 'ignore', 'pipe'] : 'ignore',
      ...(plan.verbatim ? { windowsVerbatimArguments: true } : {}),
    });
    child.once('error', (error) =>
      reject(new NoTerminalError(`RoleTray could not start ${plan.command}: ${error.message}`)),
    );
    if (plan.waitForExit) {
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) =>
        code === 0
          ? resolve()
          : reject(
              new NoTerminalError(`RoleTray could not open the terminal: ${stderr.trim() || `exit ${code}`}`),
            ),
      );
      return;
    }
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
