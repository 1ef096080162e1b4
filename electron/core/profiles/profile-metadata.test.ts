import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../app/dispatch';
import { ProfileMetadataStore } from './profile-metadata';
import { startCoreHarness, type CoreHarness } from '../../../test-support/core-harness';

const dirs: string[] = [];
let harness: CoreHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function metadataStore() {
  const cwd = await mkdtemp(join(tmpdir(), 'roletray-meta-'));
  dirs.push(cwd);
  return new ProfileMetadataStore(new Conf<Record<string, unknown>>({ cwd, configName: 'roletray' }));
}

describe('ProfileMetadataStore', () => {
  it('merges, clears and drops empty entries', async () => {
    const metadata = await metadataStore();
    metadata.update('prod', { displayName: 'Production', favourite: true });
    metadata.update('prod', { color: 'ff0000' });
    expect(metadata.get('prod')).toEqual({ displayName: 'Production', favourite: true, color: 'ff0000' });
    metadata.update('prod', { displayName: undefined, favourite: undefined, color: undefined });
    expect(metadata.all()).toEqual({});
    expect(metadata.get('never-set')).toEqual({});
  });

  it('reads the store once for a whole list, own names only', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'roletray-meta-'));
    dirs.push(cwd);
    const conf = new Conf<Record<string, unknown>>({ cwd, configName: 'roletray' });
    const metadata = new ProfileMetadataStore(conf);
    metadata.update('prod', { favourite: true });
    metadata.update('constructor', { color: '00ff00' });
    let reads = 0;
    const get = conf.get.bind(conf);
    conf.get = ((key: string) => {
      reads++;
      return get(key);
    }) as typeof conf.get;
    const read = metadata.reader();
    const names = Array.from({ length: 500 }, (_, index) => `role-${index}`);
    expect(names.map(read).every((found) => Object.keys(found).length === 0)).toBe(true);
    expect(read('prod')).toEqual({ favourite: true });
    expect(read('constructor')).toEqual({ color: '00ff00' });
    expect(read('toString')).toEqual({});
    expect(reads).toBe(1);
  });

  it("records last use on assume, in the app's store and not in the AWS config", async () => {
    harness = await startCoreHarness();
    const before = await readFile(harness.t.description.configFile, 'utf8');
    const startedAt = harness.t.clock.now();
    await harness.manager.assume('prod-read-only');
    const lastUsed = harness.core.metadata.get('prod-read-only').lastUsed!;
    expect(lastUsed).toBeGreaterThanOrEqual(startedAt);
    expect(lastUsed).toBeLessThanOrEqual(harness.t.clock.now());
    expect(await harness.storeText()).toContain('"lastUsed"');
    expect(await readFile(harness.t.description.configFile, 'utf8')).toBe(before);
  });
});

describe('metadata follows the config', () => {
  it('refuses a profile the config does not have, and forgets one removed from it', async () => {
    harness = await startCoreHarness();
    const { handlers } = harness.services;
    const ghost = await dispatch(handlers, 'profiles:update-metadata', {
      profile: 'no-such-profile',
      patch: { favourite: true },
    });
    expect(ghost).toEqual({
      ok: false,
      error: {
        kind: 'ConfigError',
        message: 'There is no profile named no-such-profile in your AWS config.',
        profile: 'no-such-profile',
      },
    });
    expect(harness.core.metadata.all()).toEqual({});

    await dispatch(handlers, 'profiles:update-metadata', {
      profile: 'prod-audit',
      patch: { favourite: true },
    });
    await dispatch(handlers, 'profiles:update-metadata', { profile: 'dev', patch: { displayName: 'Dev' } });
    const config = harness.t.description.configFile;
    const text = await readFile(config, 'utf8');
    // Remove [profile prod-audit] and its lines, as a user editing the file would.
    const without = text.replace(/\[profile prod-audit\][^[]*/, '');
    expect(without).not.toBe(text);
    await writeFile(config, without);
    await harness.core.reloadProfiles();
    expect(harness.core.metadata.all()).toEqual({ dev: { displayName: 'Dev' } });
    expect(await harness.storeText()).not.toContain('prod-audit');

    // A broken config keeps the last good profiles, and their metadata.
    await writeFile(config, `${without}\n[profile broken\n`);
    await harness.core.reloadProfiles();
    expect(harness.core.profileState().error?.kind).toBe('ConfigError');
    expect(harness.core.metadata.all()).toEqual({ dev: { displayName: 'Dev' } });
  });
});
