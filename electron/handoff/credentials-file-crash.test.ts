import { once } from 'node:events';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startActor, stopActors } from '../../test-support/credentials-file-actors';
import { memoryStore, NOW, tempDirPerTest } from '../../test-support/handoff-fixtures';
import { writeCredentialsProfile } from './credentials-file';
import { CredentialsFileHandoff } from './credentials-file-handoff';
import { HandoffSettings } from './handoff-settings';

// A writer killed between writing its temp file and renaming it, as a crash or `kill -9` would:
// the credentials file is still the user's, whole; the temp file with the key is left, and the
// next start of the hand-off removes it, with the dead writer's lock.

const home = tempDirPerTest('roletray-crash-');
afterEach(stopActors);
const original = '[default]\naws_access_key_id = AKIAUSER\n';

function unit(file: string, log: string[]) {
  return new CredentialsFileHandoff({
    manager: { activeSession: () => undefined },
    settings: new HandoffSettings(memoryStore()),
    sources: { env: { AWS_SHARED_CREDENTIALS_FILE: file }, homeDir: home() },
    clock: () => NOW,
    log: (line) => void log.push(line),
  });
}

/** A writer stopped after its temp file; returns it and the temp file's path. */
async function pausedWriter(file: string) {
  const writer = startActor(['pause', file, 'rt-killed']);
  expect(await writer.line()).toBe('ready');
  writer.send('go');
  const temp = (await writer.line()).replace(/^paused /, '');
  return { writer, temp };
}

describe('a writer killed midway', () => {
  it('leaves the file whole; the next start sweeps its temp file and lock', async () => {
    const file = join(home(), 'credentials');
    await writeFile(file, original);
    const { writer, temp } = await pausedWriter(file);
    expect(await readFile(temp, 'utf8')).toContain('aws_secret_access_key = killed-secret');
    writer.child.kill('SIGKILL');
    await once(writer.child, 'exit');

    expect(await readFile(file, 'utf8')).toBe(original);
    expect((await readdir(home())).sort()).toEqual([
      basename(temp),
      'credentials',
      'credentials.roletray.lock',
    ]);

    const log: string[] = [];
    await unit(file, log).start();
    expect(log).toEqual([`Removed 1 temp file(s) an interrupted write left beside ${file}.`]);
    expect(await readdir(home())).toEqual(['credentials']);
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('leaves a live writer’s temp file alone at start, and writes once it is gone', async () => {
    const file = join(home(), 'credentials');
    await writeFile(file, original);
    const { writer, temp } = await pausedWriter(file);
    try {
      const log: string[] = [];
      await unit(file, log).start();
      expect(log).toEqual([]);
      expect(await readFile(temp, 'utf8')).toContain('killed-secret');
    } finally {
      writer.child.kill('SIGKILL');
      await once(writer.child, 'exit');
    }
    // The dead writer's lock is broken and its temp file swept by the next write.
    const credentials = { accessKeyId: 'ASIANEXT', secretAccessKey: 's', expiration: NOW + 3_600_000 };
    await writeCredentialsProfile(file, 'rt-next', credentials, { now: () => NOW });
    expect(await readdir(home())).toEqual(['credentials']);
    expect(await readFile(file, 'utf8')).toContain('[rt-next]');
  });
});
