import { statSync } from 'node:fs';
import { chmod, readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../../test-support/handoff-fixtures';
import { readSettled, replaceIfUnchanged } from './credentials-file-snapshot';

// The last check before the rename, on real files, one condition at a time; and the read that
// waits out an editor's save in place. What the metadata alone would miss (an edit in the same
// timestamp tick, keeping the size) is a snapshot whose bytes differ from the file's while its
// metadata is the file's own.

const home = tempDirPerTest('roletray-snapshot-');
const file = () => join(home(), 'credentials');
const temp = () => join(home(), '.credentials.roletray-1-000000000000');

async function prepared(content: string) {
  await writeFile(file(), content);
  await writeFile(temp(), 'ours\n');
  return { bytes: Buffer.from(content), stat: statSync(file(), { bigint: true }) };
}

describe('replaceIfUnchanged', () => {
  it('renames over the file it read', async () => {
    const seen = await prepared('[a]\n');
    expect(replaceIfUnchanged(file(), temp(), seen)).toBe(true);
    expect(await readFile(file(), 'utf8')).toBe('ours\n');
    expect(await readdir(home())).toEqual(['credentials']);
  });

  it('does not when the bytes differ though the metadata is the same', async () => {
    const seen = { ...(await prepared('[b]\n')), bytes: Buffer.from('[a]\n') };
    expect(replaceIfUnchanged(file(), temp(), seen)).toBe(false);
    expect(await readFile(file(), 'utf8')).toBe('[b]\n');
  });

  it('does not when the metadata changed though the bytes are the same', async () => {
    const seen = await prepared('[a]\n');
    // The user's chmod would be undone by the rename.
    await chmod(file(), 0o400);
    expect(replaceIfUnchanged(file(), temp(), seen)).toBe(false);
    await chmod(file(), 0o600);
    const other = join(home(), 'other');
    await writeFile(other, '[a]\n');
    expect(replaceIfUnchanged(other, temp(), seen)).toBe(false);
    expect(await readFile(other, 'utf8')).toBe('[a]\n');
  });

  it('creates the file only while it is still missing', async () => {
    await writeFile(temp(), 'ours\n');
    await writeFile(file(), 'theirs\n');
    expect(replaceIfUnchanged(file(), temp(), undefined)).toBe(false);
    expect(await readFile(file(), 'utf8')).toBe('theirs\n');
  });
});

describe('readSettled', () => {
  it('waits out a save in place: truncated, then written', async () => {
    await writeFile(file(), '[default]\nk = v\n');
    await truncate(file());
    const saved = sleep(60).then(() => writeFile(file(), '[default]\nk = w\n'));
    const seen = await readSettled(file());
    await saved;
    expect(seen?.bytes.toString()).toBe('[default]\nk = w\n');
  });

  it('reads a file and the metadata of those bytes, and nothing for a missing one', async () => {
    await writeFile(file(), '[a]\n');
    const seen = await readSettled(file());
    expect(seen?.bytes.toString()).toBe('[a]\n');
    expect(seen?.stat.ino).toBe(statSync(file(), { bigint: true }).ino);
    expect(await readSettled(join(home(), 'missing'))).toBeUndefined();
  });
});
