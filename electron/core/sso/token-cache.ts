import { nodeCacheFileFs, writeCacheFile, type CacheFileFs } from '../cache-file';
import { formatTokenFile, parseTokenFile, type SsoToken } from './token-cache-file';

// Reading, writing and removing one token file of the AWS CLI's SSO cache
// (token-cache-file.ts says which file and what it holds), shared with `aws sso login`,
// `aws sso logout` and botocore's refresh. A reader sees the old file or the new one, never part
// of one: each write goes through writeCacheFile (../cache-file.ts), as botocore's
// JSONFileCache.__setitem__ writes it.

export type TokenRead =
  | { status: 'found'; token: SsoToken }
  | { status: 'missing' }
  /** A file that is there but holds no token RoleTray can use: `problem` is a sentence naming it. */
  | { status: 'unreadable'; problem: string };

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * The AWS CLI writes its token files in place (open with truncation, then write), so a read can
 * meet an empty or half-written file: one that does not parse is read again a few times before it
 * counts as unreadable.
 */
export interface TokenReadRetry {
  attempts: number;
  waitMs: number;
}
const READ_RETRY: TokenReadRetry = { attempts: 4, waitMs: 50 };

async function readOnce(file: string, fs: CacheFileFs): Promise<TokenRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return { status: 'missing' };
    if (code(error) === 'EISDIR')
      return { status: 'unreadable', problem: `${file} is a folder, not a token file.` };
    throw error;
  }
  const parsed = parseTokenFile(text, file);
  return 'problem' in parsed
    ? { status: 'unreadable', problem: parsed.problem }
    : { status: 'found', token: parsed };
}

/** The token in `file` (tokenCachePath), or that there is none. */
export async function readSsoToken(
  file: string,
  fs: CacheFileFs = nodeCacheFileFs,
  retry: TokenReadRetry = READ_RETRY,
): Promise<TokenRead> {
  let read = await readOnce(file, fs);
  for (let attempt = 1; attempt < retry.attempts && read.status === 'unreadable'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, retry.waitMs));
    read = await readOnce(file, fs);
  }
  return read;
}

/**
 * Writes `token` to `file` atomically, 0600, keeping the keys in `token.extra`; the folder is
 * created 0700 when missing (an existing one is left as it is, as the CLI leaves it).
 */
export function writeSsoToken(
  file: string,
  token: SsoToken,
  fs: CacheFileFs = nodeCacheFileFs,
): Promise<void> {
  return writeCacheFile(file, formatTokenFile(token), fs);
}

/** Removes the token file (signing out, as `aws sso logout` does); resolves whether there was one. */
export async function removeSsoToken(file: string, fs: CacheFileFs = nodeCacheFileFs): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (error) {
    if (code(error) === 'ENOENT') return false;
    throw error;
  }
}
