import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient, type AccessKey } from '@aws-sdk/client-iam';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { STSClient, type Credentials } from '@aws-sdk/client-sts';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterEach, beforeEach } from 'vitest';
import { writeAwsFiles, type SandboxDescription } from '../sandbox/src/aws-files';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox/src/server';
import { totpAt } from '../sandbox/src/totp';
import { isRoleTrayError, type RoleTrayError } from '../electron/core/errors';

// Shared by the sandbox's tests: a sandbox on a free port with its AWS files in a temp dir, a clock
// tests can move, and SDK clients signed with the scenario's keys.

export class TestClock {
  offsetMs = 0;
  readonly now = () => Date.now() + this.offsetMs;
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  description: SandboxDescription;
  awsDir: string;
  clock: TestClock;
  /** Long-term keys of a scenario user. */
  userKeys: (name: string) => AwsCredentialIdentity;
  /** The code Tyler-Dev's authenticator shows now (by the sandbox clock), or `stepsAhead` codes later. */
  mfaCode: (user?: string, stepsAhead?: number) => string;
  mfaSerial: (user?: string) => string;
  sts: (credentials: AwsCredentialIdentity, region?: string) => STSClient;
  /** IAM is global: signed for us-east-1 unless a test says otherwise. */
  iam: (credentials: AwsCredentialIdentity, region?: string) => IAMClient;
  s3: (credentials: AwsCredentialIdentity, config?: Partial<S3ClientConfig>) => S3Client;
  /** A request signed by hand (SigV4, by the sandbox clock), for inputs the SDK will not send. */
  signedFetch: (credentials: AwsCredentialIdentity, request: RawRequest) => Promise<Response>;
  stop: () => Promise<void>;
}

export interface RawRequest {
  service?: 'sts' | 'iam' | 's3';
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

export const PROD = '123456789012';
export const DEV = '210987654321';
export const READ_ONLY_ROLE = `arn:aws:iam::${PROD}:role/DevReadOnly-CrossAccount`;
export const MFA_ROLE = `arn:aws:iam::${PROD}:role/DevReadOnlyAccesswithMFA`;

export function fromStsCredentials(credentials: Credentials | undefined): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey)
    throw new Error('STS returned no credentials');
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
  };
}

/** The keys of a CreateAccessKey answer, to sign with. */
export function fromAccessKey(key: AccessKey | undefined): AwsCredentialIdentity {
  if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error('IAM returned no access key');
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
}

/** An SDK v3 service error (any client's): its name is AWS's error code. */
export type ServiceError = Error & { $metadata: { httpStatusCode?: number } };

/** What an SDK v3 service error must match: AWS's error code, message and HTTP status. */
export const serviceError = (name: string, message: string, status: number) => ({
  name,
  message,
  $metadata: { httpStatusCode: status },
});

/** The RoleTray error a core call failed with; anything else (or success) fails the test. */
export async function roleTrayFailure(promise: Promise<unknown>): Promise<RoleTrayError> {
  try {
    await promise;
  } catch (error) {
    if (isRoleTrayError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The service error a call failed with; anything else (or success) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error && '$metadata' in error) return error as ServiceError;
    throw error;
  }
  throw new Error('expected the call to fail');
}

export interface TestSandboxOptions extends SandboxOptions {
  /** Also write the IAM Identity Center profiles into the config (writeAwsFiles' identityCenterProfiles). */
  identityCenterProfiles?: boolean;
}

/** A new sandbox for each test of the file, for tests that change its state (keys made or deleted). */
export function sandboxPerTest(started: (t: TestSandbox) => void, options: TestSandboxOptions = {}): void {
  let current: TestSandbox | undefined;
  beforeEach(async () => {
    current = await startTestSandbox(options);
    started(current);
  });
  afterEach(() => current?.stop());
}

export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const clock = new TestClock();
  const { identityCenterProfiles = false, ...sandboxOptions } = options;
  const sandbox = await startSandbox({ clock: clock.now, ...sandboxOptions });
  const awsDir = await mkdtemp(join(tmpdir(), 'roletray-sandbox-'));
  const description = await writeAwsFiles(sandbox, awsDir, {
    webIdentityProfiles: true,
    identityCenterProfiles,
  });
  const user = (name: string) => {
    const found = description.users.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no user ${name}`);
    return found;
  };
  const common = (region: string) => ({
    endpoint: sandbox.endpoint,
    region,
    maxAttempts: 1,
    // Match the sandbox's clock when a test has moved it, as a client with a synced clock would be.
    systemClockOffset: clock.offsetMs,
  });
  return {
    sandbox,
    description,
    awsDir,
    clock,
    userKeys: (name) => ({
      accessKeyId: user(name).accessKeyId,
      secretAccessKey: user(name).secretAccessKey,
    }),
    mfaSerial: (name = 'Tyler-Dev') => user(name).mfa!.serial,
    mfaCode: (name = 'Tyler-Dev', stepsAhead = 0) =>
      totpAt(user(name).mfa!.secret, clock.now() + stepsAhead * 30_000),
    sts: (credentials, region = 'us-east-1') => new STSClient({ ...common(region), credentials }),
    iam: (credentials, region = 'us-east-1') => new IAMClient({ ...common(region), credentials }),
    s3: (credentials, config = {}) =>
      new S3Client({ ...common('us-east-1'), forcePathStyle: true, credentials, ...config }),
    signedFetch: async (credentials, request) => {
      const { service = 's3', method = 'GET', path = '/', query = {}, headers = {}, body } = request;
      const signer = new SignatureV4({
        service,
        region: 'us-east-1',
        credentials,
        sha256: Hash.bind(null, 'sha256'),
        uriEscapePath: service !== 's3',
      });
      const signed = await signer.sign(
        new HttpRequest({
          method,
          protocol: 'http:',
          hostname: '127.0.0.1',
          port: sandbox.port,
          path,
          query,
          headers: { ...headers, host: `127.0.0.1:${sandbox.port}` },
          ...(body === undefined ? {} : { body }),
        }),
        { signingDate: new Date(clock.now()) },
      );
      const { host: _host, ...sent } = signed.headers;
      const search = Object.entries(query)
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
        .join('&');
      return fetch(`${sandbox.endpoint}${path}${search ? `?${search}` : ''}`, {
        method,
        headers: sent,
        ...(body === undefined ? {} : { body }),
      });
    },
    stop: async () => {
      await sandbox.close();
      await rm(awsDir, { recursive: true, force: true });
    },
  };
}
