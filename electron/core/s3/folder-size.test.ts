import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCoreHarness, type CoreHarness } from '../../../test-support/core-harness';
import { download } from '../../../test-support/s3-jobs';

// Counting a folder before downloading it (`s3:folder-size`), against the sandbox: the count is
// what the sandbox holds under the prefix and what the download then saves; Stop ends a count with
// what it had; and a folder download says while it lists that its totals are not final yet.

const BUCKET = 'acme-prod-event-logs';
const PROFILE = 'prod-read-only';

let h: CoreHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(latencyMs = 0): Promise<CoreHarness> {
  const folder = (dir = await mkdtemp(join(tmpdir(), 'roletray-folder-size-')));
  h = await startCoreHarness({ wire: { latencyMs }, chooseDownloadDestination: async () => folder });
  await h.manager.assume(PROFILE);
  return h;
}

/** The sandbox's own view: every object under the prefix, and the sum of their sizes. */
function sandboxHolds(harness: CoreHarness, prefix: string) {
  const page = harness.t.sandbox.s3.buckets.get(BUCKET)!.list(prefix, '', '', 1_000_000);
  return {
    files: page.objects.length,
    bytes: page.objects.reduce((sum, object) => sum + object.size, 0),
  };
}

describe('s3:folder-size', () => {
  it('counts the 10,000 files of exports/2026/11/ as the sandbox holds them', async () => {
    const harness = await start();
    const prefix = 'exports/2026/11/';
    const counted = await harness.services.s3.folderSize({
      profile: PROFILE,
      bucket: BUCKET,
      prefix,
      countId: 'count-exports',
    });
    expect(counted).toEqual({ ...sandboxHolds(harness, prefix), complete: true });
    expect(counted.files).toBe(10_000);
  });

  it('matches what the folder download then saves, and the download lists before its totals are final', async () => {
    const harness = await start();
    const prefix = 'exports/2026/11/';
    const counted = await harness.services.s3.folderSize({
      profile: PROFILE,
      bucket: BUCKET,
      prefix,
      countId: 'count-before-download',
    });
    const events = await download(harness, { profile: PROFILE, bucket: BUCKET, prefix }).finished;
    const last = events.at(-1)!;
    expect(last.error).toBeUndefined();
    expect([last.files, last.bytes]).toEqual([counted.files, counted.bytes]);
    expect(last.listing).toBeUndefined();
    // Once an event says the listing is over, the totals never move again.
    expect(events[0]!.listing).toBe(true);
    const listed = events.findIndex((event) => !event.listing);
    expect(events.slice(0, Math.max(listed, 0)).every((event) => event.listing)).toBe(true);
    for (const event of events.slice(listed)) {
      expect([event.totalFiles, event.total]).toEqual([counted.files, counted.bytes]);
    }
  });

  it('Stop (s3:list-stop with the count id) ends a count of 100,000 keys with what it had', async () => {
    const harness = await start(30);
    const counting = harness.services.s3.folderSize({
      profile: PROFILE,
      bucket: BUCKET,
      prefix: 'events/2026/11/',
      countId: 'count-events',
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    harness.services.s3.stopListing('count-events');
    const counted = await counting;
    expect(counted.complete).toBe(false);
    expect(counted.files).toBeLessThan(100_000);
    // The id is free again once the count ended.
    await expect(
      harness.services.s3.folderSize({
        profile: PROFILE,
        bucket: BUCKET,
        prefix: 'exports/',
        countId: 'count-events',
      }),
    ).resolves.toMatchObject({ complete: true });
  });

  it('a bucket that does not exist is a sentence', async () => {
    const harness = await start();
    await expect(
      harness.services.s3.folderSize({
        profile: PROFILE,
        bucket: 'acme-no-such-bucket',
        prefix: '',
        countId: 'c',
      }),
    ).rejects.toThrow('There is no bucket named acme-no-such-bucket.');
  });
});
