import { readFile } from 'node:fs/promises';
import { RoleTrayError } from '../errors';
import { notUtf8 } from './file-problems';

// Reading one of the AWS files, with a sentence for every way that can fail. The AWS CLI decodes
// them as UTF-8 and keeps a byte-order mark (which it then refuses), and so does RoleTray.

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A file's text; undefined when it does not exist (no file is no profiles). */
export async function readText(file: string, shown: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
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
      { file },
    );
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    throw notUtf8(file, shown);
  }
}
