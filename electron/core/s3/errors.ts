import { RoleTrayError } from '../errors';
import { networkCode } from '../network-errors';
import { s3Uri } from '../../../shared/s3-names';

// S3's errors turned into sentences that say what was refused (which bucket, prefix or object) so
// the browser can show it in place and keep the rest usable. AWS's own code and words go alongside.

export type S3Action =
  'ListBuckets' | 'ListObjectsV2' | 'GetBucketLocation' | 'HeadBucket' | 'HeadObject' | 'GetObject';

export interface S3CallContext {
  action: S3Action;
  profile: string;
  /** For network errors: where S3 was expected to answer. */
  endpoint: string;
  bucket?: string;
  key?: string;
  prefix?: string;
}

interface SdkError {
  name?: unknown;
  message?: unknown;
  StorageClass?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/** HEAD answers have no body, so the SDK cannot name their errors: the status has to. */
const HEAD_STATUS_CODES: Record<number, string> = {
  301: 'PermanentRedirect',
  403: 'AccessDenied',
  404: 'NotFound',
};

function awsCodeOf(error: SdkError): string {
  const name = typeof error.name === 'string' ? error.name : 'Error';
  const status = error.$metadata?.httpStatusCode;
  if ((name === 'Unknown' || name === 'Forbidden' || name === 'NotFound') && status !== undefined) {
    return HEAD_STATUS_CODES[status] ?? name;
  }
  return name;
}

function deniedSentence(context: S3CallContext): string {
  const { profile, bucket = '', key, prefix } = context;
  switch (context.action) {
    case 'ListBuckets':
      return `${profile} may not list its account's buckets (s3:ListAllMyBuckets).`;
    case 'ListObjectsV2':
      return prefix
        ? `${profile} may not list ${prefix} in ${bucket}; the rest of the bucket can still be browsed.`
        : `${profile} may not list the bucket ${bucket}.`;
    case 'GetObject':
    case 'HeadObject':
      return `${profile} may not read ${s3Uri(bucket, key)}.`;
    default:
      return `${profile} may not look up the bucket ${bucket}.`;
  }
}

export function s3Error(error: unknown, context: S3CallContext): RoleTrayError {
  if (error instanceof RoleTrayError) return error;
  const { profile, bucket = '', key } = context;
  const network = networkCode(error);
  if (network) {
    return new RoleTrayError(
      'Network',
      `Cannot reach S3 at ${context.endpoint} (${network}); check the endpoint and your connection.`,
      { profile, unreachable: { service: 'S3', endpoint: context.endpoint } },
    );
  }
  const sdk = (error ?? {}) as SdkError;
  const awsCode = awsCodeOf(sdk);
  const awsMessage = typeof sdk.message === 'string' && sdk.message !== 'UnknownError' ? sdk.message : '';
  const aws = { profile, awsCode, ...(awsMessage ? { awsMessage } : {}) };
  const status = sdk.$metadata?.httpStatusCode ?? 0;
  switch (awsCode) {
    case 'AccessDenied':
    case 'AllAccessDisabled': {
      const explicit = /explicit deny/i.test(awsMessage) ? ' An explicit Deny in a policy refuses it.' : '';
      return new RoleTrayError('AccessDenied', `${deniedSentence(context)}${explicit}`, aws);
    }
    case 'ExpiredToken':
    case 'TokenRefreshRequired':
      return new RoleTrayError(
        'Expired',
        `The session for ${profile} has expired; renew it to keep browsing.`,
        aws,
      );
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
    case 'InvalidToken':
      return new RoleTrayError(
        'InvalidCredentials',
        `S3 does not accept the credentials of ${profile} (${awsCode}); renew the session.`,
        aws,
      );
    case 'NoSuchBucket':
      return new RoleTrayError('Validation', `There is no bucket named ${bucket}.`, aws);
    case 'NoSuchKey':
    case 'NotFound':
      return new RoleTrayError(
        'Validation',
        key === undefined ? `There is no bucket named ${bucket}.` : `${s3Uri(bucket, key)} does not exist.`,
        aws,
      );
    case 'InvalidObjectState': {
      const storageClass = typeof sdk.StorageClass === 'string' ? sdk.StorageClass : 'an archive tier';
      return new RoleTrayError(
        'Validation',
        `${s3Uri(bucket, key)} is archived in ${storageClass}; it must be restored before it can be read.`,
        aws,
      );
    }
    case 'PermanentRedirect': {
      const region = sdk.$response?.headers?.['x-amz-bucket-region'];
      return new RoleTrayError(
        'Internal',
        `${bucket} is in ${region ?? 'another region'} and S3's redirect could not be followed.`,
        aws,
      );
    }
    case 'RequestTimeTooSkewed':
      return new RoleTrayError(
        'Validation',
        "This computer's clock is more than 15 minutes off, so S3 refuses its signatures; correct the clock.",
        aws,
      );
    case 'SlowDown':
    case 'ServiceUnavailable':
    case 'InternalError':
      return new RoleTrayError(
        'Network',
        `S3 is not answering normally (${awsCode}); try again in a moment.`,
        aws,
      );
    default:
      if (status >= 500) {
        return new RoleTrayError(
          'Network',
          `S3 is not answering normally (HTTP ${status}); try again in a moment.`,
          aws,
        );
      }
      return new RoleTrayError(
        'Internal',
        `${context.action} on ${key === undefined ? bucket || 'S3' : s3Uri(bucket, key)} failed: ${awsCode}${awsMessage ? `: ${awsMessage}` : ''}`,
        aws,
      );
  }
}
