import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitedPid } from '../../test-support/credentials-file-actors';
import { tempDirPerTest } from '../../test-support/handoff-fixtures';
import { sweepTempFiles, tempFilePath } from './credentials-temp-files';

// Which leftovers beside the credentials file the sweep removes: a temp file may hold a secret
// key, but one a live writer is about to rename is not a leftover.

const home = tempDirPerTest('roletray-temps-');
const file = () => join(home(), 'credentials');
const dead = exitedPid();
const old = new Date(Date.now() - 120_000);

describe('sweepTempFiles', () => {
  it('removes a gone writer’s temp files and old ones, and keeps a live writer’s', async () => {
    const names = {
      live: `.credentials.roletray-${process.pid}-00000000000a`,
      liveButOld: `.credentials.roletray-${process.pid}-00000000000b`,
      dead: `.credentials.roletray-${dead}-00000000000c`,
      // From before the pid was in the name: by age only.
      unnamedYoung: '.credentials.roletray-00000000000d',
      unnamedOld: '.credentials.roletray-00000000000e',
    };
    for (const name of Object.values(names)) await writeFile(join(home(), name), 'aws_secret_access_key = s');
    for (const name of [names.liveButOld, names.unnamedOld]) await utimes(join(home(), name), old, old);

    const removed = await sweepTempFiles(file());
    expect(removed.sort()).toEqual(
      [names.liveButOld, names.dead, names.unnamedOld].map((n) => join(home(), n)).sort(),
    );
    expect((await readdir(home())).sort()).toEqual([names.live, names.unnamedYoung].sort());
  });

  it('leaves everything else alone: other files’ temps, look-alikes, folders, the lock', async () => {
    const others = [
      'credentials',
      'credentials.roletray.lock',
      `.config.roletray-${dead}-00000000000a`,
      `.credentials.roletray-${dead}-zz`,
      `.credentials.roletray-${dead}-00000000000a.bak`,
      '.credentials.editor-tmp',
    ];
    for (const name of others) {
      await writeFile(join(home(), name), '');
      await utimes(join(home(), name), old, old);
    }
    await mkdir(join(home(), `.credentials.roletray-${dead}-00000000000f`));
    expect(await sweepTempFiles(file())).toEqual([]);
    expect(await readdir(home())).toHaveLength(others.length + 1);
  });

  it('names temp files so that the sweep can tell whose they are', () => {
    const path = tempFilePath(file());
    expect(path).toMatch(new RegExp(`^${home()}/\\.credentials\\.roletray-${process.pid}-[0-9a-f]{12}$`));
    expect(tempFilePath(file())).not.toBe(path);
  });

  it('finds nothing in a missing folder', async () => {
    expect(await sweepTempFiles(join(home(), 'missing', 'credentials'))).toEqual([]);
  });
});
