import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDS, CREDS2, lf, NOW, OURS, SECTION } from '../../test-support/credentials-file-fixtures';
import {
  nodeCredentialsFs,
  removeCredentialsProfile,
  writeCredentialsProfile,
  type CredentialsFs,
} from './credentials-file';

// Real files, in a temp dir (never the real ~/.aws).

describe('writeCredentialsProfile and removeCredentialsProfile', () => {
  let dir: string;
  let path: string;
  const now = () => NOW;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roletray-credentials-'));
    path = join(dir, '.aws', 'credentials');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const mode = async (p: string) => (await stat(p)).mode & 0o777;

  it('creates a missing file with mode 0600 in a 0700 directory', async () => {
    await writeCredentialsProfile(path, SECTION, CREDS, { now });
    expect(await readFile(path, 'utf8')).toBe(lf(...OURS));
    expect(await mode(path)).toBe(0o600);
    expect(await mode(join(dir, '.aws'))).toBe(0o700);
    expect(await readdir(join(dir, '.aws'))).toEqual(['credentials']);
  });

  it("keeps an existing file's mode and other content, and restores it on removal", async () => {
    const original = lf('[default]', 'aws_access_key_id = AKIA', '# keep me');
    await mkdir(join(dir, '.aws'));
    await writeFile(path, original);
    await chmod(path, 0o640);

    await writeCredentialsProfile(path, SECTION, CREDS, { now });
    expect(await readFile(path, 'utf8')).toBe(original + lf(...OURS));
    expect(await mode(path)).toBe(0o640);

    await writeCredentialsProfile(path, SECTION, CREDS2, { now });
    expect(await removeCredentialsProfile(path, SECTION)).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(original);
    expect(await mode(path)).toBe(0o640);
    expect(await removeCredentialsProfile(path, SECTION)).toBe(false);
    expect(await readdir(join(dir, '.aws'))).toEqual(['credentials']);

    // A mode the umask would narrow on a fresh file.
    await chmod(path, 0o666);
    await writeCredentialsProfile(path, SECTION, CREDS, { now });
    expect(await mode(path)).toBe(0o666);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    const realDir = join(dir, 'dotfiles');
    const target = join(realDir, 'credentials');
    await mkdir(realDir);
    await mkdir(join(dir, '.aws'));
    await writeFile(target, lf('[default]', 'k = v'), { mode: 0o600 });
    await symlink(join('..', 'dotfiles', 'credentials'), path);

    await writeCredentialsProfile(path, SECTION, CREDS, { now });
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(lf('[default]', 'k = v', ...OURS));

    expect(await removeCredentialsProfile(path, SECTION)).toBe(true);
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(lf('[default]', 'k = v'));
    expect(await readdir(realDir)).toEqual(['credentials']);
    expect(await readdir(join(dir, '.aws'))).toEqual(['credentials']);
  });

  it('refuses a foreign section, naming the file, and leaves the file alone', async () => {
    const original = lf(`[${SECTION}]`, 'aws_access_key_id = MINE');
    await mkdir(join(dir, '.aws'));
    await writeFile(path, original);
    await expect(writeCredentialsProfile(path, SECTION, CREDS, { now })).rejects.toThrow(
      `The profile [${SECTION}] in ${path} is not RoleTray's`,
    );
    expect(await removeCredentialsProfile(path, SECTION)).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(original);
    expect(await readdir(join(dir, '.aws'))).toEqual(['credentials']);
  });

  it('returns false when removing from a missing file, and creates nothing', async () => {
    expect(await removeCredentialsProfile(path, SECTION)).toBe(false);
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('starts over when the file changes between read and rename', async () => {
    await mkdir(join(dir, '.aws'));
    await writeFile(path, lf('[default]', 'k = v'));
    let stats = 0;
    const fs: CredentialsFs = {
      ...nodeCredentialsFs,
      // The second stat is the check just before rename: pretend an editor saved in between.
      stat: async (p) => {
        const s = await nodeCredentialsFs.stat(p);
        return ++stats === 2 ? { ...s, mtimeMs: s.mtimeMs + 1 } : s;
      },
    };
    await writeCredentialsProfile(path, SECTION, CREDS, { fs, now });
    expect(stats).toBe(4);
    expect(await readFile(path, 'utf8')).toBe(lf('[default]', 'k = v', ...OURS));
    expect(await readdir(join(dir, '.aws'))).toEqual(['credentials']);
  });

  it("keeps another writer's edit made during the update", async () => {
    await mkdir(join(dir, '.aws'));
    await writeFile(path, lf('[default]', 'k = v'));
    let edited = false;
    const fs: CredentialsFs = {
      ...nodeCredentialsFs,
      chmod: async (p, m) => {
        if (!edited) {
          edited = true;
          await writeFile(path, lf('[default]', 'k = v', '[other]', 'k = w'));
        }
        return nodeCredentialsFs.chmod(p, m);
      },
    };
    await writeCredentialsProfile(path, SECTION, CREDS, { fs, now });
    expect(await readFile(path, 'utf8')).toBe(lf('[default]', 'k = v', '[other]', 'k = w', ...OURS));
    expect(await readdir(join(dir, '.aws'))).toEqual(['credentials']);
  });

  it('gives up after three retries on a file that keeps changing, leaving it as it was', async () => {
    const original = lf('[default]', 'k = v');
    await mkdir(join(dir, '.aws'));
    await writeFile(path, original);
    let stats = 0;
    const fs: CredentialsFs = {
      ...nodeCredentialsFs,
      stat: async (p) => ({ ...(await nodeCredentialsFs.stat(p)), mtimeMs: ++stats }),
    };
    await expect(writeCredentialsProfile(path, SECTION, CREDS, { fs, now })).rejects.toThrow(/kept changing/);
    expect(stats).toBe(8);
    expect(await readFile(path, 'utf8')).toBe(original);
    expect(await readdir(join(dir, '.aws'))).toEqual(['credentials']);
  });

  it('removes its temp file when the rename fails', async () => {
    await mkdir(join(dir, '.aws'));
    await writeFile(path, lf('[default]', 'k = v'));
    const fs: CredentialsFs = {
      ...nodeCredentialsFs,
      rename: async () => {
        throw new Error('disk full');
      },
    };
    await expect(writeCredentialsProfile(path, SECTION, CREDS, { fs, now })).rejects.toThrow('disk full');
    expect(await readdir(join(dir, '.aws'))).toEqual(['credentials']);
  });
});
