import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  RestoreObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../../test-support/sandbox';
import { isRoleTrayError } from '../errors';
import { PRESIGN_COMMANDS, READ_COMMANDS, readOnlyGuard, ReadOnlyS3Client } from './client';
import { keysOf } from '../sessions/root-sources';

// The read-only guard against a real sandbox, with the keys of Tyler-Dev, who *may* write to
// acme-dev-scratch: every write is refused by the client itself, and the sandbox never sees it.

const SCRATCH = 'acme-dev-scratch';
let t: TestSandbox;
const requests: string[] = [];

beforeAll(async () => {
  t = await startTestSandbox({ onRequest: (line) => requests.push(line) });
});
afterAll(() => t.stop());
beforeEach(() => {
  requests.length = 0;
});

function client(allowed?: readonly string[], learnt?: [string, string][]) {
  return new ReadOnlyS3Client({
    region: 'us-east-1',
    endpoint: t.sandbox.endpoint,
    credentials: keysOf(t.userKeys('Tyler-Dev')),
    maxAttempts: 1,
    ...(allowed ? { allowed } : {}),
    ...(learnt ? { onBucketRegion: (bucket, region) => learnt.push([bucket, region]) } : {}),
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isRoleTrayError(error, 'Internal')) return error.message;
    throw error;
  }
  throw new Error('expected the guard to refuse');
}

describe('ReadOnlyS3Client', () => {
  it('sends the read commands, with keys that could write', async () => {
    const s3 = client();
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name)).toEqual([
      SCRATCH,
    ]);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: SCRATCH }))).KeyCount).toBe(1);
    expect((await s3.send(new HeadBucketCommand({ Bucket: SCRATCH }))).BucketRegion).toBe('us-east-1');
    await s3.send(new GetBucketLocationCommand({ Bucket: SCRATCH }));
    expect(
      (await s3.send(new HeadObjectCommand({ Bucket: SCRATCH, Key: 'notes/todo.txt' }))).ContentLength,
    ).toBe(34);
    const object = await s3.send(new GetObjectCommand({ Bucket: SCRATCH, Key: 'notes/todo.txt' }));
    expect(await object.Body!.transformToString()).toBe('Try RoleTray against the sandbox.\n');
    expect(requests).toHaveLength(6);
    s3.destroy();
  });

  it('refuses PutObject, DeleteObject, CreateBucket and a multipart upload before any request is made', async () => {
    const s3 = client();
    const key = 'tests/should-not-exist.txt';
    const writes = [
      new PutObjectCommand({ Bucket: SCRATCH, Key: key, Body: 'no' }),
      new DeleteObjectCommand({ Bucket: SCRATCH, Key: 'notes/todo.txt' }),
      new DeleteObjectsCommand({ Bucket: SCRATCH, Delete: { Objects: [{ Key: 'notes/todo.txt' }] } }),
      new CreateBucketCommand({ Bucket: 'acme-dev-another' }),
      new DeleteBucketCommand({ Bucket: SCRATCH }),
      new CreateMultipartUploadCommand({ Bucket: SCRATCH, Key: key }),
      new UploadPartCommand({ Bucket: SCRATCH, Key: key, UploadId: 'x', PartNumber: 1, Body: 'no' }),
      new CompleteMultipartUploadCommand({ Bucket: SCRATCH, Key: key, UploadId: 'x' }),
      new AbortMultipartUploadCommand({ Bucket: SCRATCH, Key: key, UploadId: 'x' }),
      new CopyObjectCommand({ Bucket: SCRATCH, Key: key, CopySource: `${SCRATCH}/notes/todo.txt` }),
      new PutBucketPolicyCommand({ Bucket: SCRATCH, Policy: '{}' }),
      new RestoreObjectCommand({ Bucket: SCRATCH, Key: 'notes/todo.txt' }),
    ];
    const messages: string[] = [];
    for (const command of writes) messages.push(await refusal(s3.send(command as never)));
    expect(messages[0]).toBe(
      "RoleTray's S3 browser only reads: PutObject was refused before it left the app.",
    );
    expect(messages.map((message) => /only reads: (\w+) was refused/.exec(message)?.[1])).toEqual([
      'PutObject',
      'DeleteObject',
      'DeleteObjects',
      'CreateBucket',
      'DeleteBucket',
      'CreateMultipartUpload',
      'UploadPart',
      'CompleteMultipartUpload',
      'AbortMultipartUpload',
      'CopyObject',
      'PutBucketPolicy',
      'RestoreObject',
    ]);
    expect(requests).toEqual([]);

    // Nothing changed: checked with the same keys through a plain SDK client.
    const raw = t.s3(t.userKeys('Tyler-Dev'));
    const listed = await raw.send(new ListObjectsV2Command({ Bucket: SCRATCH }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(['notes/todo.txt']);
    expect((await raw.send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name)).toEqual([
      SCRATCH,
    ]);
    s3.destroy();
  });

  it('refuses to presign a write, and its presigning client signs nothing but GetObject', async () => {
    const reads = client();
    const put = new PutObjectCommand({ Bucket: SCRATCH, Key: 'tests/presigned.txt' });
    expect(await refusal(getSignedUrl(reads, put))).toContain('PutObject was refused');
    const presigner = client(PRESIGN_COMMANDS);
    expect(await refusal(getSignedUrl(presigner, put))).toContain('PutObject was refused');
    const head = new HeadObjectCommand({ Bucket: SCRATCH, Key: 'notes/todo.txt' });
    expect(await refusal(getSignedUrl(presigner, head))).toContain('HeadObject was refused');
    expect(await refusal(presigner.send(new ListObjectsV2Command({ Bucket: SCRATCH })))).toContain(
      'ListObjectsV2 was refused',
    );
    const url = await getSignedUrl(
      presigner,
      new GetObjectCommand({ Bucket: SCRATCH, Key: 'notes/todo.txt' }),
    );
    expect(requests).toEqual([]);
    expect(await (await fetch(url)).text()).toBe('Try RoleTray against the sandbox.\n');
    reads.destroy();
    presigner.destroy();
  });

  it('fails closed for a command it cannot name', async () => {
    const guard = readOnlyGuard(READ_COMMANDS);
    const next = () => Promise.resolve({ output: { $metadata: {} }, response: {} });
    await expect(guard(next, {})({ input: {} })).rejects.toThrow(
      'only reads: an unnamed command was refused',
    );
    await expect(guard(next, { commandName: 'GetObjectCommand' })({ input: {} })).resolves.toBeDefined();
  });

  it('allows exactly the six read commands', () => {
    expect([...READ_COMMANDS].sort()).toEqual([
      'GetBucketLocation',
      'GetObject',
      'HeadBucket',
      'HeadObject',
      'ListBuckets',
      'ListObjectsV2',
    ]);
    expect(PRESIGN_COMMANDS).toEqual(['GetObject']);
  });

  it('follows a region redirect and reports the region S3 named', async () => {
    const learnt: [string, string][] = [];
    const prod = await t.sts(t.userKeys('Tyler-Dev')).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount',
        RoleSessionName: 'guard-test',
      }),
    );
    const s3 = new ReadOnlyS3Client({
      region: 'us-east-1',
      endpoint: t.sandbox.endpoint,
      credentials: {
        accessKeyId: prod.Credentials!.AccessKeyId!,
        secretAccessKey: prod.Credentials!.SecretAccessKey!,
        sessionToken: prod.Credentials!.SessionToken!,
      },
      onBucketRegion: (bucket, region) => learnt.push([bucket, region]),
    });
    const object = await s3.send(
      new GetObjectCommand({ Bucket: 'acme-prod-eu-archive', Key: 'gdpr/retention-policy.txt' }),
    );
    expect(await object.Body!.transformToString()).toContain('eu-west-1');
    expect(learnt).toEqual([['acme-prod-eu-archive', 'eu-west-1']]);
    expect(requests.filter((line) => line.startsWith('s3 '))).toEqual([
      expect.stringMatching(/^s3 301 /),
      expect.stringMatching(/^s3 200 GET \/acme-prod-eu-archive\/gdpr/),
    ]);
    s3.destroy();
  });
});
