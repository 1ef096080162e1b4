import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, S3_CHANNELS, type RequestChannel } from '../../shared/ipc-contract';
import { startTestBridge, type TestBridge } from '../../test-support/test-bridge';
import { dispatch } from './dispatch';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { finished } from '../../test-support/s3-walk';

// The S3 browser's IPC channels: the list of them, that each one only reads (the sandbox sees GET
// and HEAD and nothing else, even for Tyler-Dev, who may write to acme-dev-scratch), their request
// checks, and the listing's pages arriving over the loopback bridge as the renderer receives them.

const SCRATCH = 'acme-dev-scratch';
let harness: CoreHarness | undefined;
let bridge: TestBridge | undefined;
let dir: string | undefined;
afterEach(async () => {
  await harness?.stop();
  await bridge?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  harness = bridge = dir = undefined;
});

async function startWithDownloads(): Promise<CoreHarness & { dir: string }> {
  const downloads = (dir = await mkdtemp(join(tmpdir(), 'roletray-s3-channels-')));
  const h = (harness = await startCoreHarness({
    chooseDownloadDestination: async (request) =>
      request.kind === 'file' ? join(downloads, request.suggestedName) : downloads,
  }));
  return Object.assign(h, { dir: downloads });
}

describe('the S3 channels', () => {
  it('are exactly the s3: channels of the contract', () => {
    expect([...S3_CHANNELS]).toEqual(REQUEST_CHANNELS.filter((channel) => channel.startsWith('s3:')));
    expect(S3_CHANNELS).toEqual([
      's3:buckets',
      's3:list',
      's3:list-stop',
      's3:folder-size',
      's3:head',
      's3:preview',
      's3:download',
      's3:download-cancel',
      's3:presign',
    ]);
  });

  it('each only reads: the sandbox sees GET and HEAD, for a profile whose keys may write', async () => {
    const h = await startWithDownloads();
    const sent = new Map<RequestChannel, string[]>();
    const call = async (channel: RequestChannel, payload: unknown, until?: Promise<unknown>) => {
      const before = h.s3Requests.length;
      expect(await dispatch(h.services.handlers, channel, payload)).toMatchObject({ ok: true });
      await until;
      sent.set(channel, [...(sent.get(channel) ?? []), ...h.s3Requests.slice(before)]);
    };
    const object = { profile: 'dev', bucket: SCRATCH, key: 'notes/todo.txt' };
    await call('s3:buckets', { profile: 'dev' });
    await call(
      's3:list',
      { profile: 'dev', bucket: SCRATCH, prefix: '', listingId: 'l1' },
      finished(h, 's3:listing', 'l1'),
    );
    await call('s3:list-stop', { listingId: 'l1' });
    await call('s3:folder-size', { profile: 'dev', bucket: SCRATCH, prefix: 'notes/', countId: 'c1' });
    await call('s3:head', object);
    await call('s3:preview', object);
    await call('s3:download', { ...object, downloadId: 'd1' }, finished(h, 's3:download', 'd1'));
    await call(
      's3:download',
      { profile: 'dev', bucket: SCRATCH, prefix: 'notes/', downloadId: 'd2' },
      finished(h, 's3:download', 'd2'),
    );
    await call('s3:download-cancel', { downloadId: 'd2' });
    await call('s3:presign', { ...object, expiresInSeconds: 600 });

    expect([...sent.keys()].sort()).toEqual([...S3_CHANNELS].sort());
    const methods = Object.fromEntries(
      [...sent].map(([channel, lines]) => [channel, [...new Set(lines.map((line) => line.split(' ')[1]))]]),
    );
    expect(methods).toEqual({
      's3:buckets': ['GET'],
      's3:list': ['GET'],
      's3:list-stop': [],
      's3:folder-size': ['GET'],
      's3:head': ['HEAD'],
      's3:preview': ['GET'],
      's3:download': ['GET'],
      's3:download-cancel': [],
      // The bucket's region is known from s3:buckets: nothing to look up before signing.
      's3:presign': [],
    });
    expect(h.s3Requests.every((line) => /^\d{3} (GET|HEAD) /.test(line))).toBe(true);
    expect(await readFile(join(h.dir, 'todo.txt'), 'utf8')).toBe('Try RoleTray against the sandbox.\n');
    expect(await readFile(join(h.dir, 'notes', 'todo.txt'), 'utf8')).toBe(
      'Try RoleTray against the sandbox.\n',
    );
  });

  it('check their requests before anything reaches S3', async () => {
    const h = (harness = await startCoreHarness());
    await h.manager.assume('prod-read-only');
    const refused = async (channel: string, payload: unknown) => {
      const result = await dispatch(h.services.handlers, channel, payload);
      expect(result.ok).toBe(false);
      return result.ok ? undefined : result.error;
    };
    const base = { profile: 'prod-read-only', bucket: 'acme-prod-app-data' };
    expect(await refused('s3:list', { ...base, prefix: '', listingId: 'x', extra: 1 })).toMatchObject({
      kind: 'Validation',
    });
    expect(await refused('s3:head', { ...base, bucket: 'Not_A_Bucket', key: 'x' })).toMatchObject({
      message: expect.stringContaining('not an S3 bucket name'),
    });
    expect(await refused('s3:download', { ...base, key: 'a', prefix: 'b/', downloadId: 'x' })).toMatchObject({
      message: expect.stringContaining('give either a key or a prefix'),
    });
    expect(await refused('s3:presign', { ...base, key: 'a', expiresInSeconds: 604801 })).toMatchObject({
      kind: 'Validation',
    });
    expect(await refused('s3:download', { ...base, prefix: 'reports', downloadId: 'x' })).toEqual({
      kind: 'Validation',
      message: 'reports is not a folder: a folder prefix ends with "/".',
    });
    // This harness was given no save dialog.
    expect(await refused('s3:download', { ...base, key: 'README.txt', downloadId: 'x' })).toEqual({
      kind: 'Validation',
      message: 'This RoleTray front end has nowhere to save downloads.',
    });
    expect(await refused('s3:buckets', { profile: 'no-such-profile' })).toMatchObject({
      kind: 'ConfigError',
      message: 'There is no profile named no-such-profile in your AWS config.',
    });
    await dispatch(h.services.handlers, 's3:list', { ...base, prefix: 'events/', listingId: 'twice' });
    expect(await refused('s3:list', { ...base, prefix: '', listingId: 'twice' })).toEqual({
      kind: 'Validation',
      message: 'A listing with id twice is already running.',
    });
    expect(h.s3Requests.length).toBeLessThanOrEqual(1);
    // Stopping or cancelling what has already ended is not an error.
    expect(await dispatch(h.services.handlers, 's3:list-stop', { listingId: 'gone' })).toEqual({ ok: true });
    expect(await dispatch(h.services.handlers, 's3:download-cancel', { downloadId: 'gone' })).toEqual({
      ok: true,
    });
  });

  it('stream a listing to the page over the loopback bridge, first page before the last', async () => {
    const running = (bridge = await startTestBridge());
    const { client, h } = running;
    await h.manager.assume('prod-read-only');
    const events = await client.events();
    const request = {
      profile: 'prod-read-only',
      bucket: 'acme-prod-event-logs',
      prefix: 'events/2026/11/event-0',
    };
    expect(await client.invoke('s3:list', { ...request, listingId: 'sse' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const first = await events.next('s3:listing', (page) => page.listingId === 'sse');
    expect(first).toMatchObject({ loaded: 1000, done: false });
    expect(first.entries[0]).toMatchObject({ kind: 'object', key: 'events/2026/11/event-00000.json' });
    let last = first;
    while (!last.done) last = await events.next('s3:listing', (page) => page.listingId === 'sse');
    expect(last).toMatchObject({ loaded: 10_000, done: true });
    events.close();
  });
});
