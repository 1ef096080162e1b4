import { accessSync, constants } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir, userInfo } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { app, clipboard, shell } from 'electron';
import type { DesktopHandoffDeps } from '../handoff/handoff-service';
import { handoffPaths } from '../handoff/handoff-paths';
import { launchPlan, startTerminal } from '../handoff/terminal-launch';
import { HANDOFF_DIR_VARIABLE } from './runtime-switches';

// What the hand-offs need from the desktop: the clipboard, the default browser, the user's
// terminal, the credentials socket's place and the path of the roletray-credentials script.

/** Whether `command` is an executable on PATH (or is one, given as a path). */
function onPath(command: string): boolean {
  const candidates = isAbsolute(command)
    ? [command]
    : (process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, command));
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The bundled helper: in the packaged app's resources, or out/cli in a checkout. */
export function credentialsHelperPath(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'cli', 'roletray-credentials.mjs')
    : join(app.getAppPath(), 'out', 'cli', 'roletray-credentials.mjs');
}

export function desktopHandoff({
  handoffDir,
  federationEndpoint,
}: {
  /** ROLETRAY_HANDOFF_DIR as runtime-switches.ts decided it. */
  handoffDir: string | undefined;
  /** The sandbox's console sign-in, in a checkout run against it. */
  federationEndpoint: string | undefined;
}): DesktopHandoffDeps {
  let userName = 'roletray';
  try {
    userName = userInfo().username;
  } catch {
    // No passwd entry: the pipe name only has to be stable for this user.
  }
  return {
    socketPaths: handoffPaths({
      platform: process.platform,
      env: { ...process.env, [HANDOFF_DIR_VARIABLE]: handoffDir },
      homeDir: homedir(),
      userName,
    }),
    helperCommand: ['node', credentialsHelperPath()],
    writeClipboard: async (text) => clipboard.writeText(text),
    readClipboard: async () => clipboard.readText(),
    openExternal: (url) => shell.openExternal(url),
    openTerminal: async (roleEnv) => {
      const scriptDir =
        process.platform === 'darwin' ? await mkdtemp(join(tmpdir(), 'roletray-')) : undefined;
      const plan = launchPlan({
        platform: process.platform,
        env: process.env,
        roleEnv,
        available: onPath,
        ...(scriptDir ? { scriptPath: join(scriptDir, 'terminal.sh') } : {}),
      });
      if (plan.script) {
        await writeFile(plan.script.path, plan.script.text, { mode: 0o600 });
        await chmod(plan.script.path, 0o600);
      }
      try {
        await startTerminal(plan);
      } catch (error) {
        // The script holds the credential server's token: it must not outlive a failed start.
        if (scriptDir) await rm(scriptDir, { recursive: true, force: true });
        throw error;
      }
    },
    ...(federationEndpoint ? { federationEndpoint } : {}),
  };
}
