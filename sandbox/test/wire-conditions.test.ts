import { performance } from 'node:perf_hooks';
import { GetObjectCommand, ListObjectsV2Command, S3ServiceException } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startSandbox } from '../src/server';
import { slowDown } from '../src/wire-conditions';
import {
  fromStsCredentials,
  READ_ONLY_ROLE,
  startTestSandbox,
  type TestSandbox,
} from '../../test-support/sandbox';

// The sandbox as far away as S3: every answer held for latencyMs without holding the others, bodies
// paced to bandwidthMbps, the traffic counted, and 503 SlowDown on demand.

const LOGS = 'acme-prod-event-logs';
const APP = 'acme-prod-app-data';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ latencyMs: 40 });
});
afterAll(() => t.stop());

/** An S3 client as the Prod read-only role, which may read the Prod buckets. */
async function prodS3(sandbox: TestSandbox) {
  const { Credentials } = await sandbox
    .sts(sandbox.userKeys('Tyler-Dev'))
    .send(new AssumeRoleCommand({ RoleArn: READ_ONLY_ROLE, RoleSessionName: 'wire' }));
  return sandbox.s3(fromStsCredentials(Credentials));
}

const tyler = () => t.s3(t.userKeys('Tyler-Dev'));
const list = (prefix: string) =>
  tyler().send(new ListObjectsV2Command({ Bucket: 'acme-dev-scratch', Prefix: prefix, MaxKeys: 5 }));

describe('latency', () => {
  it('holds each answer for latencyMs, and answers 8 requests at once in about one latency', async () => {
    const client = tyler();
    await list('');
    const t0 = performance.now();
    await list('');
    const one = performance.now() - t0;
    expect(one).toBeGreaterThanOrEqual(39);
    t.sandbox.wire.traffic.reset();
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, () =>
        client.send(new ListObjectsV2Command({ Bucket: 'acme-dev-scratch', MaxKeys: 5 })),
      ),
    );
    const eight = performance.now() - t1;
    expect(eight).toBeGreaterThanOrEqual(39);
    expect(eight).toBeLessThan(40 * 4);
    expect(t.sandbox.wire.traffic.count('list')).toBe(8);
    expect(t.sandbox.wire.traffic.peakInFlight).toBeGreaterThan(1);
    expect(t.sandbox.wire.traffic.inFlight).toBe(0);
  });

  it('paces bodies to bandwidthMbps per connection', async () => {
    const paced = await startTestSandbox({ bandwidthMbps: 80 });
    try {
      const s3 = await prodS3(paced);
      const t0 = performance.now();
      // 1 MiB at 80 Mbit/s (10 MB/s) is about 105 ms.
      const object = await s3.send(
        new GetObjectCommand({ Bucket: APP, Key: 'exports/full-dump-2026-11.log', Range: 'bytes=0-1048575' }),
      );
      const bytes = await object.Body!.transformToByteArray();
      const ms = performance.now() - t0;
      expect(bytes.length).toBe(1048576);
      expect(ms).toBeGreaterThanOrEqual(95);
    } finally {
      await paced.stop();
    }
  });
});

describe('faults', () => {
  it('answers SlowDown 503 while s3Faults says so, then serves again', async () => {
    t.sandbox.wire.s3Faults = (request) => (request.query['list-type'] ? slowDown() : undefined);
    try {
      const error = await list('').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(S3ServiceException);
      expect(error).toMatchObject({
        name: 'SlowDown',
        message: 'Please reduce your request rate.',
        $metadata: { httpStatusCode: 503 },
      });
    } finally {
      t.sandbox.wire.s3Faults = undefined;
    }
    await expect(list('')).resolves.toMatchObject({ IsTruncated: expect.any(Boolean) });
  });
});

describe('the scenario', () => {
  it('has exactly 10,000 objects under exports/2026/11/ of the event logs bucket', async () => {
    const s3 = await prodS3(t);
    t.sandbox.wire.latencyMs = 0;
    let count = 0;
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: LOGS, Prefix: 'exports/2026/11/', ContinuationToken: token }),
      );
      count += page.KeyCount ?? 0;
      token = page.NextContinuationToken;
    } while (token);
    t.sandbox.wire.latencyMs = 40;
    expect(count).toBe(10_000);
  });
});

describe('setUnreachable', () => {
  it('resets every connection while on, and the same endpoint answers again once off', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const url = `${sandbox.endpoint}/?Action=GetCallerIdentity`;
      expect((await fetch(url)).status).toBe(403);
      sandbox.setUnreachable(true);
      const refused = await fetch(url).then(
        () => 'answered',
        (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
      );
      expect(refused).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/);
      sandbox.setUnreachable(false);
      expect((await fetch(url)).status).toBe(403);
    } finally {
      await sandbox.close();
    }
  });
});
