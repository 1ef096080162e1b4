import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadProgress, ListingPage, S3Entry } from '../../../shared/s3-view';
import { startCoreHarness, type CoreHarness, type HarnessOptions } from '../../../test-support/core-harness';
import { download, listing } from '../../../test-support/s3-jobs';
import { isRoleTrayError, type RoleTrayError } from '../errors';
import type { DownloadDestinationRequest } from './download-request';

// The S3 browser service against the sandbox, through the app's real wiring (sessions core, event
// hub): buckets, streamed listings with pagination and delimiters, unicode keys, ranged previews,
// region redirects, per-prefix AccessDenied, expiry mid-listing, downloads and presigned URLs.

const APP = 'acme-prod-app-data';
const LOGS = 'acme-prod-event-logs';
const EU = 'acme-prod-eu-archive';
const SCRATCH = 'acme-dev-scratch';
const MiB = 1024 * 1024;

let harness: CoreHarness | undefined;
let downloads: string | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  if (downloads) await rm(downloads, { recursive: true, force: true });
  downloads = undefined;
});

/** A harness whose save dialog answers with a path under a temp folder (or declines). */
async function start(
  options: HarnessOptions & {
    choose?: (request: DownloadDestinationRequest, dir: string) => string | undefined;
  } = {},
): Promise<CoreHarness & { dir: string; asked: DownloadDestinationRequest[] }> {
  const dir = (downloads = await mkdtemp(join(tmpdir(), 'roletray-downloads-')));
  const asked: DownloadDestinationRequest[] = [];
  const choose =
    options.choose ??
    ((request, folder) => (request.kind === 'file' ? join(folder, request.suggestedName) : folder));
  harness = await startCoreHarness({
    ...options,
    chooseDownloadDestination: async (request) => {
      asked.push(request);
      return choose(request, dir);
    },
  });
  return Object.assign(harness, { dir, asked });
}

async function failure(promise: Promise<unknown>): Promise<RoleTrayError> {
  try {
    await promise;
  } catch (error) {
    if (isRoleTrayError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const names = (entries: S3Entry[]) =>
  entries.map((entry) => (entry.kind === 'folder' ? entry.prefix : entry.key));
const allEntries = (pages: ListingPage[]) => pages.flatMap((page) => page.entries);

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');

async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .map(
      (entry) =>
        `${join(entry.parentPath, entry.name).slice(dir.length + 1)}${entry.isDirectory() ? '/' : ''}`,
    )
    .sort();
}

describe('buckets', () => {
  it("lists a session's buckets with region and creation date, and learns each region", async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    expect(await h.services.s3.buckets('prod-read-only')).toEqual([
      { name: APP, region: 'us-east-1', createdAt: Date.parse('2024-03-14T09:26:53.000Z') },
      { name: EU, region: 'eu-west-1', createdAt: Date.parse('2023-09-30T11:45:00.000Z') },
      { name: LOGS, region: 'us-east-1', createdAt: Date.parse('2025-01-07T15:02:11.000Z') },
    ]);
    // The EU bucket is then read straight from eu-west-1: no 301 on the way.
    h.s3Requests.length = 0;
    expect(allEntries(await listing(h, { profile: 'prod-read-only', bucket: EU, prefix: '' }))).toEqual([
      { kind: 'folder', prefix: 'gdpr/' },
    ]);
    expect(h.s3Requests).toEqual([expect.stringMatching(/^200 GET \/acme-prod-eu-archive\//)]);
  });

  it('says who may not list buckets, and that a role without a session must be assumed first', async () => {
    const h = await start();
    const denied = await failure(h.services.s3.buckets('contractor'));
    expect(denied.info).toMatchObject({
      kind: 'AccessDenied',
      message: "contractor may not list its account's buckets (s3:ListAllMyBuckets).",
      awsCode: 'AccessDenied',
    });
    const none = await failure(h.services.s3.buckets('prod-read-only'));
    expect(none.info).toEqual({
      kind: 'Expired',
      message: 'There is no active session for prod-read-only; assume the role first.',
      profile: 'prod-read-only',
    });
    expect(h.stsCalls).toEqual([]);
  });
});

describe('listing', () => {
  it('shows folders and root objects with delimiter /, and hides a folder’s own marker', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const root = await listing(h, { profile: 'prod-read-only', bucket: APP, prefix: '' });
    expect(root).toHaveLength(1);
    expect(root[0]).toMatchObject({ done: true, loaded: 9 });
    expect(names(root[0]!.entries)).toEqual([
      'archive/',
      'config/',
      'docs/',
      'empty/',
      'exports/',
      'images/',
      'reports/',
      'restricted/',
      'README.txt',
    ]);
    expect(root[0]!.entries[8]).toEqual({
      kind: 'object',
      key: 'README.txt',
      size: 88,
      lastModified: Date.parse('2026-11-02T10:15:00.000Z'),
      storageClass: 'STANDARD',
      etag: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const year = await listing(h, { profile: 'prod-read-only', bucket: APP, prefix: 'reports/2026/' });
    expect(names(allEntries(year))).toEqual(['reports/2026/q3/', 'reports/2026/q4/']);
    const empty = await listing(h, { profile: 'prod-read-only', bucket: APP, prefix: 'reports/2026/q4/' });
    expect(empty).toEqual([{ listingId: expect.any(String), entries: [], loaded: 0, done: true }]);
  });

  it('lists keys with spaces, an en dash, accents and an emoji, and reads them back', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const docs = await listing(h, { profile: 'prod-read-only', bucket: APP, prefix: 'docs/' });
    expect(names(allEntries(docs))).toEqual(['docs/naïve café/', 'docs/Quarterly Report – Q3.txt']);
    const cafe = await listing(h, { profile: 'prod-read-only', bucket: APP, prefix: 'docs/naïve café/' });
    expect(names(allEntries(cafe))).toEqual(['docs/naïve café/menu 🍕.txt']);
    const key = 'docs/naïve café/menu 🍕.txt';
    expect(await h.services.s3.head({ profile: 'prod-read-only', bucket: APP, key })).toMatchObject({
      key,
      s3Uri: `s3://${APP}/${key}`,
      arn: `arn:aws:s3:::${APP}/${key}`,
    });
    expect(await h.services.s3.preview({ profile: 'prod-read-only', bucket: APP, key })).toMatchObject({
      kind: 'text',
      text: 'Unicode folders and an emoji in the key.\n',
      truncated: false,
    });
  });

  it('streams the 100,000-key prefix page by page: 100 pages of 1,000, in order, none repeated', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    let previous = '';
    let count = 0;
    let outOfOrder = 0;
    const loaded: number[] = [];
    const pages = await listing(
      h,
      { profile: 'prod-read-only', bucket: LOGS, prefix: 'events/2026/11/' },
      (page) => {
        loaded.push(page.loaded);
        for (const entry of page.entries) {
          const key = entry.kind === 'object' ? entry.key : entry.prefix;
          if (key <= previous) outOfOrder++;
          previous = key;
          count++;
        }
      },
    );
    expect(pages).toHaveLength(100);
    expect(count).toBe(100_000);
    expect(outOfOrder).toBe(0);
    expect(loaded.slice(0, 3)).toEqual([1000, 2000, 3000]);
    expect(pages.map((page) => page.done)).toEqual([...Array(99).fill(false), true]);
    expect(pages[0]!.entries[0]).toMatchObject({ key: 'events/2026/11/event-00000.json' });
    expect(previous).toBe('events/2026/11/event-99999.json');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.services.s3.listings.jobs.active).toBe(0);
  }, 60_000);

  it('stops a listing when asked, and sends nothing for it afterwards', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const pages = await listing(
      h,
      { profile: 'prod-read-only', bucket: LOGS, prefix: 'events/2026/11/' },
      (page, id) => {
        if (page.loaded === 2000) h.services.s3.stopListing(id);
      },
    );
    expect(pages.map((page) => [page.loaded, page.done, page.stopped ?? false])).toEqual([
      [1000, false, false],
      [2000, false, false],
      [2000, true, true],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.services.s3.listings.jobs.active).toBe(0);
  });

  it('stops a listing whose session the user ends, rather than assuming the role again', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const request = { profile: 'prod-read-only', bucket: LOGS, prefix: 'events/2026/11/' };
    const pages = await listing(h, request, (page) => {
      if (page.loaded === 1000) void h.services.handlers['sessions:end']({ profile: 'prod-read-only' });
    });
    expect(pages.at(-1)).toMatchObject({ done: true, stopped: true });
    expect(pages.at(-1)!.loaded).toBeLessThan(100_000);
    expect(h.stsCalls).toEqual(['AssumeRole']);
    expect(h.manager.sessions()).toEqual([]);
  });

  it('says AccessDenied for restricted/ and keeps the rest of the bucket browsable', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const denied = await listing(h, { profile: 'prod-read-only', bucket: APP, prefix: 'restricted/' });
    expect(denied).toEqual([
      {
        listingId: expect.any(String),
        entries: [],
        loaded: 0,
        done: true,
        error: {
          kind: 'AccessDenied',
          message:
            'prod-read-only may not list restricted/ in acme-prod-app-data; the rest of the bucket can still be browsed. An explicit Deny in a policy refuses it.',
          profile: 'prod-read-only',
          awsCode: 'AccessDenied',
          awsMessage: expect.stringContaining('s3:ListBucket'),
        },
      },
    ]);
    const reports = await listing(h, { profile: 'prod-read-only', bucket: APP, prefix: 'reports/2026/q3/' });
    expect(names(allEntries(reports))).toEqual([
      'reports/2026/q3/revenue.csv',
      'reports/2026/q3/summary.txt',
    ]);
    const object = { profile: 'prod-read-only', bucket: APP, key: 'restricted/payroll.csv' };
    expect((await failure(h.services.s3.preview(object))).message).toBe(
      'prod-read-only may not read s3://acme-prod-app-data/restricted/payroll.csv. An explicit Deny in a policy refuses it.',
    );
    // HEAD answers carry no body: the 403 alone is enough to say the same.
    expect((await failure(h.services.s3.head(object))).info).toMatchObject({
      kind: 'AccessDenied',
      message: 'prod-read-only may not read s3://acme-prod-app-data/restricted/payroll.csv.',
    });
    const missing = await listing(h, { profile: 'prod-read-only', bucket: 'acme-prod-missing', prefix: '' });
    expect(missing[0]!.error).toMatchObject({
      kind: 'Validation',
      awsCode: 'NoSuchBucket',
      message: 'There is no bucket named acme-prod-missing.',
    });
  });

  it('follows the EU bucket’s redirect once, then goes straight to eu-west-1', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const gdpr = await listing(h, { profile: 'prod-read-only', bucket: EU, prefix: 'gdpr/' });
    expect(names(allEntries(gdpr))).toEqual(['gdpr/retention-policy.txt']);
    const key = 'gdpr/retention-policy.txt';
    expect(await h.services.s3.preview({ profile: 'prod-read-only', bucket: EU, key })).toMatchObject({
      kind: 'text',
      text: 'EU records are kept in eu-west-1 for seven years.\n',
    });
    expect(h.s3Requests.map((line) => line.split(' ')[0])).toEqual(['301', '200', '206']);
  });

  it('renews a session that expires mid-listing, prompting for MFA, and goes on from the last page', async () => {
    const h = await start();
    h.answers.push(() => h.t.mfaCode());
    await h.manager.assume('prod-read-only-mfa');
    h.answers.push(() => h.t.mfaCode());
    const keys: string[] = [];
    let advanced = false;
    const pages = await listing(
      h,
      { profile: 'prod-read-only-mfa', bucket: LOGS, prefix: 'events/2026/11/event-0' },
      (page) => {
        keys.push(...names(page.entries));
        // Past the role session (1 h) and the MFA session behind it (12 h).
        if (!advanced) h.t.clock.advance(13 * 3600);
        advanced = true;
      },
    );
    expect(pages.at(-1)).toMatchObject({ done: true, loaded: 10_000 });
    expect(pages.some((page) => page.error)).toBe(false);
    expect(keys).toHaveLength(10_000);
    expect(new Set(keys).size).toBe(10_000);
    expect(keys.at(-1)).toBe('events/2026/11/event-09999.json');
    expect(h.prompts.map((prompt) => prompt.profile)).toEqual(['prod-read-only-mfa', 'prod-read-only-mfa']);
    expect(h.stsCalls).toEqual(['GetSessionToken', 'AssumeRole', 'GetSessionToken', 'AssumeRole']);
  });

  it('answers Expired outside a listing, and works again once the session is renewed in place', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    h.t.clock.advance(3601);
    const object = { profile: 'prod-read-only', bucket: APP, key: 'README.txt' };
    expect((await failure(h.services.s3.head(object))).info).toEqual({
      kind: 'Expired',
      message: 'The session for prod-read-only has expired; renew it to keep browsing.',
      profile: 'prod-read-only',
    });
    await h.services.handlers['sessions:renew']({ profile: 'prod-read-only' });
    expect(await h.services.s3.head(object)).toMatchObject({ key: 'README.txt', size: 88 });
  });
});

describe('object details and previews', () => {
  it('gives HeadObject metadata: type, ETag, version, encryption, user metadata, URI and ARN', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    expect(await h.services.s3.head({ profile: 'prod-read-only', bucket: APP, key: 'README.txt' })).toEqual({
      bucket: APP,
      key: 'README.txt',
      size: 88,
      lastModified: Date.parse('2026-11-02T10:15:00.000Z'),
      contentType: 'text/plain; charset=utf-8',
      etag: expect.stringMatching(/^[0-9a-f]{32}$/),
      versionId: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      storageClass: 'STANDARD',
      serverSideEncryption: 'AES256',
      metadata: { owner: 'platform-team' },
      s3Uri: 's3://acme-prod-app-data/README.txt',
      arn: 'arn:aws:s3:::acme-prod-app-data/README.txt',
    });
    const archived = await h.services.s3.head({
      profile: 'prod-read-only',
      bucket: APP,
      key: 'archive/2019/backup.tar.gz',
    });
    expect(archived).toMatchObject({ storageClass: 'GLACIER', size: 4096, contentType: 'application/gzip' });
  });

  it('previews at most the first MiB with a Range request and says it is truncated', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const preview = await h.services.s3.preview({
      profile: 'prod-read-only',
      bucket: APP,
      key: 'exports/full-dump-2026-11.log',
    });
    expect(preview).toMatchObject({ kind: 'text', truncated: true, bytesRead: MiB, size: 6 * MiB });
    expect(
      preview.text!.startsWith('00000001 2026-11-01T00:00:00Z INFO checkout request served in 1 ms\n'),
    ).toBe(true);
    expect(Buffer.byteLength(preview.text!)).toBe(MiB);
    expect(h.s3Requests).toEqual([expect.stringMatching(/^206 GET \/acme-prod-app-data\/exports\//)]);
  });

  it('pretty-prints JSON, keeps CSV as text, shows a PNG, and explains what it cannot show', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const preview = (key: string) => h.services.s3.preview({ profile: 'prod-read-only', bucket: APP, key });
    const json = await preview('config/feature-flags.json');
    expect(json).toMatchObject({ kind: 'json', truncated: false, contentType: 'application/json' });
    expect(json.text).toBe(
      JSON.stringify({ 'express-pay': true, 'gift-cards': false, rollout: { percent: 25 } }, null, 2),
    );
    expect(await preview('reports/2026/q3/revenue.csv')).toMatchObject({
      kind: 'csv',
      text: expect.stringMatching(/^month,region,revenue_usd\n2026-07,us-east,1204331.20\n/),
    });
    const png = await preview('images/logo.png');
    expect(png).toMatchObject({ kind: 'image', truncated: false, contentType: 'image/png' });
    expect(png.imageDataUrl).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(png.bytesRead).toBe(png.size);
    expect(await preview('empty/zero-byte.bin')).toEqual({
      kind: 'text',
      text: '',
      truncated: false,
      bytesRead: 0,
      size: 0,
      contentType: 'application/octet-stream',
    });
    expect(await preview('archive/2019/backup.tar.gz')).toEqual({
      kind: 'unsupported',
      truncated: false,
      bytesRead: 0,
      size: 4096,
      contentType: 'application/gzip',
      reason:
        's3://acme-prod-app-data/archive/2019/backup.tar.gz is archived in GLACIER; it must be restored before it can be read.',
    });
  });
});

describe('downloads', () => {
  it('streams one object to the chosen file, with progress, and leaves no part file behind', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const key = 'exports/full-dump-2026-11.log';
    const events = await download(h, { profile: 'prod-read-only', bucket: APP, key }).finished;
    expect(h.asked).toEqual([
      { kind: 'file', profile: 'prod-read-only', bucket: APP, key, suggestedName: 'full-dump-2026-11.log' },
    ]);
    const last = events.at(-1)!;
    const path = join(h.dir, 'full-dump-2026-11.log');
    expect(last).toEqual({
      downloadId: expect.any(String),
      bytes: 6 * MiB,
      total: 6 * MiB,
      files: 1,
      totalFiles: 1,
      done: true,
      destination: path,
    });
    expect(events[0]).toMatchObject({ bytes: 0, total: 6 * MiB, done: false });
    const bytes = await readFile(path);
    const head = await h.services.s3.head({ profile: 'prod-read-only', bucket: APP, key });
    expect(md5(bytes)).toBe(head.etag);
    expect(await readdir(h.dir)).toEqual(['full-dump-2026-11.log']);
  });

  it('downloads a folder with its relative paths, naming what S3 would not hand over', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const reports = await download(h, { profile: 'prod-read-only', bucket: APP, prefix: 'reports/' })
      .finished;
    expect(h.asked[0]).toEqual({
      kind: 'folder',
      profile: 'prod-read-only',
      bucket: APP,
      prefix: 'reports/',
      suggestedName: 'reports',
    });
    expect(reports.at(-1)).toMatchObject({
      done: true,
      files: 2,
      totalFiles: 2,
      destination: join(h.dir, 'reports'),
    });
    expect(await tree(join(h.dir, 'reports'))).toEqual([
      '2026/',
      '2026/q3/',
      '2026/q3/revenue.csv',
      '2026/q3/summary.txt',
      '2026/q4/',
    ]);
    // The same folder again goes into a new folder beside it, never over it.
    const again = await download(h, { profile: 'prod-read-only', bucket: APP, prefix: 'reports/' }).finished;
    expect(again.at(-1)!.destination).toBe(join(h.dir, 'reports (2)'));

    const whole = await download(h, { profile: 'prod-read-only', bucket: APP, prefix: '' }).finished;
    const last = whole.at(-1)!;
    expect(last).toMatchObject({ done: true, files: 10, totalFiles: 12, destination: join(h.dir, APP) });
    expect(last.error).toEqual({
      kind: 'Validation',
      message: `Saved 10 of 12 files to ${join(h.dir, APP)}. Not saved: archive/2019/backup.tar.gz (archived; restore it first), restricted/payroll.csv (access denied).`,
      profile: 'prod-read-only',
      awsCode: 'InvalidObjectState',
      awsMessage: expect.any(String),
    });
    expect(await readFile(join(h.dir, APP, 'docs/naïve café/menu 🍕.txt'), 'utf8')).toBe(
      'Unicode folders and an emoji in the key.\n',
    );
    expect((await stat(join(h.dir, APP, 'empty/zero-byte.bin'))).size).toBe(0);
    expect((await tree(join(h.dir, APP))).filter((path) => path.includes('roletray-part'))).toEqual([]);
  });

  it('refuses a folder whose keys would leave it, before writing anything', async () => {
    const h = await start();
    await h.t
      .s3(h.t.userKeys('Tyler-Dev'))
      .send(new PutObjectCommand({ Bucket: SCRATCH, Key: 'evil/../../escape.txt', Body: 'x' }));
    const events = await download(h, { profile: 'dev', bucket: SCRATCH, prefix: 'evil/' }).finished;
    expect(events.at(-1)).toMatchObject({
      done: true,
      error: {
        kind: 'Validation',
        message:
          'RoleTray will not save the key "evil/../../escape.txt" because it has a ".." path segment; nothing was downloaded.',
      },
    });
    expect(await readdir(h.dir)).toEqual([]);
  });

  it('cancels: the transfer stops and nothing of it stays', async () => {
    const h = await start();
    await h.manager.assume('prod-read-only');
    const key = 'exports/full-dump-2026-11.log';
    const started = download(h, { profile: 'prod-read-only', bucket: APP, key });
    const stop = h.services.hub.subscribe((event, payload) => {
      if (event === 's3:download' && !(payload as DownloadProgress).done)
        h.services.s3.cancelDownload(started.downloadId);
    });
    const events = await started.finished;
    stop();
    expect(events.at(-1)).toMatchObject({ done: true, cancelled: true });
    expect(events.at(-1)!.bytes).toBeLessThan(6 * MiB);
    expect(await readdir(h.dir)).toEqual([]);

    const folder = download(h, { profile: 'prod-read-only', bucket: APP, prefix: '' });
    const stopFolder = h.services.hub.subscribe((event, payload) => {
      if (event === 's3:download' && (payload as DownloadProgress).totalFiles > 0) {
        h.services.s3.cancelDownload(folder.downloadId);
      }
    });
    expect((await folder.finished).at(-1)).toMatchObject({ done: true, cancelled: true });
    stopFolder();
    expect(await readdir(h.dir)).toEqual([]);
  });

  it('reports a declined dialog as cancelled, and an expired session before asking', async () => {
    const h = await start({ choose: () => undefined });
    await h.manager.assume('prod-read-only');
    const events = await download(h, { profile: 'prod-read-only', bucket: APP, key: 'README.txt' }).finished;
    expect(events).toEqual([
      {
        downloadId: expect.any(String),
        bytes: 0,
        total: 0,
        files: 0,
        totalFiles: 0,
        done: true,
        cancelled: true,
      },
    ]);
    h.t.clock.advance(3601);
    const expired = await failure(
      h.services.s3.download({
        profile: 'prod-read-only',
        bucket: APP,
        key: 'README.txt',
        downloadId: 'late',
      }),
    );
    expect(expired.kind).toBe('Expired');
    expect(h.asked).toHaveLength(1);
  });
});

describe('presigned URLs', () => {
  it("clamps the lifetime to the session's and says so; the URL works, also for the EU bucket", async () => {
    const h = await start();
    const session = await h.manager.assume('prod-read-only');
    const now = h.t.clock.now();
    const presigned = await h.services.s3.presign({
      profile: 'prod-read-only',
      bucket: APP,
      key: 'config/app.json',
      expiresInSeconds: 12 * 3600,
    });
    const left = Math.floor((session.expiresAt - now) / 1000);
    expect(presigned.expiresAt).toBeGreaterThanOrEqual(session.expiresAt - 2000);
    expect(presigned.expiresAt).toBeLessThanOrEqual(session.expiresAt);
    expect(presigned.note).toMatch(
      /^The session for prod-read-only ends in 59 min, so the link works for that long rather than 12 h\.$/,
    );
    const url = new URL(presigned.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(left);
    expect((await (await fetch(url)).json()) as object).toMatchObject({ service: 'checkout' });

    const short = await h.services.s3.presign({
      profile: 'prod-read-only',
      bucket: EU,
      key: 'gdpr/retention-policy.txt',
      expiresInSeconds: 300,
    });
    expect(short.note).toBeUndefined();
    expect(new URL(short.url).searchParams.get('X-Amz-Credential')).toContain('/eu-west-1/s3/aws4_request');
    expect(await (await fetch(short.url)).text()).toContain('eu-west-1');
  });
});
