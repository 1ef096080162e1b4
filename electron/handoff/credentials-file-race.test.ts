import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  keyOf,
  problemsIn,
  startActor,
  stopActors,
  withEditMutex,
} from '../../test-support/credentials-file-actors';
import { tempDirPerTest } from '../../test-support/handoff-fixtures';

// Two RoleTray writer processes and an editor that takes no lock, on one real file at once, while
// the test reads the file over and over. Each writer pauses between its temp file and the rename
// (a slow disk), so that an edit made while a write is under way is the common case, not luck: a
// writer that did not check again before renaming loses most of the editor's edits.
//
// The one instant no check covers, a save landing between a writer's last check and its rename
// (credentials-file-snapshot.ts), is kept out by the actors' edit mutex: on a loaded 2-core
// machine it cost about one run in 25 here, which says how small it is but would make the test
// flaky. What the test shows is everything else.

const home = tempDirPerTest('roletray-race-');
afterEach(stopActors);

const WRITES = 8;
const EDITS = 20;
const PAUSE_MS = 60;
const GAP_MS = 80;

/** Reads the file until `until` settles; returns what was wrong in any read. */
async function watch(file: string, until: Promise<unknown>): Promise<string[]> {
  let done = false;
  void until.finally(() => (done = true));
  const problems = new Set<string>();
  while (!done) {
    // Between the editor's saves: one in place shows a part-written file while it lasts.
    const text = await withEditMutex(file, () => readFile(file, 'utf8'));
    for (const problem of problemsIn(text)) problems.add(problem);
    await sleep(2);
  }
  return [...problems];
}

describe('the credentials file under two writers and an editor', () => {
  it('loses no edit, is whole at every read, and ends with each writer’s last word', async () => {
    const file = join(home(), 'credentials');
    await writeFile(
      file,
      '[default]\naws_access_key_id = AKIAUSER\naws_secret_access_key = usersecret\n\n[editor]\n',
    );
    const writers = [
      startActor(['writer', file, 'rt-a', String(WRITES), String(PAUSE_MS), 'write']),
      startActor(['writer', file, 'rt-b', String(WRITES), String(PAUSE_MS), 'remove']),
    ];
    const editor = startActor(['editor', file, String(EDITS), String(GAP_MS)]);
    const actors = [...writers, editor];
    for (const actor of actors) expect(await actor.line()).toBe('ready');
    for (const actor of actors) actor.send('go');

    const edited = editor.done() as Promise<{ problems: string[] }>;
    const waiting = Promise.all(writers.map((writer) => writer.line()));
    const seen = await watch(file, Promise.all([edited, waiting]));
    const { problems } = await edited;
    expect(await waiting).toEqual(['waiting', 'waiting']);
    const afterEdits = await readFile(file, 'utf8');
    for (const writer of writers) writer.send('final');
    const runs = (await Promise.all(writers.map((writer) => writer.done()))) as { restarted: number }[];

    const text = await readFile(file, 'utf8');
    const missing = [...Array(EDITS).keys()]
      .map((i) => `edit_${i + 1} = ${i + 1}`)
      .filter((line) => !afterEdits.includes(line) || !text.includes(line));
    expect({ missing, problems, seen }).toEqual({ missing: [], problems: [], seen: [] });
    expect(problemsIn(text)).toEqual([]);
    // Each writer's last word: rt-a's final write is there, rt-b's final removal left nothing.
    expect(text).toContain(`[rt-a]\n# Managed by RoleTray`);
    expect(text).toContain(`aws_access_key_id = ${keyOf('rt-a', WRITES)}\n`);
    expect(text).not.toContain('[rt-b]');
    expect(await readdir(home())).toEqual(['credentials']);
    // The race did happen: writes started over from edits saved while they were under way.
    expect(runs.reduce((sum, run) => sum + run.restarted, 0)).toBeGreaterThan(0);
  }, 60_000);
});
