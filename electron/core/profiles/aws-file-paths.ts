import { join, resolve as resolvePath, sep } from 'node:path';
import type { ProfileSources } from './profiles';

// Where the AWS files are, as the AWS CLI finds them, and how RoleTray names them to the user.

/** The config and credentials file paths, as the AWS CLI finds them. */
export function configPaths(sources: ProfileSources): { configFile: string; credentialsFile: string } {
  const { env, homeDir } = sources;
  const expand = (path: string): string => {
    if (path === '~') return homeDir;
    if (path.startsWith('~/') || path.startsWith(`~${sep}`)) return join(homeDir, path.slice(2));
    return resolvePath(path);
  };
  return {
    // `||`, as the SDK: an empty variable is no variable.
    configFile: expand(env['AWS_CONFIG_FILE'] || join(homeDir, '.aws', 'config')),
    credentialsFile: expand(env['AWS_SHARED_CREDENTIALS_FILE'] || join(homeDir, '.aws', 'credentials')),
  };
}

/** `~/.aws/config` rather than the home directory's full path, in sentences for the user. */
export function displayPath(file: string, homeDir: string): string {
  const home = homeDir.endsWith(sep) ? homeDir : `${homeDir}${sep}`;
  return file.startsWith(home) ? `~/${file.slice(home.length).split(sep).join('/')}` : file;
}
