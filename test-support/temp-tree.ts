import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// A folder of files made for one test (a fixture checkout, a home with AWS files), removed after.

export interface TempTree {
  dir: string;
  remove(): Promise<void>;
}

/** Writes `files` (path relative to the folder → content) into a new temp folder. */
export async function tempTree(prefix: string, files: Record<string, string>): Promise<TempTree> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
