import { createHash, randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
  UploadPartCommand,
  type ListObjectsV2CommandInput,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity } from '@smithy/types';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromStsCredentials,
  PROD,
  READ_ONLY_ROLE,
  startTestSandbox,
  type TestSandbox,
} from '../../test-support/sandbox';

// S3 against a running sandbox through the unmodified SDK v3 clients (plus presigned URLs, hand-signed
// requests and raw sockets where the SDK would not send what we need): listings, reads, the read-only
// role's refusals, region redirects, virtual-hosted addressing and every error in S3's XML form.

const APP = 'acme-prod-app-data';
const LOGS = 'acme-prod-event-logs';
const EU = 'acme-prod-eu-archive';
const SCRATCH = 'acme-dev-scratch';
const SESSION = 's3-tests';
const SESSION_ARN = `arn:aws:sts::${PROD}:assumed-role/DevReadOnly-CrossAccount/${SESSION}`;
const README = 'acme production application data.\nOwned by the platform team; read-only for developers.\n';
const MiB = 1024 * 1024;

let t: TestSandbox;
let tyler: AwsCredentialIdentity;
let sam: AwsCredentialIdentity;
/** The Prod read-only role, assumed with Tyler-Dev's keys. */
let prod: AwsCredentialIdentity;

async function assumeProd(
  sandbox: TestSandbox,
  sessionName = SESSION,
  durationSeconds?: number,
): Promise<AwsCredentialIdentity> {
  const assumed = await sandbox.sts(sandbox.userKeys('Tyler-Dev')).send(
    new AssumeRoleCommand({
      RoleArn: READ_ONLY_ROLE,
      RoleSessionName: sessionName,
      ...(durationSeconds === undefined ? {} : { DurationSeconds: durationSeconds }),
    }),
  );
  return fromStsCredentials(assumed.Credentials);
}

beforeAll(async () => {
  t = await startTestSandbox();
  tyler = t.userKeys('Tyler-Dev');
  sam = t.userKeys('Sam-Contractor');
  prod = await assumeProd(t);
});
afterAll(() => t.stop());

/** The S3 error a call fails with. */
async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function expectError(
  promise: Promise<unknown>,
  name: string,
  status: number,
  message?: string | RegExp,
): Promise<S3ServiceException> {
  const error = await failure(promise);
  expect({ name: error.name, status: error.$metadata.httpStatusCode }).toEqual({ name, status });
  expect(error.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
  // The body's own RequestId, which the SDK copies onto the error: the XML had Code, Message and RequestId.
  expect((error as { RequestId?: string }).RequestId).toBe(error.$metadata.requestId);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

const xmlParser = new XMLParser({ parseTagValue: false });

/** Parses an S3 error body, checking it is the XML S3 sends: Code, Message and RequestId at least. */
function errorXml(text: string, response?: Response): Record<string, string> {
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Error>')).toBe(true);
  const parsed = xmlParser.parse(text) as { Error?: Record<string, string> };
  const error = parsed.Error;
  if (!error) throw new Error(`not an S3 error body: ${text}`);
  expect(error.Code).toEqual(expect.any(String));
  expect(error.Message).toEqual(expect.any(String));
  expect(error.RequestId).toMatch(/^[0-9A-F]{16}$/);
  if (response) {
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(response.headers.get('x-amz-request-id')).toBe(error.RequestId);
  }
  return error;
}

async function fetchError(response: Response): Promise<Record<string, string>> {
  return errorXml(await response.text(), response);
}

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');

async function bodyText(client: S3Client, bucket: string, key: string): Promise<string> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString();
}

/** Sends raw bytes over a socket and returns whatever the server answers before it closes. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error) => (received ? resolve(received) : reject(error)));
    socket.on('close', () => resolve(received));
    socket.write(request);
  });
}

/** Every key (and common prefix) of a ListObjectsV2 walk, following continuation tokens by hand. */
async function walkV2(client: S3Client, input: ListObjectsV2CommandInput) {
  const entries: string[] = [];
  let token: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await client.send(
      new ListObjectsV2Command({ ...input, ...(token ? { ContinuationToken: token } : {}) }),
    );
    pages++;
    expect(page.ContinuationToken).toBe(token);
    const keys = (page.Contents ?? []).map((object) => object.Key!);
    const prefixes = (page.CommonPrefixes ?? []).map((common) => common.Prefix!);
    expect(page.KeyCount).toBe(keys.length + prefixes.length);
    if (input.MaxKeys !== undefined) expect(page.KeyCount).toBeLessThanOrEqual(input.MaxKeys);
    entries.push(...keys, ...prefixes);
    if (!page.IsTruncated) {
      expect(page.NextContinuationToken).toBeUndefined();
      return { entries, pages };
    }
    expect(page.NextContinuationToken).toEqual(expect.any(String));
    token = page.NextContinuationToken;
    if (pages > 1000) throw new Error('listing did not end');
  }
}

describe('ListBuckets', () => {
  it("lists only the caller's own account's buckets, without BucketRegion when no parameter is used", async () => {
    const prodBuckets = await t.s3(prod).send(new ListBucketsCommand({}));
    expect(prodBuckets.Buckets?.map((bucket) => bucket.Name)).toEqual([APP, EU, LOGS]);
    expect(prodBuckets.Buckets?.map((bucket) => bucket.BucketRegion)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(prodBuckets.Buckets?.[0]?.CreationDate).toEqual(new Date('2024-03-14T09:26:53.000Z'));
    expect(prodBuckets.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);

    const devBuckets = await t.s3(tyler).send(new ListBucketsCommand({}));
    expect(devBuckets.Buckets?.map((bucket) => bucket.Name)).toEqual([SCRATCH]);
    expect(devBuckets.Owner?.ID).not.toBe(prodBuckets.Owner?.ID);
  });

  it('adds BucketRegion when MaxBuckets is given, and pages with a continuation token', async () => {
    const all = await t.s3(prod).send(new ListBucketsCommand({ MaxBuckets: 10 }));
    expect(Object.fromEntries(all.Buckets!.map((bucket) => [bucket.Name, bucket.BucketRegion]))).toEqual({
      [APP]: 'us-east-1',
      [EU]: 'eu-west-1',
      [LOGS]: 'us-east-1',
    });
    expect(all.ContinuationToken).toBeUndefined();

    const first = await t.s3(prod).send(new ListBucketsCommand({ MaxBuckets: 2 }));
    expect(first.Buckets?.map((bucket) => bucket.Name)).toEqual([APP, EU]);
    expect(first.ContinuationToken).toEqual(expect.any(String));
    const second = await t
      .s3(prod)
      .send(new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    expect(second.Buckets?.map((bucket) => bucket.Name)).toEqual([LOGS]);
    expect(second.ContinuationToken).toBeUndefined();
  });

  it('refuses Sam-Contractor, who has no S3 permissions', async () => {
    await expectError(
      t.s3(sam).send(new ListBucketsCommand({})),
      'AccessDenied',
      403,
      'User: arn:aws:iam::210987654321:user/Sam-Contractor is not authorized to perform: s3:ListAllMyBuckets on resource: "*" because no identity-based policy allows the s3:ListAllMyBuckets action',
    );
  });
});

describe('HeadBucket and GetBucketLocation', () => {
  it("answers HeadBucket with 200 and the bucket's region", async () => {
    const head = await t.s3(prod).send(new HeadBucketCommand({ Bucket: APP }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    expect(head.BucketRegion).toBe('us-east-1');
    const eu = await t.s3(prod, { region: 'eu-west-1' }).send(new HeadBucketCommand({ Bucket: EU }));
    expect(eu.BucketRegion).toBe('eu-west-1');
    // HEAD errors have no body: the SDK can only name them from the status.
    const missing = await failure(t.s3(prod).send(new HeadBucketCommand({ Bucket: 'acme-prod-missing' })));
    expect({ name: missing.name, status: missing.$metadata.httpStatusCode }).toEqual({
      name: 'NotFound',
      status: 404,
    });
  });

  it('gives no LocationConstraint for us-east-1 and the region otherwise, whatever region signed it', async () => {
    const east = await t.s3(prod).send(new GetBucketLocationCommand({ Bucket: APP }));
    expect(east.LocationConstraint ?? null).toBeNull();
    const eu = await t.s3(prod).send(new GetBucketLocationCommand({ Bucket: EU }));
    expect(eu.LocationConstraint).toBe('eu-west-1');
    const eastFromEu = await t
      .s3(prod, { region: 'eu-west-1' })
      .send(new GetBucketLocationCommand({ Bucket: APP }));
    expect(eastFromEu.LocationConstraint ?? null).toBeNull();
    const euFromWest = await t
      .s3(prod, { region: 'us-west-2' })
      .send(new GetBucketLocationCommand({ Bucket: EU }));
    expect(euFromWest.LocationConstraint).toBe('eu-west-1');
  });
});

describe('ListObjectsV2 and ListObjects', () => {
  it('shows folders as common prefixes and root files as contents with a / delimiter', async () => {
    const root = await t.s3(prod).send(new ListObjectsV2Command({ Bucket: APP, Delimiter: '/' }));
    expect(root.CommonPrefixes?.map((common) => common.Prefix)).toEqual([
      'archive/',
      'config/',
      'docs/',
      'empty/',
      'exports/',
      'images/',
      'reports/',
      'restricted/',
    ]);
    expect(root.Contents?.map((object) => object.Key)).toEqual(['README.txt']);
    const readme = root.Contents![0]!;
    expect(readme.Size).toBe(Buffer.byteLength(README));
    expect(readme.ETag).toBe(`"${md5(Buffer.from(README))}"`);
    expect(readme.StorageClass).toBe('STANDARD');
    expect(readme.Owner).toBeUndefined();
    expect(root).toMatchObject({ Name: APP, Prefix: '', Delimiter: '/', KeyCount: 9, MaxKeys: 1000 });
    expect(root.IsTruncated).toBe(false);
  });

  it('walks nested prefixes down to the empty folder marker reports/2026/q4/', async () => {
    const client = t.s3(prod);
    const list = (Prefix: string) =>
      client.send(new ListObjectsV2Command({ Bucket: APP, Prefix, Delimiter: '/' }));
    const reports = await list('reports/');
    expect(reports.CommonPrefixes?.map((common) => common.Prefix)).toEqual(['reports/2026/']);
    expect(reports.Contents).toBeUndefined();
    const year = await list('reports/2026/');
    expect(year.CommonPrefixes?.map((common) => common.Prefix)).toEqual([
      'reports/2026/q3/',
      'reports/2026/q4/',
    ]);
    const q3 = await list('reports/2026/q3/');
    expect(q3.Contents?.map((object) => object.Key)).toEqual([
      'reports/2026/q3/revenue.csv',
      'reports/2026/q3/summary.txt',
    ]);
    const q4 = await list('reports/2026/q4/');
    expect(q4.Contents?.map((object) => [object.Key, object.Size])).toEqual([['reports/2026/q4/', 0]]);
    expect(q4.CommonPrefixes).toBeUndefined();
    const marker = await client.send(new HeadObjectCommand({ Bucket: APP, Key: 'reports/2026/q4/' }));
    expect(marker.ContentType).toBe('application/x-directory');
    expect(marker.ContentLength).toBe(0);
  });

  it('lists and fetches keys with spaces, an en dash, accents and an emoji', async () => {
    const client = t.s3(prod);
    const docs = await client.send(
      new ListObjectsV2Command({ Bucket: APP, Prefix: 'docs/', Delimiter: '/' }),
    );
    expect(docs.Contents?.map((object) => object.Key)).toEqual(['docs/Quarterly Report – Q3.txt']);
    expect(docs.CommonPrefixes?.map((common) => common.Prefix)).toEqual(['docs/naïve café/']);
    const cafe = await client.send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'docs/naïve café/' }));
    expect(cafe.Contents?.map((object) => object.Key)).toEqual(['docs/naïve café/menu 🍕.txt']);
    expect(await bodyText(client, APP, 'docs/Quarterly Report – Q3.txt')).toBe(
      'A key with spaces and an en dash.\n',
    );
    expect(await bodyText(client, APP, 'docs/naïve café/menu 🍕.txt')).toBe(
      'Unicode folders and an emoji in the key.\n',
    );
  });

  it("URL-encodes keys with EncodingType 'url' and echoes the encoding type", async () => {
    const encoded = await t
      .s3(prod)
      .send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'docs/na', EncodingType: 'url' }));
    expect(encoded.EncodingType).toBe('url');
    expect(encoded.Contents?.map((object) => object.Key)).toEqual([
      'docs/na%C3%AFve+caf%C3%A9/menu+%F0%9F%8D%95.txt',
    ]);
    const all = await t
      .s3(prod)
      .send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'docs/', EncodingType: 'url' }));
    const keys = all.Contents!.map((object) => object.Key!);
    expect(keys).toEqual([
      'docs/Quarterly+Report+%E2%80%93+Q3.txt',
      'docs/na%C3%AFve+caf%C3%A9/menu+%F0%9F%8D%95.txt',
    ]);
    // SDK v3 does not decode: the caller does, '+' being a space.
    expect(keys.map((key) => decodeURIComponent(key.replace(/\+/g, ' ')))).toEqual([
      'docs/Quarterly Report – Q3.txt',
      'docs/naïve café/menu 🍕.txt',
    ]);
    const plain = await t.s3(prod).send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'docs/' }));
    expect(plain.EncodingType).toBeUndefined();
  });

  it('starts after StartAfter and echoes it', async () => {
    const page = await t
      .s3(prod)
      .send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'config/', StartAfter: 'config/app.json' }));
    expect(page.StartAfter).toBe('config/app.json');
    expect(page.Contents?.map((object) => object.Key)).toEqual(['config/feature-flags.json']);
    const beforePrefix = await t
      .s3(prod)
      .send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'config/', StartAfter: 'a' }));
    expect(beforePrefix.KeyCount).toBe(2);
  });

  it('pages with MaxKeys 2 and continuation tokens without gaps or repeats', async () => {
    const client = t.s3(prod);
    const full = await client.send(new ListObjectsV2Command({ Bucket: APP }));
    const fullKeys = full.Contents!.map((object) => object.Key!);
    expect(fullKeys).toHaveLength(13);
    const walked = await walkV2(client, { Bucket: APP, MaxKeys: 2 });
    expect(walked.entries).toEqual(fullKeys);
    expect(walked.pages).toBe(7);

    const prefix = 'events/2026/11/event-001';
    const logsFull = await client.send(new ListObjectsV2Command({ Bucket: LOGS, Prefix: prefix }));
    expect(logsFull.KeyCount).toBe(100);
    const logsWalked = await walkV2(client, { Bucket: LOGS, Prefix: prefix, MaxKeys: 2 });
    expect(logsWalked.entries).toEqual(logsFull.Contents!.map((object) => object.Key));
    expect(new Set(logsWalked.entries).size).toBe(100);
    expect(logsWalked.pages).toBe(50);
  });

  it('caps MaxKeys above 1000 at 1000', async () => {
    const page = await t
      .s3(prod)
      .send(new ListObjectsV2Command({ Bucket: LOGS, Prefix: 'events/', MaxKeys: 5000 }));
    expect(page.MaxKeys).toBe(1000);
    expect(page.KeyCount).toBe(1000);
    expect(page.Contents).toHaveLength(1000);
    expect(page.IsTruncated).toBe(true);
  });

  it('paginates the 100,000-key prefix in 100 pages of sorted, distinct keys', async () => {
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2(
      { client: t.s3(prod) },
      { Bucket: LOGS, Prefix: 'events/2026/11/' },
    )) {
      pages++;
      expect(page.KeyCount).toBe(1000);
      for (const object of page.Contents ?? []) keys.push(object.Key!);
    }
    expect(pages).toBe(100);
    expect(keys).toHaveLength(100_000);
    expect(new Set(keys).size).toBe(100_000);
    expect(keys[0]).toBe('events/2026/11/event-00000.json');
    expect(keys[99_999]).toBe('events/2026/11/event-99999.json');
    const unsorted = keys.findIndex((key, i) => i > 0 && keys[i - 1]! >= key);
    expect(unsorted).toBe(-1);
  }, 60_000);

  it('counts common prefixes towards MaxKeys in a delimited listing', async () => {
    const client = t.s3(prod);
    const first = await client.send(new ListObjectsV2Command({ Bucket: APP, Delimiter: '/', MaxKeys: 3 }));
    expect(first.Contents?.map((object) => object.Key)).toEqual(['README.txt']);
    expect(first.CommonPrefixes?.map((common) => common.Prefix)).toEqual(['archive/', 'config/']);
    expect(first.KeyCount).toBe(3);
    expect(first.IsTruncated).toBe(true);
    const walked = await walkV2(client, { Bucket: APP, Delimiter: '/', MaxKeys: 3 });
    expect(walked.pages).toBe(3);
    expect(walked.entries.sort()).toEqual(
      [
        'README.txt',
        'archive/',
        'config/',
        'docs/',
        'empty/',
        'exports/',
        'images/',
        'reports/',
        'restricted/',
      ].sort(),
    );
  });

  it('pages ListObjects (v1) with Marker, and gives NextMarker only with a delimiter', async () => {
    const client = t.s3(prod);
    const afterApp = await client.send(
      new ListObjectsCommand({ Bucket: APP, Prefix: 'config/', Marker: 'config/app.json' }),
    );
    expect(afterApp.Marker).toBe('config/app.json');
    expect(afterApp.Contents?.map((object) => object.Key)).toEqual(['config/feature-flags.json']);
    expect(afterApp.Contents?.[0]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/); // v1 always names the owner

    const full = await client.send(new ListObjectsV2Command({ Bucket: APP }));
    const keys: string[] = [];
    let marker: string | undefined;
    for (let pages = 0; ; pages++) {
      const page = await client.send(
        new ListObjectsCommand({ Bucket: APP, MaxKeys: 5, ...(marker ? { Marker: marker } : {}) }),
      );
      expect(page.NextMarker).toBeUndefined();
      keys.push(...page.Contents!.map((object) => object.Key!));
      if (!page.IsTruncated) break;
      marker = keys[keys.length - 1];
      if (pages > 10) throw new Error('listing did not end');
    }
    expect(keys).toEqual(full.Contents!.map((object) => object.Key));

    const delimited = await client.send(new ListObjectsCommand({ Bucket: APP, Delimiter: '/', MaxKeys: 2 }));
    expect(delimited.IsTruncated).toBe(true);
    expect(delimited.NextMarker).toBe('archive/');
    const next = await client.send(
      new ListObjectsCommand({ Bucket: APP, Delimiter: '/', MaxKeys: 2, Marker: delimited.NextMarker }),
    );
    expect(next.CommonPrefixes?.map((common) => common.Prefix)).toEqual(['config/', 'docs/']);
  });
});

describe('GetObject and HeadObject', () => {
  it('returns text and JSON bodies with their content types', async () => {
    const client = t.s3(prod);
    const readme = await client.send(new GetObjectCommand({ Bucket: APP, Key: 'README.txt' }));
    expect(readme.ContentType).toBe('text/plain; charset=utf-8');
    expect(readme.ContentLength).toBe(Buffer.byteLength(README));
    expect(await readme.Body!.transformToString()).toBe(README);
    const app = await client.send(new GetObjectCommand({ Bucket: APP, Key: 'config/app.json' }));
    expect(app.ContentType).toBe('application/json');
    expect(JSON.parse(await app.Body!.transformToString())).toMatchObject({
      service: 'checkout',
      replicas: 6,
      database: { engine: 'postgres' },
    });
  });

  it('returns a PNG with its magic bytes and a zero-byte object', async () => {
    const client = t.s3(prod);
    const png = await client.send(new GetObjectCommand({ Bucket: APP, Key: 'images/logo.png' }));
    expect(png.ContentType).toBe('image/png');
    const bytes = await png.Body!.transformToByteArray();
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.ContentLength).toBe(bytes.length);
    const empty = await client.send(new GetObjectCommand({ Bucket: APP, Key: 'empty/zero-byte.bin' }));
    expect(empty.ContentLength).toBe(0);
    expect(empty.ETag).toBe('"d41d8cd98f00b204e9800998ecf8427e"');
    expect((await empty.Body!.transformToByteArray()).length).toBe(0);
  });

  it('streams the object over 5 MiB in full, its MD5 equal to its ETag', async () => {
    const big = await t
      .s3(prod)
      .send(new GetObjectCommand({ Bucket: APP, Key: 'exports/full-dump-2026-11.log' }));
    const bytes = await big.Body!.transformToByteArray();
    expect(bytes.length).toBeGreaterThan(5 * MiB);
    expect(big.ContentLength).toBe(bytes.length);
    expect(big.ETag).toBe(`"${md5(bytes)}"`);
    expect(big.StorageClass).toBe('STANDARD_IA');
  });

  it('serves byte ranges with 206 and Content-Range, and refuses an unsatisfiable one', async () => {
    const client = t.s3(prod);
    const full = Buffer.from(README);
    const range = async (Range: string) => {
      const part = await client.send(new GetObjectCommand({ Bucket: APP, Key: 'README.txt', Range }));
      return {
        status: part.$metadata.httpStatusCode,
        contentRange: part.ContentRange,
        length: part.ContentLength,
        body: await part.Body!.transformToString(),
      };
    };
    expect(await range('bytes=0-9')).toEqual({
      status: 206,
      contentRange: `bytes 0-9/${full.length}`,
      length: 10,
      body: full.subarray(0, 10).toString(),
    });
    expect(await range('bytes=-5')).toEqual({
      status: 206,
      contentRange: `bytes ${full.length - 5}-${full.length - 1}/${full.length}`,
      length: 5,
      body: full.subarray(-5).toString(),
    });
    expect(await range('bytes=10-')).toEqual({
      status: 206,
      contentRange: `bytes 10-${full.length - 1}/${full.length}`,
      length: full.length - 10,
      body: full.subarray(10).toString(),
    });
    const error = await expectError(
      client.send(new GetObjectCommand({ Bucket: APP, Key: 'README.txt', Range: 'bytes=5000-' })),
      'InvalidRange',
      416,
      'The requested range is not satisfiable',
    );
    expect(error).toMatchObject({ RangeRequested: 'bytes=5000-', ActualObjectSize: String(full.length) });
  });

  it('honours If-None-Match, If-Match, If-Modified-Since and If-Unmodified-Since', async () => {
    const client = t.s3(prod);
    const get = (conditions: Partial<ConstructorParameters<typeof GetObjectCommand>[0]>) =>
      client.send(new GetObjectCommand({ Bucket: APP, Key: 'README.txt', ...conditions }));
    const { ETag: etag, LastModified: lastModified } = await client.send(
      new HeadObjectCommand({ Bucket: APP, Key: 'README.txt' }),
    );
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const notModified = await failure(get({ IfNoneMatch: etag }));
    expect(notModified.$metadata.httpStatusCode).toBe(304);
    const stale = await get({ IfNoneMatch: '"0123456789abcdef0123456789abcdef"' });
    expect(stale.$metadata.httpStatusCode).toBe(200);

    const matched = await get({ IfMatch: etag });
    expect(await matched.Body!.transformToString()).toBe(README);
    const mismatch = await expectError(
      get({ IfMatch: '"0123456789abcdef0123456789abcdef"' }),
      'PreconditionFailed',
      412,
      'At least one of the pre-conditions you specified did not hold',
    );
    expect(mismatch).toMatchObject({ Condition: 'If-Match' });

    const future = new Date(t.clock.now() + 24 * 3600 * 1000);
    const notModifiedSince = await failure(get({ IfModifiedSince: future }));
    expect(notModifiedSince.$metadata.httpStatusCode).toBe(304);
    const modifiedSince = await get({ IfModifiedSince: new Date('2000-01-01T00:00:00Z') });
    expect(modifiedSince.$metadata.httpStatusCode).toBe(200);

    const unmodified = await expectError(
      get({ IfUnmodifiedSince: new Date('2000-01-01T00:00:00Z') }),
      'PreconditionFailed',
      412,
    );
    expect(unmodified).toMatchObject({ Condition: 'If-Unmodified-Since' });
    const stillUnmodified = await get({ IfUnmodifiedSince: lastModified });
    expect(stillUnmodified.$metadata.httpStatusCode).toBe(200);
  });

  it('reports metadata in HeadObject: type, ETag, version, encryption, user metadata, storage class', async () => {
    const client = t.s3(prod);
    const readme = await client.send(new HeadObjectCommand({ Bucket: APP, Key: 'README.txt' }));
    expect(readme).toMatchObject({
      ContentType: 'text/plain; charset=utf-8',
      ContentLength: Buffer.byteLength(README),
      ETag: `"${md5(Buffer.from(README))}"`,
      ServerSideEncryption: 'AES256',
      Metadata: { owner: 'platform-team' },
      AcceptRanges: 'bytes',
    });
    expect(readme.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readme.StorageClass).toBeUndefined(); // S3 omits the header for STANDARD
    expect(readme.LastModified).toEqual(new Date('2026-11-02T10:15:00.000Z'));

    const infrequent = await client.send(
      new HeadObjectCommand({ Bucket: APP, Key: 'exports/full-dump-2026-11.log' }),
    );
    expect(infrequent.StorageClass).toBe('STANDARD_IA');
    expect(infrequent.ContentLength).toBe(6 * MiB);

    const unversioned = await client.send(new HeadObjectCommand({ Bucket: LOGS, Key: 'README.md' }));
    expect(unversioned.VersionId).toBeUndefined();
    expect(unversioned.Metadata).toEqual({});

    const byVersion = await client.send(
      new GetObjectCommand({ Bucket: APP, Key: 'README.txt', VersionId: readme.VersionId }),
    );
    expect(byVersion.VersionId).toBe(readme.VersionId);
    await expectError(
      client.send(new GetObjectCommand({ Bucket: APP, Key: 'README.txt', VersionId: 'not-a-version' })),
      'NoSuchVersion',
      404,
      'The specified version does not exist.',
    );
  });

  it('refuses to read a GLACIER object but still describes it', async () => {
    const client = t.s3(prod);
    const key = 'archive/2019/backup.tar.gz';
    const error = await expectError(
      client.send(new GetObjectCommand({ Bucket: APP, Key: key })),
      'InvalidObjectState',
      403,
      "The operation is not valid for the object's storage class",
    );
    expect(error).toMatchObject({ StorageClass: 'GLACIER' });
    const head = await client.send(new HeadObjectCommand({ Bucket: APP, Key: key }));
    expect(head.StorageClass).toBe('GLACIER');
  });

  it('answers NoSuchKey for a missing key to a caller with s3:ListBucket, and NoSuchBucket', async () => {
    const client = t.s3(prod);
    const missing = await expectError(
      client.send(new GetObjectCommand({ Bucket: APP, Key: 'config/missing.json' })),
      'NoSuchKey',
      404,
      'The specified key does not exist.',
    );
    expect(missing).toMatchObject({ Key: 'config/missing.json' });
    const head = await failure(
      client.send(new HeadObjectCommand({ Bucket: APP, Key: 'config/missing.json' })),
    );
    expect({ name: head.name, status: head.$metadata.httpStatusCode }).toEqual({
      name: 'NotFound',
      status: 404,
    });
    const noBucket = await expectError(
      client.send(new GetObjectCommand({ Bucket: 'acme-prod-missing', Key: 'README.txt' })),
      'NoSuchBucket',
      404,
      'The specified bucket does not exist',
    );
    expect(noBucket).toMatchObject({ BucketName: 'acme-prod-missing' });
  });
});

describe('writes', () => {
  const denied = (action: string, resource: string) =>
    `User: ${SESSION_ARN} is not authorized to perform: ${action} on resource: "${resource}" because no identity-based policy allows the ${action} action`;

  it('refuses PutObject to the read-only role, and nothing is stored', async () => {
    const client = t.s3(prod);
    const key = 'uploads/from-read-only.txt';
    await expectError(
      client.send(new PutObjectCommand({ Bucket: APP, Key: key, Body: 'should not land' })),
      'AccessDenied',
      403,
      denied('s3:PutObject', `arn:aws:s3:::${APP}/${key}`),
    );
    const head = await failure(client.send(new HeadObjectCommand({ Bucket: APP, Key: key })));
    expect(head.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses DeleteObject, CreateBucket and CreateMultipartUpload to the read-only role', async () => {
    const client = t.s3(prod);
    await expectError(
      client.send(new DeleteObjectCommand({ Bucket: APP, Key: 'README.txt' })),
      'AccessDenied',
      403,
      denied('s3:DeleteObject', `arn:aws:s3:::${APP}/README.txt`),
    );
    expect(await bodyText(client, APP, 'README.txt')).toBe(README);

    const create = await expectError(
      client.send(new CreateBucketCommand({ Bucket: 'acme-prod-new-bucket' })),
      'AccessDenied',
      403,
      denied('s3:CreateBucket', 'arn:aws:s3:::acme-prod-new-bucket'),
    );
    expect(create.message).toContain('perform: s3:CreateBucket on resource');
    const buckets = await client.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((bucket) => bucket.Name)).not.toContain('acme-prod-new-bucket');

    const key = 'uploads/multipart.bin';
    await expectError(
      client.send(new CreateMultipartUploadCommand({ Bucket: APP, Key: key })),
      'AccessDenied',
      403,
      denied('s3:PutObject', `arn:aws:s3:::${APP}/${key}`),
    );
  });

  it('answers DeleteObjects from the read-only role with AccessDenied for every key, deleting nothing', async () => {
    const client = t.s3(prod);
    const result = await client.send(
      new DeleteObjectsCommand({
        Bucket: APP,
        Delete: { Objects: [{ Key: 'README.txt' }, { Key: 'config/app.json' }] },
      }),
    );
    // As on AWS, a multi-object delete succeeds as a request and fails per key.
    expect(result.$metadata.httpStatusCode).toBe(200);
    expect(result.Deleted ?? []).toEqual([]);
    expect(result.Errors?.map((error) => [error.Key, error.Code])).toEqual([
      ['README.txt', 'AccessDenied'],
      ['config/app.json', 'AccessDenied'],
    ]);
    expect(await bodyText(client, APP, 'config/app.json')).toContain('checkout');
  });

  it('lets Tyler-Dev put, read back and delete an object in acme-dev-scratch', async () => {
    const client = t.s3(tyler);
    const key = 'tests/round trip ✓.bin';
    const data = randomBytes(64 * 1024);
    const put = await client.send(
      new PutObjectCommand({
        Bucket: SCRATCH,
        Key: key,
        Body: data,
        ContentType: 'application/x-test',
        Metadata: { purpose: 'round-trip' },
      }),
    );
    expect(put.ETag).toBe(`"${md5(data)}"`);
    expect(put.ServerSideEncryption).toBe('AES256');
    const got = await client.send(new GetObjectCommand({ Bucket: SCRATCH, Key: key }));
    expect(got.ContentType).toBe('application/x-test');
    expect(got.Metadata).toEqual({ purpose: 'round-trip' });
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: SCRATCH, Prefix: 'tests/' }));
    expect(listed.Contents?.map((object) => [object.Key, object.Size])).toEqual([[key, data.length]]);

    const deleted = await client.send(new DeleteObjectCommand({ Bucket: SCRATCH, Key: key }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expectError(
      client.send(new GetObjectCommand({ Bucket: SCRATCH, Key: key })),
      'NoSuchKey',
      404,
      'The specified key does not exist.',
    );
  });

  it('lets Tyler-Dev complete a three-part multipart upload that reads back byte for byte', async () => {
    const client = t.s3(tyler);
    const key = 'tests/multipart.bin';
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1024)];
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: SCRATCH, Key: key, ContentType: 'application/x-parts' }),
    );
    const uploadId = created.UploadId!;
    expect(uploadId).toEqual(expect.any(String));
    const etags: string[] = [];
    for (const [index, body] of parts.entries()) {
      const part = await client.send(
        new UploadPartCommand({
          Bucket: SCRATCH,
          Key: key,
          UploadId: uploadId,
          PartNumber: index + 1,
          Body: body,
        }),
      );
      expect(part.ETag).toBe(`"${md5(body)}"`);
      etags.push(part.ETag!);
    }
    const completed = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: SCRATCH,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) },
      }),
    );
    const digests = Buffer.concat(parts.map((body) => createHash('md5').update(body).digest()));
    expect(completed.ETag).toBe(`"${md5(digests)}-3"`);

    const got = await client.send(new GetObjectCommand({ Bucket: SCRATCH, Key: key }));
    const bytes = await got.Body!.transformToByteArray();
    expect(got.ContentType).toBe('application/x-parts');
    expect(got.ContentLength).toBe(10 * MiB + 1024);
    expect(md5(bytes)).toBe(md5(Buffer.concat(parts)));
    await client.send(new DeleteObjectCommand({ Bucket: SCRATCH, Key: key }));
  });

  it('refuses CreateBucket to Tyler-Dev outside the one bucket his policy names', async () => {
    const client = t.s3(tyler);
    await expectError(
      client.send(new CreateBucketCommand({ Bucket: 'acme-dev-another' })),
      'AccessDenied',
      403,
      'User: arn:aws:iam::210987654321:user/Tyler-Dev is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::acme-dev-another" because no identity-based policy allows the s3:CreateBucket action',
    );
  });
  it('answers Tyler-Dev re-creating his own bucket as S3 does: 200 in us-east-1, 409 from elsewhere', async () => {
    // Documented legacy behaviour: in us-east-1 re-creating a bucket you own succeeds and changes nothing.
    const again = await t.s3(tyler).send(new CreateBucketCommand({ Bucket: SCRATCH }));
    expect(again.$metadata.httpStatusCode).toBe(200);
    expect(await bodyText(t.s3(tyler), SCRATCH, 'notes/todo.txt')).toBe(
      'Try RoleTray against the sandbox.\n',
    );
    const elsewhere = await expectError(
      t.s3(tyler, { region: 'eu-west-1' }).send(
        new CreateBucketCommand({
          Bucket: SCRATCH,
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
        }),
      ),
      'BucketAlreadyOwnedByYou',
      409,
      'Your previous request to create the named bucket succeeded and you already own it.',
    );
    expect(elsewhere).toMatchObject({ BucketName: SCRATCH });
    const head = await t.s3(tyler).send(new HeadBucketCommand({ Bucket: SCRATCH }));
    expect(head.BucketRegion).toBe('us-east-1');
  });
});

describe('per-prefix denial in acme-prod-app-data', () => {
  it('denies restricted/ explicitly while the rest of the bucket stays readable', async () => {
    const client = t.s3(prod);
    await expectError(
      client.send(new GetObjectCommand({ Bucket: APP, Key: 'restricted/payroll.csv' })),
      'AccessDenied',
      403,
      `User: ${SESSION_ARN} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${APP}/restricted/payroll.csv" with an explicit deny in an identity-based policy`,
    );
    await expectError(
      client.send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'restricted/' })),
      'AccessDenied',
      403,
      `User: ${SESSION_ARN} is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::${APP}" with an explicit deny in an identity-based policy`,
    );
    const reports = await client.send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'reports/2026/q3/' }));
    expect(reports.KeyCount).toBe(2);
    expect(await bodyText(client, APP, 'reports/2026/q3/summary.txt')).toBe(
      'Q3 2026: revenue up 4.1% quarter on quarter.\n',
    );
  });
});

describe('region redirects for acme-prod-eu-archive (eu-west-1)', () => {
  const key = 'gdpr/retention-policy.txt';
  const text = 'EU records are kept in eu-west-1 for seven years.\n';

  it('answers a us-east-1 client with PermanentRedirect 301 and x-amz-bucket-region', async () => {
    const client = t.s3(prod);
    const error = await expectError(
      client.send(new GetObjectCommand({ Bucket: EU, Key: key })),
      'PermanentRedirect',
      301,
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    );
    expect(error.$response?.headers['x-amz-bucket-region']).toBe('eu-west-1');
    expect(error).toMatchObject({ Bucket: EU });
    const list = await expectError(
      client.send(new ListObjectsV2Command({ Bucket: EU })),
      'PermanentRedirect',
      301,
    );
    expect(list.$response?.headers['x-amz-bucket-region']).toBe('eu-west-1');
    const head = await failure(client.send(new HeadBucketCommand({ Bucket: EU })));
    expect(head.$metadata.httpStatusCode).toBe(301);
    expect(head.$response?.headers['x-amz-bucket-region']).toBe('eu-west-1');
  });

  it('is followed transparently with followRegionRedirects', async () => {
    const client = t.s3(prod, { followRegionRedirects: true });
    expect(await bodyText(client, EU, key)).toBe(text);
    const listed = await client.send(new ListObjectsV2Command({ Bucket: EU }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([key]);
  });

  it('serves an eu-west-1 client directly', async () => {
    const client = t.s3(prod, { region: 'eu-west-1' });
    expect(await bodyText(client, EU, key)).toBe(text);
    // ... and redirects that client away from the us-east-1 buckets.
    const error = await expectError(
      client.send(new GetObjectCommand({ Bucket: APP, Key: 'README.txt' })),
      'PermanentRedirect',
      301,
    );
    expect(error.$response?.headers['x-amz-bucket-region']).toBe('us-east-1');
  });
});

describe('virtual-hosted-style addressing', () => {
  it('lists and gets objects at <bucket>.localhost', async () => {
    const looked: string[] = [];
    const agent = new Agent({
      lookup: (
        hostname: string,
        options: LookupOptions,
        callback: (
          error: NodeJS.ErrnoException | null,
          address: string | LookupAddress[],
          family?: number,
        ) => void,
      ) => {
        looked.push(hostname);
        if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
          dnsLookup(hostname, { ...options, all: true }, callback);
          return;
        }
        if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
        else callback(null, '127.0.0.1', 4);
      },
    });
    const client = t.s3(prod, {
      endpoint: `http://localhost:${t.sandbox.port}`,
      forcePathStyle: false,
      requestHandler: new NodeHttpHandler({ httpAgent: agent }),
    });
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: APP, Prefix: 'config/' }));
      expect(listed.Name).toBe(APP);
      expect(listed.Contents?.map((object) => object.Key)).toEqual([
        'config/app.json',
        'config/feature-flags.json',
      ]);
      expect(await bodyText(client, APP, 'docs/naïve café/menu 🍕.txt')).toBe(
        'Unicode folders and an emoji in the key.\n',
      );
      expect(await bodyText(client, LOGS, 'README.md')).toContain('# Event logs');
      const buckets = await client.send(new ListBucketsCommand({}));
      expect(buckets.Buckets).toHaveLength(3);
      expect(new Set(looked)).toEqual(new Set([`${APP}.localhost`, `${LOGS}.localhost`, 'localhost']));
    } finally {
      client.destroy();
      agent.destroy();
    }
  });
});

describe('presigned URLs', () => {
  const key = 'config/feature-flags.json';

  it('fetches the object with a presigned GET from assumed-role credentials', async () => {
    const url = await getSignedUrl(t.s3(prod), new GetObjectCommand({ Bucket: APP, Key: key }), {
      expiresIn: 300,
      signingDate: new Date(t.clock.now()),
    });
    const query = new URL(url).searchParams;
    expect(query.get('X-Amz-Security-Token')).toBe(prod.sessionToken);
    expect(query.get('X-Amz-Expires')).toBe('300');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const expected = await t.s3(prod).send(new GetObjectCommand({ Bucket: APP, Key: key }));
    expect(Buffer.from(await response.arrayBuffer())).toEqual(
      Buffer.from(await expected.Body!.transformToByteArray()),
    );
  });

  it('answers a tampered signature with 403 SignatureDoesNotMatch', async () => {
    const url = new URL(
      await getSignedUrl(t.s3(prod), new GetObjectCommand({ Bucket: APP, Key: key }), {
        signingDate: new Date(t.clock.now()),
      }),
    );
    const signature = url.searchParams.get('X-Amz-Signature')!;
    url.searchParams.set(
      'X-Amz-Signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const error = await fetchError(response);
    expect(error).toMatchObject({
      Code: 'SignatureDoesNotMatch',
      Message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      AWSAccessKeyId: prod.accessKeyId,
    });
  });

  it('refuses an X-Amz-Expires over a week with AuthorizationQueryParametersError', async () => {
    // The SDK will not sign such a URL at all...
    await expect(
      getSignedUrl(t.s3(prod), new GetObjectCommand({ Bucket: APP, Key: key }), { expiresIn: 604801 }),
    ).rejects.toThrow(/less than one week/);
    // ...so take a valid one and edit X-Amz-Expires by hand.
    const url = new URL(
      await getSignedUrl(t.s3(prod), new GetObjectCommand({ Bucket: APP, Key: key }), {
        expiresIn: 3600,
        signingDate: new Date(t.clock.now()),
      }),
    );
    url.searchParams.set('X-Amz-Expires', '604801');
    const response = await fetch(url);
    // The edit also breaks the signature, but S3 validates the query-string auth parameters before it
    // computes a signature, so the parameter error is what AWS (and the sandbox) answers.
    expect(response.status).toBe(400);
    const error = await fetchError(response);
    expect(error.Code).toBe('AuthorizationQueryParametersError');
    expect(error.Message).toContain('604800');
  });
});

describe('authentication errors', () => {
  it('answers a wrong secret with SignatureDoesNotMatch 403', async () => {
    const error = await expectError(
      t
        .s3({ ...tyler, secretAccessKey: `${tyler.secretAccessKey.slice(0, -2)}xx` })
        .send(new ListBucketsCommand({})),
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
    expect(error).toMatchObject({ AWSAccessKeyId: tyler.accessKeyId });
  });

  it('answers an unknown access key with InvalidAccessKeyId 403', async () => {
    const error = await expectError(
      t
        .s3({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) })
        .send(new ListBucketsCommand({})),
      'InvalidAccessKeyId',
      403,
      'The AWS Access Key Id you provided does not exist in our records.',
    );
    expect(error).toMatchObject({ AWSAccessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
  });

  it('answers an assumed-role key without its session token with InvalidAccessKeyId', async () => {
    await expectError(
      t
        .s3({ accessKeyId: prod.accessKeyId, secretAccessKey: prod.secretAccessKey })
        .send(new ListObjectsV2Command({ Bucket: APP })),
      'InvalidAccessKeyId',
      403,
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  });

  it('answers a wrong session token with InvalidToken 400', async () => {
    const other = await assumeProd(t, 'another-session');
    for (const sessionToken of ['not-a-token', other.sessionToken!]) {
      const error = await expectError(
        t.s3({ ...prod, sessionToken }).send(new ListObjectsV2Command({ Bucket: APP })),
        'InvalidToken',
        400,
        'The provided token is malformed or otherwise invalid.',
      );
      expect(error).toMatchObject({ 'Token-0': sessionToken });
    }
  });

  it('answers a clock 20 minutes slow with RequestTimeTooSkewed 403', async () => {
    const error = await expectError(
      t.s3(prod, { systemClockOffset: -20 * 60 * 1000, maxAttempts: 1 }).send(new ListBucketsCommand({})),
      'RequestTimeTooSkewed',
      403,
      'The difference between the request time and the current time is too large.',
    );
    expect(error).toMatchObject({ MaxAllowedSkewMilliseconds: '900000' });
  });
});

describe('with a moving clock', () => {
  let moving: TestSandbox;
  beforeAll(async () => {
    moving = await startTestSandbox();
  });
  afterAll(() => moving.stop());

  it('refuses a presigned URL once it has expired, with AccessDenied "Request has expired"', async () => {
    const role = await assumeProd(moving);
    const url = await getSignedUrl(
      moving.s3(role),
      new GetObjectCommand({ Bucket: APP, Key: 'README.txt' }),
      { expiresIn: 60, signingDate: new Date(moving.clock.now()) },
    );
    expect((await fetch(url)).status).toBe(200);
    moving.clock.advance(120);
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const error = await fetchError(response);
    expect(error).toMatchObject({
      Code: 'AccessDenied',
      Message: 'Request has expired',
      'X-Amz-Expires': '60',
    });
    expect(Date.parse(error.ServerTime!) - Date.parse(error.Expires!)).toBeGreaterThanOrEqual(59_000);
  });

  it('refuses an expired session with ExpiredToken 400', async () => {
    const role = await assumeProd(moving, 'short-session', 900);
    const before = await moving.s3(role).send(new ListObjectsV2Command({ Bucket: APP, MaxKeys: 1 }));
    expect(before.KeyCount).toBe(1);
    moving.clock.advance(901);
    const error = await expectError(
      moving.s3(role).send(new ListObjectsV2Command({ Bucket: APP, MaxKeys: 1 })),
      'ExpiredToken',
      400,
      'The provided token has expired.',
    );
    expect(error).toMatchObject({ 'Token-0': role.sessionToken });
  });
});

describe('bad input', () => {
  it('rejects MaxKeys -1 and a max-keys beyond any integer with InvalidArgument 400', async () => {
    const negative = await expectError(
      t.s3(prod).send(new ListObjectsV2Command({ Bucket: APP, MaxKeys: -1 })),
      'InvalidArgument',
      400,
      'Argument maxKeys must be an integer between 0 and 2147483647',
    );
    expect(negative).toMatchObject({ ArgumentName: 'maxKeys', ArgumentValue: '-1' });

    const huge = await t.signedFetch(prod, {
      path: `/${APP}/`,
      query: { 'list-type': '2', 'max-keys': '99999999999999999999' },
    });
    expect(huge.status).toBe(400);
    expect(await fetchError(huge)).toMatchObject({
      Code: 'InvalidArgument',
      Message: 'Provided max-keys not an integer or within integer range',
      ArgumentName: 'max-keys',
      ArgumentValue: '99999999999999999999',
    });
  });

  it('verifies signed requests whose query parameters are named like Object members', async () => {
    // Own properties: an object literal's `__proto__:` would set the prototype instead of a key.
    const named = (entries: [string, string][]) => Object.fromEntries(entries);
    const get = await t.signedFetch(prod, {
      path: `/${APP}/README.txt`,
      query: named([
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ]),
    });
    expect(get.status).toBe(200);
    expect(await get.text()).toBe(README);
    const list = await t.signedFetch(prod, {
      path: `/${APP}/`,
      query: named([
        ['list-type', '2'],
        ['prefix', 'config/'],
        ['__proto__', 'x'],
        ['toString', ''],
      ]),
    });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('<Key>config/app.json</Key>');
  });

  it('answers malformed XML bodies with MalformedXML 400', async () => {
    const message =
      'The XML you provided was not well-formed or did not validate against our published schema';
    const deleteObjects = await t.signedFetch(tyler, {
      method: 'POST',
      path: `/${SCRATCH}/`,
      query: { delete: '' },
      headers: { 'content-type': 'application/xml' },
      body: '<Delete><Object><Key>notes/todo.txt</Key></Object>',
    });
    expect(deleteObjects.status).toBe(400);
    expect(await fetchError(deleteObjects)).toMatchObject({ Code: 'MalformedXML', Message: message });
    expect(await bodyText(t.s3(tyler), SCRATCH, 'notes/todo.txt')).toBe(
      'Try RoleTray against the sandbox.\n',
    );

    const createBucket = await t.signedFetch(tyler, {
      method: 'PUT',
      path: `/${SCRATCH}/`,
      headers: { 'content-type': 'application/xml' },
      body: '<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint>',
    });
    expect(createBucket.status).toBe(400);
    expect(await fetchError(createBucket)).toMatchObject({ Code: 'MalformedXML', Message: message });
  });

  it('answers an oversized header section with RequestHeaderSectionTooLarge and keeps serving', async () => {
    const big = await t.signedFetch(prod, {
      path: `/${APP}/README.txt`,
      headers: { 'x-amz-meta-big': 'x'.repeat(20 * 1024) },
    });
    expect(big.status).toBe(400);
    expect(await fetchError(big)).toMatchObject({
      Code: 'RequestHeaderSectionTooLarge',
      Message: 'Your request header section exceeds the maximum allowed size.',
      MaxSizeAllowed: '8192',
    });
    expect(await bodyText(t.s3(prod), APP, 'README.txt')).toBe(README);

    // Beyond what Node's HTTP parser takes at all: answered from the socket, still in S3's XML.
    const raw = await rawExchange(
      t.sandbox.port,
      `GET /${APP}/README.txt HTTP/1.1\r\nHost: 127.0.0.1:${t.sandbox.port}\r\nx-amz-meta-huge: ${'y'.repeat(100 * 1024)}\r\n\r\n`,
    );
    const split = raw.indexOf('\r\n\r\n');
    expect(raw.slice(0, raw.indexOf('\r\n'))).toBe('HTTP/1.1 400 Bad Request');
    expect(raw.slice(0, split)).toMatch(/\r\nContent-Type: application\/xml\r\n/i);
    expect(errorXml(raw.slice(split + 4))).toMatchObject({
      Code: 'RequestHeaderSectionTooLarge',
      MaxSizeAllowed: '8192',
    });
    const after = await t.s3(prod).send(new ListBucketsCommand({}));
    expect(after.Buckets).toHaveLength(3);
  });

  it('answers an unimplemented subresource such as ?acl with NotImplemented 501', async () => {
    await expectError(
      t.s3(prod).send(new GetBucketAclCommand({ Bucket: APP })),
      'NotImplemented',
      501,
      'The RoleTray sandbox does not implement GetBucketAcl.',
    );
    await expectError(
      t.s3(prod).send(new GetObjectAclCommand({ Bucket: APP, Key: 'README.txt' })),
      'NotImplemented',
      501,
      'The RoleTray sandbox does not implement GetObjectAcl.',
    );
  });

  it('answers an anonymous request with AccessDenied XML', async () => {
    const response = await fetch(`${t.sandbox.endpoint}/${APP}/README.txt`);
    expect(response.status).toBe(403);
    expect(await fetchError(response)).toMatchObject({ Code: 'AccessDenied', Message: 'Access Denied' });
    const listing = await fetch(`${t.sandbox.endpoint}/${APP}/?list-type=2`);
    expect(listing.status).toBe(403);
    expect((await fetchError(listing)).Code).toBe('AccessDenied');
  });
});
