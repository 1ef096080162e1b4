import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitedPid, startActor, stopActors } from '../../test-support/credentials-file-actors';
import { CREDS, NOW } from '../../test-support/credentials-file-fixtures';
import { tempDirPerTest } from '../../test-support/handoff-fixtures';
import { writeCredentialsProfile } from './credentials-file';
import { acquireCredentialsLock, lockPathOf } from './credentials-file-lock';

// The lock between RoleTray writers, on real files: a live writer in another process is waited
// for, then named in a sentence; a lock its holder can no longer release is broken.

const home = tempDirPerTest('roletray-lock-');
afterEach(stopActors);
const file = () => join(home(), 'credentials');
const lock = () => lockPathOf(file());
const original = '[default]\naws_access_key_id = AKIAUSER\n';
const write = (waitMs = 5_000) =>
  writeCredentialsProfile(file(), 'rt', CREDS, { now: () => NOW, lockTimes: { waitMs, staleMs: 10_000 } });

const holder = (fields: Record<string, unknown>) =>
  JSON.stringify({ pid: process.pid, host: 'this', since: Date.now(), token: 'x', ...fields });

describe('the credentials-file lock', () => {
  it('waits for a live writer in another process, then says who holds it and changes nothing', async () => {
    await writeFile(file(), original);
    const paused = startActor(['pause', file(), 'rt-other']);
    expect(await paused.line()).toBe('ready');
    paused.send('go');
    expect(await paused.line()).toMatch(/^paused /);
    const started = Date.now();
    // The time is what it really waited: 0.3 s, or a little more on a loaded machine.
    const refusal = await write(300).catch((error: unknown) => (error as Error).message);
    expect(refusal).toMatch(
      /; RoleTray waited 0\.[3-9] s for it and changed nothing\. Try again in a moment\.$/,
    );
    expect(refusal).toContain(`Another RoleTray (process ${paused.child.pid}) is updating ${file()}; `);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(await readFile(file(), 'utf8')).toBe(original);
  });

  it('breaks a lock whose process is gone, one older than the bound, and one never written', async () => {
    const stale = [
      holder({ pid: exitedPid(), host: hostname() }),
      holder({ since: Date.now() - 11_000, host: hostname() }),
      '',
    ];
    for (const content of stale) {
      await writeFile(file(), original);
      await writeFile(lock(), content);
      if (content === '') await utimes(lock(), new Date(Date.now() - 2_000), new Date(Date.now() - 2_000));
      await write(200);
      expect(await readFile(file(), 'utf8')).toContain('[rt]');
      expect(await readdir(home())).toEqual(['credentials']);
    }
  });

  it('waits for a fresh lock it cannot judge: another host’s, or one being written', async () => {
    for (const content of [holder({ pid: exitedPid(), host: 'elsewhere' }), '']) {
      await writeFile(file(), original);
      await writeFile(lock(), content);
      await expect(write(100)).rejects.toThrow(/is updating .*; RoleTray waited 0\.[1-9] s/);
      expect(await readFile(file(), 'utf8')).toBe(original);
      expect(await readFile(lock(), 'utf8')).toBe(content);
    }
  });

  it('knows when another process broke it, and then leaves that one’s lock alone', async () => {
    const held = await acquireCredentialsLock(file(), file());
    expect(held.stillHeld()).toBe(true);
    await writeFile(lock(), holder({ token: 'theirs' }));
    expect(held.stillHeld()).toBe(false);
    held.release();
    expect(await readFile(lock(), 'utf8')).toContain('theirs');
  });

  it('stops a write whose lock was taken over before its rename', async () => {
    await writeFile(file(), original);
    const write = writeCredentialsProfile(file(), 'rt', CREDS, {
      now: () => NOW,
      afterTempWritten: () => writeFile(lock(), holder({ token: 'theirs' })),
    });
    await expect(write).rejects.toThrow(
      `Another RoleTray took over the lock on ${file()} as stale, so RoleTray changed nothing; try again.`,
    );
    expect(await readFile(file(), 'utf8')).toBe(original);
    expect(await readdir(home())).toEqual(['credentials', 'credentials.roletray.lock']);
  });
});
