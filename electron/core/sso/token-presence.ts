import * as fsPromises from 'node:fs/promises';

// Noticing that another program changed or removed a token file: `aws sso logout` deletes it
// (signing RoleTray out too), `aws sso login` or botocore's refresh replaces it. By `stat` on a
// timer rather than fs.watch: the folder may not exist yet, a rename over the file ends an
// inode watch on Linux, and one stat every few seconds per signed-in session costs nothing.

/** What identifies one version of the file. */
export interface TokenFileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export type TokenFileChange = 'gone' | 'appeared' | 'replaced';

/** How the file changed between two looks (undefined: it did not, or is still absent). */
export function tokenFileChange(
  before: TokenFileStamp | undefined,
  after: TokenFileStamp | undefined,
): TokenFileChange | undefined {
  if (!before) return after ? 'appeared' : undefined;
  if (!after) return 'gone';
  const same =
    before.dev === after.dev &&
    before.ino === after.ino &&
    before.size === after.size &&
    before.mtimeMs === after.mtimeMs;
  return same ? undefined : 'replaced';
}

export type StatFile = (path: string) => Promise<TokenFileStamp | undefined>;

/** node:fs stat; undefined when the file is not there. */
export const statTokenFile: StatFile = async (path) => {
  try {
    const { dev, ino, size, mtimeMs } = await fsPromises.stat(path);
    return { dev, ino, size, mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

export interface TokenFileWatchDeps {
  stat?: StatFile;
  intervalMs?: number;
  setInterval?: (run: () => void, ms: number) => unknown;
  clearInterval?: (timer: unknown) => void;
}

/**
 * Looks at `file` every `intervalMs` (2 s by default) and calls `onChange` once per change.
 * `check()` looks now (after RoleTray's own write, call `settle()` so it is not taken for another's).
 */
export class TokenFileWatch {
  private last: TokenFileStamp | undefined;
  private timer: unknown;
  private checking: Promise<TokenFileChange | undefined> | undefined;
  private readonly stat: StatFile;

  constructor(
    private readonly file: string,
    private readonly onChange: (change: TokenFileChange) => void,
    private readonly deps: TokenFileWatchDeps = {},
  ) {
    this.stat = deps.stat ?? statTokenFile;
  }

  /** Takes the file as it is now as the known version, then starts looking. */
  async start(): Promise<void> {
    await this.settle();
    const every = this.deps.setInterval ?? ((run, ms) => setInterval(run, ms).unref());
    this.timer = every(() => void this.check().catch(() => undefined), this.deps.intervalMs ?? 2000);
  }

  /** Takes the file as it is now as the known version, without reporting a change (after RoleTray wrote it). */
  async settle(): Promise<void> {
    this.last = await this.stat(this.file);
  }

  /** Looks now; reports and returns the change, if any. Overlapping calls share one look. */
  check(): Promise<TokenFileChange | undefined> {
    this.checking ??= (async () => {
      try {
        const now = await this.stat(this.file);
        const change = tokenFileChange(this.last, now);
        this.last = now;
        if (change) this.onChange(change);
        return change;
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  close(): void {
    if (this.timer !== undefined)
      (this.deps.clearInterval ?? ((t) => clearInterval(t as NodeJS.Timeout)))(this.timer);
    this.timer = undefined;
  }
}
