import { appendFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoleTrayError } from '../errors';
import { watchProfiles, type ProfileWatcher } from './profile-watcher';
import type { LoadedProfiles, ProfileSources } from './profiles';

// The watcher against real files in a temp home, with real fs.watch. Waits are on the handlers'
// calls (with a timeout), not on fixed sleeps.

const ROLE_ARN = 'arn:aws:iam::123456789012:role/R';
const KEYS = ['aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key = secret'];
const ini = (...lines: string[]) => `${lines.join('\n')}\n`;
const roleSection = (name: string, source = 'dev') => [
  `[profile ${name}]`,
  `role_arn = ${ROLE_ARN}`,
  `source_profile = ${source}`,
];

type Event = { type: 'change'; loaded: LoadedProfiles } | { type: 'error'; error: RoleTrayError };

/** Handlers that record every call, and a way to wait for the next one matching a test. */
function recorder() {
  const events: Event[] = [];
  const waiters = new Set<() => void>();
  const push = (event: Event) => {
    events.push(event);
    for (const wake of waiters) wake();
  };
  let seen = 0;
  /** Resolves with the first event after the ones already consumed that passes `test`. */
  const next = <T extends Event['type']>(
    type: T,
    test: (event: Extract<Event, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<Event, { type: T }>> =>
    new Promise((resolve, reject) => {
      const check = () => {
        while (seen < events.length) {
          const event = events[seen++]!;
          if (event.type === type && test(event as Extract<Event, { type: T }>)) {
            finish();
            resolve(event as Extract<Event, { type: T }>);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    events,
    next,
    handlers: {
      onChange: (loaded: LoadedProfiles) => push({ type: 'change', loaded }),
      onError: (error: RoleTrayError) => push({ type: 'error', error }),
    },
  };
}

const names = (loaded: LoadedProfiles | undefined) => loaded?.profiles.map((profile) => profile.name);

let home: string;
let awsDir: string;
let sources: ProfileSources;
const open: ProfileWatcher[] = [];

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'roletray-watch-'));
  awsDir = join(home, '.aws');
  sources = { env: {}, homeDir: home };
});
afterEach(async () => {
  for (const watcher of open.splice(0)) watcher.close();
  await rm(home, { recursive: true, force: true });
});

function start(record: ReturnType<typeof recorder>, env: ProfileSources['env'] = {}): ProfileWatcher {
  const watcher = watchProfiles({ ...sources, env }, record.handlers, { debounceMs: 20 });
  open.push(watcher);
  return watcher;
}

/** As editors save: a temp file renamed over the target, so no half-written file is ever seen. */
async function replace(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

async function writeBoth(config: string, credentials: string): Promise<void> {
  await mkdir(awsDir, { recursive: true });
  await writeFile(join(awsDir, 'config'), config);
  await writeFile(join(awsDir, 'credentials'), credentials);
}

describe('watchProfiles', () => {
  it('loads once at start and reports changes to either file', async () => {
    await writeBoth(ini('[profile dev]', 'region = us-east-1', ...roleSection('a')), ini('[dev]', ...KEYS));
    const record = recorder();
    const watcher = start(record);
    const first = await record.next('change');
    expect(names(first.loaded)).toEqual(['dev', 'a']);
    expect(watcher.current()).toBe(first.loaded);

    await appendFile(join(awsDir, 'config'), ini(...roleSection('b')));
    const second = await record.next('change', (event) => names(event.loaded)!.includes('b'));
    expect(names(second.loaded)).toEqual(['dev', 'a', 'b']);

    await appendFile(join(awsDir, 'credentials'), ini('[other]', ...KEYS));
    const third = await record.next('change', (event) => names(event.loaded)!.includes('other'));
    expect(names(third.loaded)).toEqual(['dev', 'a', 'b', 'other']);
    expect(watcher.current()).toBe(third.loaded);
  });

  it('sees an atomic replace (write a temp file, rename it over the config)', async () => {
    await writeBoth(ini('[profile dev]', ...KEYS), '');
    const record = recorder();
    start(record);
    await record.next('change');
    const temp = join(awsDir, '.config.swp');
    await writeFile(temp, ini('[profile dev]', ...KEYS, ...roleSection('replaced')));
    await rename(temp, join(awsDir, 'config'));
    const changed = await record.next('change');
    expect(names(changed.loaded)).toEqual(['dev', 'replaced']);
  });

  it('reports a malformed file, keeps the last good profiles, and reports the fix', async () => {
    const good = ini('[profile dev]', ...KEYS, ...roleSection('a'));
    await writeBoth(good, '');
    const record = recorder();
    const watcher = start(record);
    const first = await record.next('change');

    await replace(join(awsDir, 'config'), ini('[profile dev]', ...KEYS, 'role_arn without an equals sign'));
    const { error } = await record.next('error');
    expect(error.info).toMatchObject({ kind: 'ConfigError', file: join(awsDir, 'config'), line: 4 });
    expect(watcher.current()).toBe(first.loaded);

    // Restoring the same content as before is reported: the UI must learn the error is gone.
    await replace(join(awsDir, 'config'), good);
    const fixed = await record.next('change');
    expect(fixed.loaded).toEqual(first.loaded);
    expect(watcher.current()).toBe(fixed.loaded);
  });

  it('picks up files, and even the ~/.aws directory, created after it started', async () => {
    const record = recorder();
    const watcher = start(record);
    const empty = await record.next('change');
    expect(empty.loaded.profiles).toEqual([]);

    await mkdir(awsDir);
    await writeFile(join(awsDir, 'credentials'), ini('[dev]', ...KEYS));
    const withCredentials = await record.next('change', (event) => event.loaded.profiles.length > 0);
    expect(names(withCredentials.loaded)).toEqual(['dev']);

    await writeFile(join(awsDir, 'config'), ini(...roleSection('late')));
    const withConfig = await record.next('change', (event) => names(event.loaded)!.includes('late'));
    expect(names(withConfig.loaded)).toEqual(['late', 'dev']);
    expect(watcher.current()).toBe(withConfig.loaded);
  });

  it('watches both directories when the environment puts the files apart', async () => {
    const configDir = join(home, 'cfg');
    const credentialsDir = join(home, 'secret', 'nested');
    await mkdir(configDir);
    await writeFile(join(configDir, 'config'), ini(...roleSection('a')));
    const record = recorder();
    start(record, {
      AWS_CONFIG_FILE: '~/cfg/config',
      AWS_SHARED_CREDENTIALS_FILE: join(credentialsDir, 'credentials'),
    });
    const first = await record.next('change');
    expect(first.loaded.profiles).toMatchObject([{ name: 'a', kind: 'unusable' }]);

    await mkdir(credentialsDir, { recursive: true });
    await writeFile(join(credentialsDir, 'credentials'), ini('[dev]', ...KEYS));
    const resolved = await record.next('change', (event) => event.loaded.profiles[0]?.kind === 'role');
    expect(resolved.loaded.profiles).toMatchObject([
      { name: 'a', kind: 'role', chain: ['a', 'dev'] },
      { name: 'dev', kind: 'keys' },
    ]);
  });

  it('stays quiet when a save changes nothing, and reload() reports through the handlers', async () => {
    const config = ini('[profile dev]', ...KEYS);
    await writeBoth(config, '');
    const record = recorder();
    const watcher = start(record);
    await record.next('change');
    await writeFile(join(awsDir, 'config'), config);
    await watcher.reload();
    await writeFile(join(awsDir, 'unrelated.txt'), 'x');
    await watcher.reload();
    expect(record.events).toHaveLength(1);
  });

  it('leaves no watch handle or timer behind after close()', async () => {
    const count = (type: string) => process.getActiveResourcesInfo().filter((name) => name === type).length;
    // A closed watch handle is released in the event loop's close phase: let a few turns pass.
    const settled = async () => {
      for (let turn = 0; turn < 10 && count('FSEventWrap') > before.watches; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const before = { watches: count('FSEventWrap'), timers: count('Timeout') };
    await writeBoth(ini('[profile dev]', ...KEYS), '');
    const record = recorder();
    const watcher = start(record);
    await record.next('change');
    expect(count('FSEventWrap')).toBeGreaterThan(before.watches);
    // An event in flight: its debounce timer must go too.
    await appendFile(join(awsDir, 'config'), '\n');
    watcher.close();
    expect(count('Timeout')).toBe(before.timers);
    await settled();
    expect(count('FSEventWrap')).toBe(before.watches);
    // Nothing is reported after close.
    await appendFile(join(awsDir, 'config'), ini(...roleSection('after')));
    await watcher.reload();
    expect(record.events).toHaveLength(1);
    await settled();
    expect(count('FSEventWrap')).toBe(before.watches);
    expect(count('Timeout')).toBe(before.timers);
  });
});
