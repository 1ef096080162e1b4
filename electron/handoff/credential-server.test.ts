import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, type ProcessRun } from '../../test-support/client-process';
import { PROD } from '../../test-support/sandbox';
import { startCoreHarness, type CoreHarness } from '../../test-support/core-harness';
import { startCredentialServer, type CredentialServer } from './credential-server';

// The container-credentials server as SDKs use it: boto3 (Debian's python3-boto3) and the AWS SDK
// for JavaScript v3 in their own processes, finding it through the environment alone, against the
// app's services on the sandbox.

const PYTHON = '/usr/bin/python3';
const ROOT = join(import.meta.dirname, '../..');
const boto3Missing = existsSync(PYTHON) ? undefined : `${PYTHON} is missing; install python3-boto3`;
if (boto3Missing) console.warn(`credential-server.test.ts: skipping the boto3 checks: ${boto3Missing}`);

let h: CoreHarness;
let server: CredentialServer;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'roletray-credential-server-'));
  h = await startCoreHarness();
  const names = new Set(h.profiles.profiles.map((profile) => profile.name));
  server = await startCredentialServer({
    credentials: (profile) => h.manager.credentials(profile),
    knows: (profile) => names.has(profile),
  });
});
afterAll(async () => {
  await server?.close();
  await h?.stop();
  await rm(home, { recursive: true, force: true });
});

/** A client process that knows nothing but the server's variables (no AWS files, no keys). */
function client(file: string, args: string[], profile: string): Promise<ProcessRun> {
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...server.envFor(profile, 'us-east-1'),
  };
  return runProcess(file, args, { env, cwd: ROOT });
}

const BOTO3 = `
import sys, boto3
sts = boto3.client('sts', endpoint_url=sys.argv[1])
print(sts.get_caller_identity()['Arn'])
s3 = boto3.client('s3', endpoint_url=sys.argv[1])
print(' '.join(sorted(bucket['Name'] for bucket in s3.list_buckets()['Buckets'])))
`;
const boto3 = (profile: string) => client(PYTHON, ['-c', BOTO3, h.t.sandbox.endpoint], profile);

const SDK_V3 = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const sts = new STSClient({ endpoint: process.argv[1], region: 'us-east-1' });
const identity = await sts.send(new GetCallerIdentityCommand({}));
console.log(identity.Arn);
`;
const sdkV3 = (profile: string) =>
  client(
    process.execPath,
    ['--no-warnings', '--input-type=module', '-e', SDK_V3, h.t.sandbox.endpoint],
    profile,
  );

const assumedArn = (role: string) => new RegExp(`^arn:aws:sts::${PROD}:assumed-role/${role}/[^\\n]+\\n`);

describe.skipIf(boto3Missing)('boto3 through the server', () => {
  it('calls STS and S3 as the role, with no AWS files or keys of its own', async () => {
    const result = await boto3('prod-read-only');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(assumedArn('DevReadOnly-CrossAccount'));
    expect(result.stdout).toContain('acme-prod-app-data acme-prod-eu-archive acme-prod-event-logs');
  });

  it('waits, through its own retries, while the app asks for the MFA code', async () => {
    await h.manager.endAll();
    const prompts = h.prompts.length;
    // The user types the code a little after the first request was answered "not yet".
    h.answers.push(
      () => new Promise((resolve) => setTimeout(() => resolve(h.t.mfaCode('Tyler-Dev', 1)), 1_200)),
    );
    const result = await boto3('prod-read-only-mfa');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(assumedArn('DevReadOnlyAccesswithMFA'));
    expect(h.prompts.length - prompts).toBe(1);
  });

  it('passes the app’s sentence on when the role is refused', async () => {
    const result = await boto3('contractor-prod-read-only');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Sam-Contractor is not allowed to assume DevReadOnly-CrossAccount.');
  });
});

describe('the AWS SDK for JavaScript v3 through the server', () => {
  it('finds the server in the environment and calls STS as the role', async () => {
    const result = await sdkV3('prod-read-only');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(assumedArn('DevReadOnly-CrossAccount'));
  });
});

describe('the protocol', () => {
  const get = (path: string, authorization?: string) =>
    fetch(`http://127.0.0.1:${server.port}${path}`, {
      headers: authorization === undefined ? {} : { authorization },
    });
  const token = () => server.envFor('x').AWS_CONTAINER_AUTHORIZATION_TOKEN!;

  it('answers the container shape with Token and an ISO Expiration', async () => {
    const response = await get('/role/prod-read-only', token());
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['AccessKeyId', 'Expiration', 'SecretAccessKey', 'Token']);
    expect(new Date(body['Expiration']!).toISOString()).toBe(body['Expiration']);
    expect(server.uriFor('prod read/only')).toBe(`http://127.0.0.1:${server.port}/role/prod%20read%2Fonly`);
  });

  it('refuses a missing or wrong token, other paths and unknown profiles, before any assume', async () => {
    const calls = h.stsCalls.length;
    expect((await get('/role/prod-read-only')).status).toBe(401);
    expect((await get('/role/prod-read-only', `${token()}x`)).status).toBe(401);
    expect((await get('/credentials', token())).status).toBe(404);
    const unknown = await get('/role/nobody', token());
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      Code: 'ConfigError',
      Message: 'There is no profile named nobody in your AWS config.',
    });
    expect(h.stsCalls.length).toBe(calls);
  });

  /** A request with whatever Host header the test says (or none), which fetch would not send. */
  function withHost(host: string | undefined): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const request = httpGet(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/role/prod-read-only',
          headers: { authorization: token(), ...(host === undefined ? {} : { host }) },
          setHost: false,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.once('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      request.once('error', reject);
    });
  }

  it('answers only requests addressed to 127.0.0.1 or localhost at its port, before any assume', async () => {
    const calls = h.stsCalls.length;
    const refusal = {
      Code: 'AccessDenied',
      Message: `RoleTray answers requests for 127.0.0.1:${server.port} or localhost:${server.port} only.`,
    };
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      // DNS rebinding: a page's own name, resolved to 127.0.0.1, is still the name it sends.
      `127.0.0.1.nip.io:${server.port}`,
      '127.0.0.1',
      `127.0.0.1:${server.port + 1}`,
      `localhost.:${server.port}`,
      undefined,
    ]) {
      expect(await withHost(host), String(host)).toEqual({ status: 403, body: refusal });
    }
    expect(h.stsCalls.length).toBe(calls);
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect((await withHost(host)).status, host).toBe(200);
    }
  });

  it('refuses a keys profile: SDKs need a Token and an Expiration', async () => {
    const keys = await get('/role/dev', token());
    expect(keys.status).toBe(400);
    expect(await keys.json()).toEqual({
      Code: 'Validation',
      Message: 'dev holds long-term keys; serve a role instead.',
    });
  });

  it('answers 503 within the SDKs’ timeout while an MFA code is awaited, then the session', async () => {
    await h.manager.endAll();
    let answer: (code: string | undefined) => void = () => undefined;
    h.answers.push(() => new Promise((resolve) => (answer = resolve)));
    const started = Date.now();
    const waiting = await get('/role/prod-read-only-mfa', token());
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(waiting.status).toBe(503);
    expect(((await waiting.json()) as { Code: string }).Code).toBe('MfaRequired');
    // A new 30-second step (a code works once, and earlier tests spent this step's): the clocks
    // stay within the few minutes of skew SigV4 allows.
    h.t.clock.advance(90);
    answer(h.t.mfaCode());
    await expect.poll(async () => (await get('/role/prod-read-only-mfa', token())).status).toBe(200);
  });
});
