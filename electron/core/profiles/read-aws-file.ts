import { readFile } from 'node:fs/promises';
import { RoleTrayError } from '../errors';

// Reading one of the AWS files, with a sentence for every way that can fail.

/** A file's text without its BOM; undefined when it does not exist (no file is no profiles). */
export async function readText(file: string, shown: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory, not a file'
          : code === 'ENOTDIR'
            ? 'a part of its path is not a directory'
            : (error as Error).message;
    throw new RoleTrayError(
      'ConfigError',
      `RoleTray cannot read ${shown}: ${why}${code ? ` (${code})` : ''}.`,
      {
        file,
      },
    );
  }
}
