import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDS, CREDS2, lf, NOW, OURS, SECTION } from '../../test-support/credentials-file-fixtures';
import { removeCredentialsProfile, writeCredentialsProfile } from './credentials-file';
import { upsertCredentialsSection } from './credentials-sections';

// The writer on real files, in a temp dir (never the real ~/.aws). An editor saving meanwhile is
// played by the writer's own hook between its temp file and the rename; processes racing it are in
// credentials-file-race.test.ts, a writer killed midway in credentials-file-crash.test.ts.

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
  const awsDir = () => join(dir, '.aws');
  /** The file holding `content` (text or bytes), with `fileMode`. */
  const existing = async (content: string | Buffer, fileMode = 0o600) => {
    await mkdir(awsDir(), { recursive: true });
    await writeFile(path, content);
    await chmod(path, fileMode);
  };
  /** Only the credentials file is left: no temp file, no lock. */
  const onlyTheFile = async () => expect(await readdir(awsDir())).toEqual(['credentials']);

  it('creates a missing file with mode 0600 in a 0700 directory', async () => {
    expect(await writeCredentialsProfile(path, SECTION, CREDS, { now })).toEqual({});
    expect(await readFile(path, 'utf8')).toBe(lf(...OURS));
    expect(await mode(path)).toBe(0o600);
    expect(await mode(awsDir())).toBe(0o700);
    await onlyTheFile();
  });

  it("keeps a private file's mode and other content, and restores it on removal", async () => {
    const original = lf('[default]', 'aws_access_key_id = AKIA', '# keep me');
    for (const privateMode of [0o600, 0o400]) {
      await existing(original, privateMode);
      expect(await writeCredentialsProfile(path, SECTION, CREDS, { now })).toEqual({});
      expect(await readFile(path, 'utf8')).toBe(original + lf(...OURS));
      expect(await mode(path)).toBe(privateMode);

      await writeCredentialsProfile(path, SECTION, CREDS2, { now });
      expect(await removeCredentialsProfile(path, SECTION)).toBe(true);
      expect(await readFile(path, 'utf8')).toBe(original);
      expect(await mode(path)).toBe(privateMode);
      expect(await removeCredentialsProfile(path, SECTION)).toBe(false);
      await onlyTheFile();
    }
  });

  it.each(['0644', '0666', '0640', '0604', '0620'])(
    'makes a %s file 0600 before writing keys into it, and says so',
    async (octal) => {
      const original = lf('[default]', 'aws_access_key_id = AKIA');
      await existing(original, parseInt(octal, 8));
      expect(await writeCredentialsProfile(path, SECTION, CREDS, { now })).toEqual({
        notice:
          `${path} was open to other users (mode ${octal}), so RoleTray made it 0600 ` +
          '(only you can read it) before writing session keys into it.',
      });
      expect(await mode(path)).toBe(0o600);
      expect(await readFile(path, 'utf8')).toBe(original + lf(...OURS));
      await onlyTheFile();
    },
  );

  it('tightens a loose file that already holds the same keys, without rewriting it', async () => {
    await existing(upsertCredentialsSection('', SECTION, CREDS, NOW), 0o644);
    const { ino } = await stat(path);
    const { notice } = await writeCredentialsProfile(path, SECTION, CREDS, { now });
    expect(notice).toMatch(/\(mode 0644\), so RoleTray made it 0600/);
    expect(await mode(path)).toBe(0o600);
    expect((await stat(path)).ino).toBe(ino);
  });

  it('leaves the mode alone when it only takes keys out', async () => {
    const original = lf('[default]', 'aws_access_key_id = AKIA');
    await existing(upsertCredentialsSection(original, SECTION, CREDS, NOW), 0o644);
    expect(await removeCredentialsProfile(path, SECTION)).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(original);
    expect(await mode(path)).toBe(0o644);
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

  it('refuses a symlink whose target is missing, and keeps the link', async () => {
    await mkdir(awsDir());
    await symlink(join('..', 'dotfiles', 'credentials'), path);
    await expect(writeCredentialsProfile(path, SECTION, CREDS, { now })).rejects.toThrow(
      `${path} is a symbolic link to ../dotfiles/credentials, which does not exist, so RoleTray ` +
        'changed nothing. Create the file it points to (it may be empty) or remove the link, then try again.',
    );
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(await removeCredentialsProfile(path, SECTION)).toBe(false);
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(await readdir(dir)).toEqual(['.aws']);
    await onlyTheFile();
  });

  it('refuses what is not a regular file instead of waiting on it', async () => {
    await mkdir(awsDir());
    execFileSync('mkfifo', [path]);
    await expect(writeCredentialsProfile(path, SECTION, CREDS, { now })).rejects.toThrow(
      'it is not a regular file',
    );
    expect((await lstat(path)).isFIFO()).toBe(true);
    await onlyTheFile();
  });

  it('starts over from an edit saved while it was writing, and keeps the edit', async () => {
    const edited = lf('[default]', 'k = v', '[other]', 'k = w');
    for (const save of ['in place', 'by rename'] as const) {
      await existing(lf('[default]', 'k = v'));
      const temps: string[] = [];
      await writeCredentialsProfile(path, SECTION, CREDS, {
        now,
        afterTempWritten: async (temp) => {
          temps.push(temp);
          if (temps.length > 1) return;
          if (save === 'in place') await writeFile(path, edited);
          else {
            await writeFile(`${path}.new`, edited);
            await rename(`${path}.new`, path);
          }
        },
      });
      expect(temps).toHaveLength(2);
      expect(await readFile(path, 'utf8')).toBe(edited + lf(...OURS));
      await onlyTheFile();
    }
  });

  it('keeps a mode the user set while it was writing', async () => {
    await existing(lf('[default]', 'k = v'), 0o600);
    let calls = 0;
    await writeCredentialsProfile(path, SECTION, CREDS, {
      now,
      afterTempWritten: async () => {
        if (calls++ === 0) await chmod(path, 0o400);
      },
    });
    expect(calls).toBe(2);
    expect(await mode(path)).toBe(0o400);
  });

  it('gives up after three retries on a file that keeps changing, leaving it as the editor saved it', async () => {
    await existing(lf('[default]', 'k = v'));
    let edits = 0;
    const write = writeCredentialsProfile(path, SECTION, CREDS, {
      now,
      afterTempWritten: async () => writeFile(path, lf('[default]', 'k = v', `# edit ${++edits}`)),
    });
    await expect(write).rejects.toThrow(
      `${path} kept changing while RoleTray was updating it, so RoleTray changed nothing; try again.`,
    );
    expect(edits).toBe(4);
    expect(await readFile(path, 'utf8')).toBe(lf('[default]', 'k = v', '# edit 4'));
    await onlyTheFile();
  });

  it('removes its temp file and its lock when the write fails after the temp file', async () => {
    await existing(lf('[default]', 'k = v'));
    let temp = '';
    const write = writeCredentialsProfile(path, SECTION, CREDS, {
      now,
      afterTempWritten: (written) => {
        temp = written;
        throw new Error('disk full');
      },
    });
    await expect(write).rejects.toThrow('disk full');
    expect(temp).toMatch(new RegExp(`/\\.credentials\\.roletray-${process.pid}-[0-9a-f]{12}$`));
    await onlyTheFile();
  });
});
