import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

// Decisions behind `npm start`, kept pure so they are tested without launching anything.

/** The Electron executable the electron package would run, or undefined when it was never downloaded. */
export function electronExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const executable = join(env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist'), relative);
  return existsSync(executable) ? executable : undefined;
}

export const MISSING_ELECTRON =
  'RoleTray cannot start: the Electron binary is not installed (node_modules/electron/dist is missing); ' +
  'run `npx install-electron` on a machine with internet access, then `npm start` again. ' +
  'Meanwhile `npm run preview` runs the same UI in your browser, against the built-in sandbox.';

export type Backend = { kind: 'aws'; configFile: string } | { kind: 'sandbox'; reason: string };

/**
 * The user's own AWS config when they have one (AWS_CONFIG_FILE or ~/.aws/config), otherwise the
 * built-in sandbox, so a first run shows something real instead of an empty tray.
 */
export function chooseBackend(
  args: string[],
  env: NodeJS.ProcessEnv,
  exists: (path: string) => boolean = existsSync,
  home: string = homedir(),
): Backend {
  if (args.includes('--sandbox')) return { kind: 'sandbox', reason: 'started with --sandbox' };
  const configured = env['AWS_CONFIG_FILE'];
  if (configured) {
    return exists(configured)
      ? { kind: 'aws', configFile: configured }
      : { kind: 'sandbox', reason: `AWS_CONFIG_FILE points to ${configured}, which does not exist` };
  }
  const defaultConfig = join(home, '.aws', 'config');
  return exists(defaultConfig)
    ? { kind: 'aws', configFile: defaultConfig }
    : { kind: 'sandbox', reason: `there is no AWS config at ${defaultConfig} yet` };
}
