import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  followed,
  memoryStore,
  tempDirPerTest,
  testClock,
  testRole,
  testSession,
} from '../../test-support/handoff-fixtures';
import type { AssumeOptions } from '../core/sessions/session-manager';
import { cliCacheDir, cliCacheKey } from './cli-cache';
import { CliCacheHandoff } from './cli-cache-handoff';
import { CliCacheRecords } from './cli-cache-records';
import { HandoffSettings } from './handoff-settings';

// The CLI cache unit on its own, for what the service's tests against the sandbox do not reach: a
// changed cache key, a failed write, and how often it asks for a renewal ahead of the CLI's window.

const home = tempDirPerTest('roletray-cli-unit-');
const shared = { setting: { cliCache: true as const } };

function start() {
  const renewals: [string, AssumeOptions | undefined][] = [];
  const log: string[] = [];
  const clock = testClock();
  const store = memoryStore();
  const unit = new CliCacheHandoff({
    manager: {
      assume: async (profile, options) => {
        renewals.push([profile, options]);
        return testSession(testRole(profile), 'ASIARENEWED').info;
      },
    },
    settings: new HandoffSettings(store),
    records: new CliCacheRecords(store),
    homeDir: home(),
    clock: clock.now,
    log: (line) => void log.push(line),
  });
  const file = (role: Parameters<typeof cliCacheKey>[0]) =>
    join(cliCacheDir(home()), `${cliCacheKey(role)}.json`);
  const cached = async (role: Parameters<typeof cliCacheKey>[0]) =>
    (JSON.parse(await readFile(file(role), 'utf8')) as { Credentials: { AccessKeyId: string } }).Credentials
      .AccessKeyId;
  return { unit, store, renewals, log, clock, file, cached };
}

describe('CliCacheHandoff', () => {
  it('moves the file when the role’s cache key inputs change, and removes it once the role is gone', async () => {
    const { unit, file, cached } = start();
    const before = testRole('prod');
    const session = testSession(before, 'ASIAFIRST');
    await unit.follow(followed(before, session, shared));
    expect(await cached(before)).toBe('ASIAFIRST');

    const after = testRole('prod', { externalId: 'audit-2026' });
    await unit.follow(followed(after, session, shared));
    expect(existsSync(file(before))).toBe(false);
    expect(await cached(after)).toBe('ASIAFIRST');

    await unit.follow(followed(after, undefined, { ...shared, profile: undefined }));
    expect(existsSync(file(after))).toBe(false);
    expect(unit.status('prod', undefined)).toEqual({
      cliCache: {
        enabled: false,
        available: false,
        problem: 'There is no profile named prod in your AWS config.',
      },
    });
  });

  it('says why it could not write, and stops saying it once a write works', async () => {
    const { unit, log, cached } = start();
    const role = testRole('prod');
    unit.choose(role, true);
    // A file where the CLI's folder should be: the cache folder cannot be made.
    await writeFile(join(home(), '.aws'), '');
    await unit.follow(followed(role, testSession(role, 'ASIAFIRST'), shared));
    const problem = unit.status('prod', role).cliCache.problem;
    expect(problem).toMatch(/^RoleTray could not write the AWS CLI’s cache in .+: /);
    expect(log).toEqual([problem]);

    await rm(join(home(), '.aws'));
    await unit.follow(followed(role, testSession(role, 'ASIAFIRST'), shared));
    expect(await cached(role)).toBe('ASIAFIRST');
    expect(unit.status('prod', role).cliCache).toEqual({ enabled: true, available: true });
  });

  it('removes nothing outside the cache folder for a record whose file name is not a cache key', async () => {
    const { unit, store } = start();
    // A store edited by hand (or by another program): the name climbs out of ~/.aws/cli/cache.
    const victim = join(home(), '.aws', 'victim.json');
    await mkdir(join(home(), '.aws'), { recursive: true });
    await writeFile(victim, JSON.stringify({ Credentials: { AccessKeyId: 'ASIAVICTIM' } }));
    store.set('cliCacheWritten', { prod: { cacheKey: '../../victim', accessKeyId: 'ASIAVICTIM' } });
    await unit.sweep(new Set());
    await unit.remove('prod');
    expect(existsSync(victim)).toBe(true);
  });

  it('asks once per session, without a prompt, to renew ahead of the CLI’s 15-minute window', async () => {
    const { unit, renewals } = start();
    const role = testRole('prod');
    await unit.follow(followed(role, testSession(role, 'ASIALONG', 17 * 60_000), shared));
    expect(renewals).toEqual([]);

    const closeToIt = testSession(role, 'ASIASHORT', 15 * 60_000 + 30_000);
    await unit.follow(followed(role, closeToIt, shared));
    await unit.follow(followed(role, closeToIt, shared));
    expect(renewals).toEqual([['prod', { renew: true, interactive: false }]]);

    await unit.follow(followed(role, testSession(role, 'ASIANEXT', 10 * 60_000), shared));
    expect(renewals).toHaveLength(2);
  });
});
