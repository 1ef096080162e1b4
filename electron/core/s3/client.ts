import { S3Client, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-s3';
import type { InitializeMiddleware } from '@smithy/types';
import type { AwsCredentials } from '../credentials';
import { RoleTrayError } from '../errors';

// The only S3 client RoleTray builds: read-only by construction. A middleware at the `initialize`
// step, the first one a command passes, lets through an explicit allowlist of read commands and
// throws for anything else, so a write (or a presigned write) is refused before it is serialised,
// signed or sent. It cannot be left out: the constructor adds it.

/** Every S3 command the browser may send. Anything not named here never leaves the process. */
export const READ_COMMANDS = [
  'ListBuckets',
  'ListObjectsV2',
  'HeadBucket',
  'GetBucketLocation',
  'HeadObject',
  'GetObject',
] as const;

/** What a presigned URL may be for: downloading one object. */
export const PRESIGN_COMMANDS = ['GetObject'] as const;

/** Tries per request: parallel listings and downloads meet S3's SlowDown, which passes with backoff. */
export const S3_ATTEMPTS = 5;

type S3Middleware = InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes>;

export const READ_ONLY_GUARD = 'roleTrayReadOnlyGuard';
const REGION_LEARNER = 'roleTrayBucketRegionLearner';

export function readOnlyGuard(allowed: readonly string[]): S3Middleware {
  const permitted = new Set(allowed);
  return (next, context) => async (args) => {
    // commandName is "PutObjectCommand"; a command without one is refused too (fail closed).
    const command = String(context.commandName ?? '').replace(/Command$/, '');
    if (!permitted.has(command)) {
      throw new RoleTrayError(
        'Internal',
        `RoleTray's S3 browser only reads: ${command || 'an unnamed command'} was refused before it left the app.`,
      );
    }
    return next(args);
  };
}

/**
 * Records a bucket's region when S3 names it: the 301 of a wrong-region request (before the SDK
 * follows it) and HeadBucket's answer. Sits inside the SDK's redirect middleware to see the 301.
 */
function regionLearner(learn: (bucket: string, region: string) => void): S3Middleware {
  return (next) => async (args) => {
    const bucket = (args.input as { Bucket?: unknown }).Bucket;
    try {
      const result = await next(args);
      const region = (result.output as { BucketRegion?: unknown }).BucketRegion;
      if (typeof bucket === 'string' && typeof region === 'string' && region) learn(bucket, region);
      return result;
    } catch (error) {
      const redirect = error as {
        $metadata?: { httpStatusCode?: number };
        $response?: { headers?: Record<string, string> };
      };
      const region = redirect.$response?.headers?.['x-amz-bucket-region'];
      if (typeof bucket === 'string' && region && redirect.$metadata?.httpStatusCode === 301)
        learn(bucket, region);
      throw error;
    }
  };
}

export interface ReadOnlyS3Options {
  region: string;
  /** A custom endpoint (the sandbox, a VPC endpoint); addressed path-style. */
  endpoint?: string;
  credentials: AwsCredentials;
  /** Defaults to READ_COMMANDS; the presigner passes PRESIGN_COMMANDS. */
  allowed?: readonly string[];
  /** Told each bucket region S3 reveals, so later calls go straight to it. */
  onBucketRegion?: (bucket: string, region: string) => void;
  maxAttempts?: number;
}

export class ReadOnlyS3Client extends S3Client {
  readonly allowed: readonly string[];

  constructor(options: ReadOnlyS3Options) {
    const { accessKeyId, secretAccessKey, sessionToken } = options.credentials;
    super({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      followRegionRedirects: true,
      // As the SDK retries: jittered exponential backoff on SlowDown, 503 and dropped connections.
      maxAttempts: options.maxAttempts ?? S3_ATTEMPTS,
      // Checksums only where S3 requires them: a ranged preview cannot be validated anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.allowed = [...(options.allowed ?? READ_COMMANDS)];
    this.middlewareStack.add(readOnlyGuard(this.allowed), {
      step: 'initialize',
      priority: 'high',
      name: READ_ONLY_GUARD,
    });
    const learn = options.onBucketRegion;
    if (learn) {
      this.middlewareStack.addRelativeTo(regionLearner(learn), {
        relation: 'after',
        toMiddleware: 'regionRedirectMiddleware',
        name: REGION_LEARNER,
      });
    }
  }
}
