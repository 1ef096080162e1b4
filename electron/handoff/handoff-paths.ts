import { join } from 'node:path';

// Where the running app and `roletray-credentials` meet: a socket only this user can open, and the
// token file beside it. Both sides compute it from the same inputs, so no path is configured twice.
// Unix sockets live in the per-user runtime dir where there is one (tmpfs, 0700, cleared at logout);
// Windows has named pipes instead, named after the user so two users never share one.

export interface HandoffPathInputs {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDir: string;
  userName: string;
}

export interface HandoffPaths {
  /** The folder RoleTray creates with mode 0700 for the token (and, off Windows, the socket). */
  dir: string;
  /** A Unix socket path, or a Windows named pipe. */
  socket: string;
  /** The random token the helper must send; mode 0600. */
  tokenFile: string;
}

/** `ROLETRAY_HANDOFF_DIR` moves everything (tests, or two app instances with separate profiles). */
export function handoffPaths({ platform, env, homeDir, userName }: HandoffPathInputs): HandoffPaths {
  const dir = env['ROLETRAY_HANDOFF_DIR'] || defaultDir(platform, env, homeDir);
  const socket =
    platform === 'win32'
      ? `\\\\.\\pipe\\roletray-credentials-${pipeSafe(userName)}${env['ROLETRAY_HANDOFF_DIR'] ? `-${pipeSafe(dir)}` : ''}`
      : join(dir, 'credentials.sock');
  return { dir, socket, tokenFile: join(dir, 'credentials.token') };
}

function defaultDir(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  homeDir: string,
): string {
  if (platform === 'win32')
    return join(env['LOCALAPPDATA'] || join(homeDir, 'AppData', 'Local'), 'RoleTray', 'handoff');
  // macOS caps socket paths at 104 bytes: ~/Library/Application Support/RoleTray/... stays well under.
  if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support', 'RoleTray', 'handoff');
  const runtime = env['XDG_RUNTIME_DIR'];
  return runtime ? join(runtime, 'roletray') : join(homeDir, '.local', 'state', 'roletray');
}

const pipeSafe = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');
