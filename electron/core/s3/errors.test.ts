import { describe, expect, it } from 'vitest';
import { RoleTrayError } from '../errors';
import { s3Error, type S3CallContext } from './errors';

// S3's error codes (and HEAD's bodiless statuses) as the sentences the browser shows.

const context: S3CallContext = {
  action: 'GetObject',
  profile: 'prod-read-only',
  endpoint: 'http://127.0.0.1:9000',
  bucket: 'acme-prod-app-data',
  key: 'restricted/payroll.csv',
};
/** The same call, about the bucket rather than one object. */
const { key: _key, ...bucketContext } = context;

const sdkError = (name: string, status: number, message = '', extra: object = {}) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, ...extra });

describe('s3Error', () => {
  it('names what was denied: an object, a prefix, the bucket list', () => {
    const explicit =
      'User: x is not authorized to perform: s3:GetObject ... with an explicit deny in an identity-based policy';
    expect(s3Error(sdkError('AccessDenied', 403, explicit), context).info).toEqual({
      kind: 'AccessDenied',
      message:
        'prod-read-only may not read s3://acme-prod-app-data/restricted/payroll.csv. An explicit Deny in a policy refuses it.',
      profile: 'prod-read-only',
      awsCode: 'AccessDenied',
      awsMessage: explicit,
    });
    const listing = { ...bucketContext, action: 'ListObjectsV2' as const, prefix: 'restricted/' };
    expect(s3Error(sdkError('AccessDenied', 403, 'Access Denied'), listing).message).toBe(
      'prod-read-only may not list restricted/ in acme-prod-app-data; the rest of the bucket can still be browsed.',
    );
    expect(s3Error(sdkError('AccessDenied', 403), { ...listing, prefix: '' }).message).toBe(
      'prod-read-only may not list the bucket acme-prod-app-data.',
    );
    expect(s3Error(sdkError('AccessDenied', 403), { ...context, action: 'ListBuckets' }).message).toBe(
      "prod-read-only may not list its account's buckets (s3:ListAllMyBuckets).",
    );
  });

  it('reads bodiless HEAD errors from their status', () => {
    const head = { ...context, action: 'HeadObject' as const };
    expect(s3Error(sdkError('Unknown', 403, 'UnknownError'), head).info).toEqual({
      kind: 'AccessDenied',
      message: 'prod-read-only may not read s3://acme-prod-app-data/restricted/payroll.csv.',
      profile: 'prod-read-only',
      awsCode: 'AccessDenied',
    });
    expect(s3Error(sdkError('NotFound', 404), head).message).toBe(
      's3://acme-prod-app-data/restricted/payroll.csv does not exist.',
    );
    expect(s3Error(sdkError('NotFound', 404), { ...bucketContext, action: 'HeadBucket' }).message).toBe(
      'There is no bucket named acme-prod-app-data.',
    );
  });

  it('says expired, rejected, missing, archived, skewed, busy and unreachable in words', () => {
    const kind = (error: unknown) => [s3Error(error, context).kind, s3Error(error, context).message];
    expect(kind(sdkError('ExpiredToken', 400, 'The provided token has expired.'))).toEqual([
      'Expired',
      'The session for prod-read-only has expired; renew it to keep browsing.',
    ]);
    expect(kind(sdkError('InvalidToken', 400))).toEqual([
      'InvalidCredentials',
      'S3 does not accept the credentials of prod-read-only (InvalidToken); renew the session.',
    ]);
    expect(kind(sdkError('NoSuchBucket', 404))).toEqual([
      'Validation',
      'There is no bucket named acme-prod-app-data.',
    ]);
    expect(kind(sdkError('InvalidObjectState', 403, '', { StorageClass: 'DEEP_ARCHIVE' }))).toEqual([
      'Validation',
      's3://acme-prod-app-data/restricted/payroll.csv is archived in DEEP_ARCHIVE; it must be restored before it can be read.',
    ]);
    expect(kind(sdkError('RequestTimeTooSkewed', 403))[0]).toBe('Validation');
    expect(kind(sdkError('SlowDown', 503))).toEqual([
      'Network',
      'S3 is not answering normally (SlowDown); try again in a moment.',
    ]);
    expect(kind(sdkError('Weird', 502))[0]).toBe('Network');
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    expect(kind(Object.assign(new Error('x'), { cause: refused }))).toEqual([
      'Network',
      'Cannot reach S3 at http://127.0.0.1:9000 (ECONNREFUSED); check the endpoint and your connection.',
    ]);
    expect(kind(sdkError('Teapot', 418, 'short and stout'))).toEqual([
      'Internal',
      'GetObject on s3://acme-prod-app-data/restricted/payroll.csv failed: Teapot: short and stout',
    ]);
    const own = new RoleTrayError('Expired', 'already a sentence');
    expect(s3Error(own, context)).toBe(own);
  });
});
