import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
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
