import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  removeCredentialsProfile,
  writeCredentialsProfile,
  type CredentialsFileDeps,
} from '../electron/handoff/credentials-file';
import { CredentialsFileRefusal } from '../electron/handoff/credentials-file-refusal';

// Processes that act on one credentials file at once, for the tests that race them: RoleTray's
// real writer (`writer`, `pause`) and an editor that takes no lock (`editor`). Each is this file
// run with `node --import tsx`; the test talks to it over stdin and stdout, one line at a time.
//
//   writer FILE SECTION COUNT PAUSE_MS FINAL  COUNT writes and removals in turn, each waiting
//                                              PAUSE_MS after its temp file; then, on "final",
//                                              FINAL (write or remove).
//   editor FILE COUNT GAP_MS                   COUNT edits of its own [editor] lines, every GAP_MS,
//                                              saved in place and by rename in turn.
//   pause FILE SECTION                         one write that stops after its temp file is written.
//
// Every actor prints "ready", waits for "go", and prints a JSON summary last.
//
// The edit mutex (a test-only O_EXCL file) keeps the editor's saves out of the one instant no
// check can cover: a writer holds it from the end of its pause through its last check and rename
// (credentials-file-snapshot.ts says why that instant remains). Everywhere else the editor saves
// freely, so its saves land while writers read, write their temp files and pause.

const ACTORS = fileURLToPath(import.meta.url);
const ROOT = join(dirname(ACTORS), '..');

export interface Actor {
  child: ChildProcessWithoutNullStreams;
  /** The next line the actor prints. */
  line(): Promise<string>;
  send(line: string): void;
  /** Its summary, once it exits 0. */
  done(): Promise<unknown>;
}

/** The actors still running, so that a test that fails midway leaves none behind. */
const running = new Set<ChildProcessWithoutNullStreams>();

export function startActor(args: string[]): Actor {
  const child = spawn(process.execPath, ['--import', 'tsx', ACTORS, ...args], { cwd: ROOT });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = async () => {
    const next = await lines.next();
    if (next.done) throw new Error(`${args[0]} ended early (${String(await exited)}): ${stderr}`);
    return next.value;
  };
  return {
    child,
    line,
    send: (text) => void child.stdin.write(`${text}\n`),
    done: async () => {
      const summary = await line();
      const code = await exited;
      if (code !== 0) throw new Error(`${args[0]} exited ${String(code)}: ${stderr}`);
      return JSON.parse(summary) as unknown;
    },
  };
}

/** The pid of a process that has exited: what a killed writer leaves in its lock and temp names. */
export const exitedPid = () => Number(execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }));

/** The access key id a writer uses for its `round`th write. */
export const keyOf = (section: string, round: number) =>
  `ASIA${section.replace(/\W/g, '').toUpperCase()}${round}`;

/** Problems with a credentials file as read: a line nobody wrote, or a section of ours cut short. */
export function problemsIn(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  if (text !== '' && !text.endsWith('\n')) problems.push('no final newline');
  for (const [i, line] of lines.entries()) {
    if (line === '' || line.startsWith('#') || /^\[[\w-]+\]$/.test(line) || /^\w+ = \S+$/.test(line))
      continue;
    problems.push(`line ${i + 1}: ${JSON.stringify(line)}`);
  }
  for (const [i, line] of lines.entries()) {
    if (!lines[i + 1]?.startsWith('# Managed by RoleTray')) continue;
    const keys = lines.slice(i + 2, i + 5).map((l) => l.split(' = ')[0]);
    if (keys.join() !== 'aws_access_key_id,aws_secret_access_key,aws_session_token') {
      problems.push(`${line} is cut short`);
    }
  }
  if (!text.includes('[default]\naws_access_key_id = AKIAUSER\n')) problems.push('[default] is gone');
  return problems;
}

const mutexOf = (file: string) => `${file}.test-mutex`;

export async function acquireEditMutex(file: string): Promise<void> {
  for (;;) {
    try {
      writeFileSync(mutexOf(file), String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await sleep(1);
    }
  }
}

export async function withEditMutex<T>(file: string, work: () => T | Promise<T>): Promise<T> {
  await acquireEditMutex(file);
  try {
    return await work();
  } finally {
    unlinkSync(mutexOf(file));
  }
}

/** Kills every actor still running (for afterEach). */
export function stopActors(): void {
  for (const child of running) child.kill('SIGKILL');
}

async function waitFor(expected: string): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) if (line === expected) return;
  // The test is gone: stop rather than act on a file nobody checks.
  throw new Error(`stdin closed before "${expected}"`);
}

async function writer(file: string, section: string, count: number, pauseMs: number, final: string) {
  let refused = 0;
  let restarted = 0;
  /** One write or removal: paused once, then holding the edit mutex to its end. */
  const once = async (act: (deps: CredentialsFileDeps) => Promise<unknown>) => {
    let held = false;
    const deps = {
      afterTempWritten: async () => {
        if (held) return void restarted++;
        await sleep(pauseMs);
        await acquireEditMutex(file);
        held = true;
      },
    };
    try {
      // A refused write (the file kept changing) is tried again, as the hand-off's next pass would.
      for (;;) {
        try {
          return await act(deps);
        } catch (error) {
          if (!(error instanceof CredentialsFileRefusal)) throw error;
          refused++;
        }
      }
    } finally {
      if (held) unlinkSync(mutexOf(file));
    }
  };
  const write = (round: number) =>
    once((deps) =>
      writeCredentialsProfile(
        file,
        section,
        {
          accessKeyId: keyOf(section, round),
          secretAccessKey: `secret${round}`,
          sessionToken: `token${round}`,
          expiration: Date.now() + 3_600_000,
        },
        deps,
      ),
    );
  const remove = () => once((deps) => removeCredentialsProfile(file, section, deps));
  console.log('ready');
  await waitFor('go');
  for (let round = 0; round < count; round++) await (round % 2 === 0 ? write(round) : remove());
  console.log('waiting');
  await waitFor('final');
  await (final === 'write' ? write(count) : remove());
  console.log(JSON.stringify({ refused, restarted }));
}

async function editor(file: string, count: number, gapMs: number) {
  const problems: string[] = [];
  console.log('ready');
  await waitFor('go');
  for (let edit = 1; edit <= count; edit++) {
    const text = readFileSync(file, 'utf8');
    problems.push(...problemsIn(text));
    const next = text.replace('[editor]\n', `[editor]\nedit_${edit} = ${edit}\n`);
    await withEditMutex(file, () => {
      // In place, as `aws configure` and nano save; by rename, as vim and sed -i do.
      if (edit % 2 === 0) writeFileSync(file, next);
      else {
        writeFileSync(`${file}.editor-tmp`, next);
        renameSync(`${file}.editor-tmp`, file);
      }
    });
    await sleep(gapMs * (0.5 + Math.random()));
  }
  console.log(JSON.stringify({ problems }));
}

async function pause(file: string, section: string) {
  console.log('ready');
  await waitFor('go');
  const credentials = { accessKeyId: 'ASIAKILLED', secretAccessKey: 'killed-secret', sessionToken: 'tok' };
  await writeCredentialsProfile(file, section, credentials, {
    afterTempWritten: async (temp) => {
      console.log(`paused ${temp}`);
      await new Promise(() => undefined);
    },
  });
}

if (process.argv[1] === ACTORS) {
  const [role, file = '', ...rest] = process.argv.slice(2);
  const run =
    role === 'writer'
      ? writer(file, rest[0]!, Number(rest[1]), Number(rest[2]), rest[3]!)
      : role === 'editor'
        ? editor(file, Number(rest[0]), Number(rest[1]))
        : role === 'pause'
          ? pause(file, rest[0]!)
          : Promise.reject(new Error(`unknown actor ${String(role)}`));
  run.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
