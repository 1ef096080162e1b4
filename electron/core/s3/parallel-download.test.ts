import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { slowDown } from '../../../sandbox/src/wire-conditions';
import type { SandboxRequest } from '../../../sandbox/src/request';
import { startCoreHarness, type CoreHarness } from '../../../test-support/core-harness';
import { download } from '../../../test-support/s3-jobs';
import { DOWNLOAD_REQUESTS } from './download';
import { JOURNAL_NAME } from './download-journal';
import { PART_BYTES } from './download-object';

// Folder downloads against the sandbox 30 ms away: a bounded number of GETs at once as the sandbox
// counts them, large objects in ranged parts tied to their ETag, Cancel keeping what was saved and
// saying so, a later download (after a restart too) resuming it and skipping the files whose size
// and ETag still match, and S3's SlowDown retried rather than reported.

const SCRATCH = 'acme-dev-scratch';
const FILES = 200;
const LATENCY_MS = 30;

let h: CoreHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(): Promise<CoreHarness> {
  const folder = (dir = await mkdtemp(join(tmpdir(), 'roletray-parallel-download-')));
  h = await startCoreHarness({
    wire: { latencyMs: LATENCY_MS },
    chooseDownloadDestination: async () => folder,
  });
  return h;
}

const bodyOf = (key: string, version = 1) => Buffer.from(`${key} version ${version}\n`.repeat(8));
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

function put(harness: CoreHarness, key: string, body: Buffer): void {
  harness.t.sandbox.s3.buckets.get(SCRATCH)!.put({
    key,
    size: body.length,
    lastModified: Date.parse('2026-11-30T00:00:00.000Z'),
    etag: `"${md5(body)}"`,
    contentType: 'application/octet-stream',
    storageClass: 'STANDARD',
    metadata: {},
    body: () => body,
  });
}

const keys = Array.from({ length: FILES }, (_, n) => `dl/part-${String(n).padStart(3, '0')}/file-${n}.txt`);

/** The object GETs the sandbox is asked for from now on, with their Range and If-Match. */
function watchGets(harness: CoreHarness): SandboxRequest[] {
  const seen: SandboxRequest[] = [];
  harness.t.sandbox.wire.s3Faults = (request) => {
    if (request.method === 'GET' && !('list-type' in request.query)) seen.push(request);
    return undefined;
  };
  return seen;
}

describe('folder downloads', () => {
  it('runs a bounded number of GETs at once, and saves every file whole', async () => {
    const harness = await start();
    for (const key of keys) put(harness, key, bodyOf(key));
    const events = await download(harness, { profile: 'dev', bucket: SCRATCH, prefix: 'dl/' }).finished;
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      done: true,
      files: FILES,
      totalFiles: FILES,
      destination: join(dir!, 'dl'),
    });
    expect(last.bytes).toBe(last.total);
    expect(harness.t.sandbox.wire.traffic.peakInFlight).toBeLessThanOrEqual(DOWNLOAD_REQUESTS);
    expect(harness.t.sandbox.wire.traffic.peakInFlight).toBeGreaterThan(DOWNLOAD_REQUESTS / 2);
    for (const key of [keys[0]!, keys[FILES - 1]!]) {
      expect(await readFile(join(dir!, key))).toEqual(bodyOf(key));
    }
    expect(await readdir(join(dir!, 'dl'))).not.toContain(JOURNAL_NAME);
  });

  it('fetches a large object in ranged parts, each conditional on its ETag', async () => {
    const harness = await start();
    const big = Buffer.alloc(2 * PART_BYTES + 12345, 7);
    big.write('the start', 0);
    big.write('the end', big.length - 7);
    put(harness, 'big/blob.bin', big);
    const gets = watchGets(harness);
    const events = await download(harness, { profile: 'dev', bucket: SCRATCH, prefix: 'big/' }).finished;
    expect(events.at(-1)).toMatchObject({ done: true, files: 1, bytes: big.length, total: big.length });
    expect(md5(await readFile(join(dir!, 'big', 'blob.bin')))).toBe(md5(big));
    expect(gets.map((request) => request.headers['range']).sort()).toEqual([
      `bytes=0-${PART_BYTES - 1}`,
      `bytes=${2 * PART_BYTES}-${big.length - 1}`,
      `bytes=${PART_BYTES}-${2 * PART_BYTES - 1}`,
    ]);
    expect(new Set(gets.map((request) => request.headers['if-match']))).toEqual(new Set([`"${md5(big)}"`]));
  });

  it('keeps what Cancel saved and says so; downloading again (after a restart) resumes it', async () => {
    let harness = await start();
    for (const key of keys) put(harness, key, bodyOf(key));
    const first = download(harness, { profile: 'dev', bucket: SCRATCH, prefix: 'dl/' });
    const stop = harness.services.hub.subscribe((event, payload) => {
      if (event === 's3:download' && (payload as { files: number }).files >= 50)
        harness.services.s3.cancelDownload(first.downloadId);
    });
    const cancelled = (await first.finished).at(-1)!;
    stop();
    const root = join(dir!, 'dl');
    expect(cancelled).toMatchObject({ done: true, cancelled: true, destination: root });
    expect(cancelled.note).toBe(
      `${cancelled.files} of ${FILES} files were saved in ${root}; downloading the folder there again resumes.`,
    );
    const saved = cancelled.files;
    expect(saved).toBeGreaterThanOrEqual(50);
    expect(saved).toBeLessThan(FILES);
    expect(await readdir(root)).toContain(JOURNAL_NAME);

    // One saved object changes in S3 meanwhile: it is fetched again, the others are skipped.
    const changed = (await readFile(join(root, JOURNAL_NAME), 'utf8')).split('\n')[1]!;
    const changedKey = (JSON.parse(changed) as { key: string }).key;
    put(harness, changedKey, bodyOf(changedKey, 2));
    harness = await harness.restart();
    const gets = watchGets(harness);
    const resumed = (await download(harness, { profile: 'dev', bucket: SCRATCH, prefix: 'dl/' }).finished).at(
      -1,
    )!;
    expect(resumed).toMatchObject({ done: true, files: FILES, totalFiles: FILES, destination: root });
    expect(resumed.bytes).toBe(resumed.total);
    expect(gets).toHaveLength(FILES - saved + 1);
    expect(gets.map((request) => decodeURIComponent(request.rawPath))).toContain(`/${SCRATCH}/${changedKey}`);
    expect(await readFile(join(dir!, changedKey))).toEqual(bodyOf(changedKey, 2));
    for (const key of keys) expect((await readFile(join(dir!, key))).length).toBe(bodyOf(key).length);
    expect(await readdir(dir!)).toEqual(['dl']);
    expect(await readdir(root)).not.toContain(JOURNAL_NAME);
  });

  it('backs off and retries when S3 answers SlowDown, so the download still completes', async () => {
    const harness = await start();
    for (const key of keys.slice(0, 40)) put(harness, key, bodyOf(key));
    const refused = new Set<string>();
    let slowDowns = 0;
    harness.t.sandbox.wire.s3Faults = (request) => {
      // The first ask of every object, and of the first listing page, is refused once.
      const what = `${request.rawPath}?${String(request.query['start-after'] ?? '')}`;
      if (refused.has(what)) return undefined;
      refused.add(what);
      slowDowns++;
      return slowDown();
    };
    const events = await download(harness, { profile: 'dev', bucket: SCRATCH, prefix: 'dl/' }).finished;
    expect(events.at(-1)).toMatchObject({ done: true, files: 40, totalFiles: 40 });
    expect(events.at(-1)!.error).toBeUndefined();
    expect(slowDowns).toBeGreaterThan(40);
  }, 30_000);
});
