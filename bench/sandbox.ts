import { Agent, request as httpRequest } from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { startSandbox } from '../sandbox/src/server';
import { figures, round, timed, type Figures } from './stats';

// `npm run bench:sandbox`: how fast the sandbox itself answers, measured with the real SDK v3 clients
// over HTTP on 127.0.0.1 (the same path the app takes), in-process, sequentially, after a warm-up:
//   1. ListObjectsV2 pages of 1,000 keys over acme-prod-event-logs/events/2026/11/ (100,000 keys),
//      walked end to end several times as the assumed DevReadOnly-CrossAccount role; then the same
//      pages again as bare signed HTTP GETs whose XML is read but not parsed, which splits a page's time
//      into the sandbox's (+ loopback HTTP) and the SDK's (mostly XML parsing, which the app pays too);
//   2. AssumeRole (Tyler-Dev -> DevReadOnly-CrossAccount): SigV4 check, policy evaluation, new keys;
//   3. GetCallerIdentity, the cheapest signed STS call: the floor of HTTP + SigV4 + SDK overhead.
// Why: later benchmarks of the app (listing a big prefix, switching roles) run against this sandbox.
// These figures are the sandbox's own share, so what those benchmarks add beyond them is the app's.
// Nothing is asserted; the last line is JSON (`{"bench":"sandbox",...}`) for later runs to compare.

const PROD_ROLE = 'arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount';
const BUCKET = 'acme-prod-event-logs';
const PREFIX = 'events/2026/11/';
const PREFIX_KEYS = 100_000;
const WALKS = 3;
const ASSUME_CALLS = 500;
const IDENTITY_CALLS = 1000;

/** One full walk of the prefix, a page at a time; the latency of each page and the tokens used. */
async function walk(
  s3: S3Client,
  maxPages = Infinity,
): Promise<{ latencies: number[]; keys: number; tokens: (string | undefined)[] }> {
  const latencies: number[] = [];
  const tokens: (string | undefined)[] = [];
  let keys = 0;
  let token: string | undefined;
  do {
    tokens.push(token);
    const t0 = performance.now();
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: PREFIX, MaxKeys: 1000, ContinuationToken: token }),
    );
    latencies.push(performance.now() - t0);
    keys += page.KeyCount ?? 0;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token && latencies.length < maxPages);
  return { latencies, keys, tokens };
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A ListObjectsV2 page as a bare SigV4-signed GET on a keep-alive socket: body read, not parsed. */
function rawLister(endpoint: string, credentials: AwsCredentialIdentity) {
  const url = new URL(endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const signer = new SignatureV4({
    service: 's3',
    region: 'us-east-1',
    sha256: Hash.bind(null, 'sha256'),
    credentials,
    uriEscapePath: false,
  });
  const page = async (token: string | undefined): Promise<number> => {
    const query: Record<string, string> = { 'list-type': '2', prefix: PREFIX, 'max-keys': '1000' };
    if (token) query['continuation-token'] = token;
    const signed = await signer.sign(
      new HttpRequest({
        method: 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: `/${BUCKET}`,
        query,
        headers: { host: url.host, 'x-amz-content-sha256': EMPTY_SHA256 },
      }),
    );
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: `/${BUCKET}?${new URLSearchParams(query).toString()}`,
          headers: signed.headers,
        },
        (response) => {
          let bytes = 0;
          response.on('data', (chunk: Buffer) => (bytes += chunk.length));
          response.on('end', () =>
            response.statusCode === 200 ? resolve(bytes) : reject(new Error(`HTTP ${response.statusCode}`)),
          );
          response.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  };
  return { page, close: () => agent.destroy() };
}

const sandbox = await startSandbox();
try {
  const common = { endpoint: sandbox.endpoint, region: 'us-east-1', maxAttempts: 1 };
  const tylerRecord = sandbox.identities.longTermKeysOf('Tyler-Dev');
  const tyler: AwsCredentialIdentity = {
    accessKeyId: tylerRecord.accessKeyId,
    secretAccessKey: tylerRecord.secretAccessKey,
  };
  const sts = new STSClient({ ...common, credentials: tyler });
  const assume = (i: number) =>
    sts.send(new AssumeRoleCommand({ RoleArn: PROD_ROLE, RoleSessionName: `bench-${i}` }));

  const assumed = (await assume(0)).Credentials!;
  const roleCredentials: AwsCredentialIdentity = {
    accessKeyId: assumed.AccessKeyId!,
    secretAccessKey: assumed.SecretAccessKey!,
    sessionToken: assumed.SessionToken!,
  };
  const s3 = new S3Client({ ...common, forcePathStyle: true, credentials: roleCredentials });
  const raw = rawLister(sandbox.endpoint, roleCredentials);

  // Warm-up: JIT, keep-alive sockets, the bucket's key index, the SDK's lazily loaded pieces.
  await walk(s3, 10);
  for (let i = 0; i < 10; i++) await raw.page(undefined);
  await timed(50, async (i) => void (await assume(i)));
  await timed(100, async () => void (await sts.send(new GetCallerIdentityCommand({}))));

  const pageLatencies: number[] = [];
  let tokens: (string | undefined)[] = [];
  let keys = 0;
  const listStart = performance.now();
  for (let i = 0; i < WALKS; i++) {
    const result = await walk(s3);
    if (result.keys !== PREFIX_KEYS)
      throw new Error(`walk ${i + 1} saw ${result.keys} keys, not ${PREFIX_KEYS}`);
    pageLatencies.push(...result.latencies);
    keys += result.keys;
    tokens = result.tokens;
  }
  const list = figures(pageLatencies, (performance.now() - listStart) / 1000);
  const keysPerSecond = round(keys / list.seconds, 0);

  let rawBytes = 0;
  const rawRun = await timed(WALKS * tokens.length, async (i) => {
    rawBytes += await raw.page(tokens[i % tokens.length]);
  });
  const rawList = figures(rawRun.latencies, rawRun.seconds);
  raw.close();

  const assumeRun = await timed(ASSUME_CALLS, async (i) => void (await assume(i + 1)));
  const assumeRole = figures(assumeRun.latencies, assumeRun.seconds);
  const identityRun = await timed(
    IDENTITY_CALLS,
    async () => void (await sts.send(new GetCallerIdentityCommand({}))),
  );
  const identity = figures(identityRun.latencies, identityRun.seconds);

  const rows: [string, Figures, string][] = [
    [
      'ListObjectsV2 page (1,000 keys)',
      list,
      `${keysPerSecond.toLocaleString('en-US')} keys/s, ${WALKS} walks x ${PREFIX_KEYS / 1000} pages`,
    ],
    [
      'ListObjectsV2 page, raw HTTP',
      rawList,
      `signed GET, ${Math.round(rawBytes / rawList.count / 1024)} KiB XML read, not parsed`,
    ],
    ['AssumeRole', assumeRole, 'Tyler-Dev -> DevReadOnly-CrossAccount'],
    ['GetCallerIdentity', identity, 'STS floor'],
  ];
  const header = ['operation', 'calls', 'per s', 'mean ms', 'p95 ms', ''];
  const table = [
    header,
    ...rows.map(([name, f, note]) => [
      name,
      String(f.count),
      f.perSecond.toFixed(1),
      f.meanMs.toFixed(2),
      f.p95Ms.toFixed(2),
      note,
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  console.log(
    `sandbox bench: node ${process.version}, ${cpus().length} CPUs, ${sandbox.endpoint}, SDK v3 over HTTP, sequential`,
  );
  for (const row of table) {
    console.log(
      row
        .map((cell, column) =>
          column === 0 || column === row.length - 1
            ? cell.padEnd(widths[column]!)
            : cell.padStart(widths[column]!),
        )
        .join('  ')
        .trimEnd(),
    );
  }
  console.log(
    JSON.stringify({
      bench: 'sandbox',
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      listObjectsV2: {
        pages: list.count,
        keys,
        pagesPerSec: list.perSecond,
        keysPerSec: keysPerSecond,
        meanMs: list.meanMs,
        p95Ms: list.p95Ms,
        rawHttp: {
          pages: rawList.count,
          pagesPerSec: rawList.perSecond,
          meanMs: rawList.meanMs,
          p95Ms: rawList.p95Ms,
        },
      },
      assumeRole: {
        calls: assumeRole.count,
        perSec: assumeRole.perSecond,
        meanMs: assumeRole.meanMs,
        p95Ms: assumeRole.p95Ms,
      },
      getCallerIdentity: {
        calls: identity.count,
        perSec: identity.perSecond,
        meanMs: identity.meanMs,
        p95Ms: identity.p95Ms,
      },
    }),
  );
  s3.destroy();
  sts.destroy();
} finally {
  await sandbox.close();
}
