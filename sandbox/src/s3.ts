import { createHash, randomBytes } from 'node:crypto';
import type { Caller } from './auth';
import { AwsError, accessDenied } from './errors';
import { canonicalUserId, type Identities } from './identities';
import { evaluatePolicies, type Decision, type RequestContext } from './policy';
import { single, type SandboxRequest } from './request';
import { Bucket, md5Etag } from './s3-buckets';
import {
  checkPreconditions,
  decodeToken,
  encodeS3Url,
  encodeToken,
  malformedXml,
  methodNotAllowed,
  notImplemented,
  objectHeaders,
  parseLimit,
  parseRange,
  parseXml,
  payload,
  responseOverrides,
  userMetadata,
} from './s3-wire';
import { escapeXml, RawXml, xmlDocument, type XmlNode } from './xml';

// S3's REST API over the sandbox's buckets: reads in full, writes evaluated against IAM so that a
// read-only role is refused exactly as on AWS, and the writes an allowed caller makes kept in memory.

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export interface S3Target {
  bucket?: string;
  key?: string;
}

const MAX_KEYS_LIMIT = 1000;
let lastIso: { epochMs: number; text: string } = { epochMs: NaN, text: '' };
/** ISO 8601 with milliseconds; a listing's objects mostly share one time, so the last is kept. */
function isoMillis(epochMs: number): string {
  if (lastIso.epochMs !== epochMs) lastIso = { epochMs, text: new Date(epochMs).toISOString() };
  return lastIso.text;
}

function xmlResponse(root: string, body: XmlNode, status = 200): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: xmlDocument(root, S3_NAMESPACE, body),
  };
}

/** Bucket and key from a virtual-hosted (`bucket.localhost`) or path-style request. */
export function s3Target(request: SandboxRequest): S3Target {
  const host = (request.headers['host'] ?? '').replace(/:\d+$/, '');
  const virtual = /^(.+)\.localhost$/.exec(host)?.[1];
  const path = request.rawPath.replace(/^\//, '');
  let bucket: string | undefined;
  let rawKey: string;
  if (virtual) {
    bucket = virtual;
    rawKey = path;
  } else {
    const slash = path.indexOf('/');
    bucket = slash < 0 ? path : path.slice(0, slash);
    rawKey = slash < 0 ? '' : path.slice(slash + 1);
  }
  let key: string;
  try {
    key = decodeURIComponent(rawKey);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
  return { ...(bucket ? { bucket: decodeURIComponent(bucket) } : {}), ...(key ? { key } : {}) };
}

const BUCKET_SUBRESOURCES: Record<string, string> = {
  acl: 'BucketAcl',
  policy: 'BucketPolicy',
  tagging: 'BucketTagging',
  versioning: 'BucketVersioning',
  cors: 'BucketCORS',
  encryption: 'EncryptionConfiguration',
  lifecycle: 'LifecycleConfiguration',
  website: 'BucketWebsite',
  logging: 'BucketLogging',
  notification: 'BucketNotification',
  ownershipControls: 'BucketOwnershipControls',
  publicAccessBlock: 'BucketPublicAccessBlock',
  replication: 'ReplicationConfiguration',
  requestPayment: 'BucketRequestPayment',
  accelerate: 'AccelerateConfiguration',
  'object-lock': 'BucketObjectLockConfiguration',
};
const OBJECT_SUBRESOURCES: Record<string, string> = {
  acl: 'ObjectAcl',
  tagging: 'ObjectTagging',
  retention: 'ObjectRetention',
  'legal-hold': 'ObjectLegalHold',
  attributes: 'ObjectAttributes',
  torrent: 'ObjectTorrent',
  restore: 'RestoreObject',
};

interface Operation {
  name: string;
  /** The IAM action checked before the handler runs; undefined when the handler authorizes itself. */
  action?: string;
  run: (context: OperationContext) => SandboxResponse | Promise<SandboxResponse>;
}

interface OperationContext {
  request: SandboxRequest;
  caller: Caller;
  bucketName: string;
  bucket: Bucket;
  key: string;
}

interface Upload {
  bucket: string;
  key: string;
  contentType: string;
  metadata: Record<string, string>;
  parts: Map<number, { body: Buffer; etag: string }>;
}

/** An operation the sandbox authorizes (so denials read as on AWS) but does not carry out. */
function unimplemented(name: string, action: string): Operation {
  return { name, action, run: notImplemented(name) };
}

/** CreateBucket is answered by handle() before any bucket is looked up; this only names it. */
const CREATE_BUCKET: Operation = {
  name: 'CreateBucket',
  run: () => {
    throw new Error('CreateBucket is handled before bucket lookup');
  },
};

export class S3Service {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly identities: Identities,
    readonly buckets: Map<string, Bucket>,
    private readonly now: () => number,
  ) {}

  async handle(request: SandboxRequest, target: S3Target, caller: Caller): Promise<SandboxResponse> {
    if (!target.bucket) {
      if (request.method !== 'GET') throw methodNotAllowed(request.method, 'SERVICE');
      return this.listBuckets(request, caller);
    }
    const bucketName = target.bucket;
    const key = target.key ?? '';
    const operation = key === '' ? this.bucketOperation(request) : this.objectOperation(request);
    if (operation.name === 'CreateBucket') return this.createBucket(request, caller, bucketName);
    const bucket = this.buckets.get(bucketName);
    if (!bucket) {
      throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, {
        BucketName: bucketName,
      });
    }
    // S3 answers a request signed for another region with a redirect naming the bucket's region.
    if (operation.name !== 'GetBucketLocation' && caller.claim.region !== bucket.region) {
      throw new AwsError(
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        301,
        { Endpoint: request.headers['host'] ?? '', Bucket: bucketName },
        { 'x-amz-bucket-region': bucket.region },
      );
    }
    if (operation.action) {
      const resource = key === '' ? `arn:aws:s3:::${bucketName}` : `arn:aws:s3:::${bucketName}/${key}`;
      this.authorize(caller, operation.action, resource, bucket);
    }
    return operation.run({ request, caller, bucketName, bucket, key });
  }

  /** Identity policies, plus the bucket policy where there is one; across accounts both must allow. */
  private authorize(
    caller: Caller,
    action: string,
    resource: string,
    bucket: Bucket | undefined,
    extra: RequestContext = {},
  ) {
    const decision = this.decide(caller, action, resource, bucket, extra);
    if (decision.allowed) return;
    const principal = caller.record.principal.arn;
    throw accessDenied(
      `User: ${principal} is not authorized to perform: ${action} on resource: "${resource}" ${decision.reason}`,
    );
  }

  private decide(
    caller: Caller,
    action: string,
    resource: string,
    bucket: Bucket | undefined,
    extra: RequestContext,
  ) {
    const { record } = caller;
    const context = { ...this.identities.requestContext(record), ...extra };
    const request = { action, resource, context, principal: this.identities.principalRef(record.principal) };
    const identity: Decision = evaluatePolicies(this.identities.identityPolicies(record.principal), request);
    const resourcePolicy: Decision = bucket?.policy
      ? evaluatePolicies([bucket.policy], request)
      : 'implicit-deny';
    if (identity === 'explicit-deny')
      return { allowed: false, reason: 'with an explicit deny in an identity-based policy' };
    if (resourcePolicy === 'explicit-deny')
      return { allowed: false, reason: 'with an explicit deny in a resource-based policy' };
    const sameAccount = !bucket || bucket.account === record.principal.account;
    if (
      sameAccount
        ? identity === 'allow' || resourcePolicy === 'allow'
        : identity === 'allow' && resourcePolicy === 'allow'
    ) {
      return { allowed: true, reason: '' };
    }
    return {
      allowed: false,
      reason:
        identity === 'allow'
          ? `because no resource-based policy allows the ${action} action`
          : `because no identity-based policy allows the ${action} action`,
    };
  }

  private bucketOperation(request: SandboxRequest): Operation {
    const q = request.query;
    const sub = Object.keys(BUCKET_SUBRESOURCES).find((name) => name in q);
    switch (request.method) {
      case 'GET':
        if ('location' in q)
          return {
            name: 'GetBucketLocation',
            action: 's3:GetBucketLocation',
            run: (c) => this.getBucketLocation(c),
          };
        if ('uploads' in q) return unimplemented('ListMultipartUploads', 's3:ListBucketMultipartUploads');
        if ('versions' in q) return unimplemented('ListObjectVersions', 's3:ListBucketVersions');
        if (sub) return unimplemented(`Get${BUCKET_SUBRESOURCES[sub]}`, `s3:Get${BUCKET_SUBRESOURCES[sub]}`);
        if (single(q, 'list-type') === '2')
          return { name: 'ListObjectsV2', run: (c) => this.listObjects(c, 2) };
        return { name: 'ListObjects', run: (c) => this.listObjects(c, 1) };
      case 'HEAD':
        return {
          name: 'HeadBucket',
          action: 's3:ListBucket',
          run: (c) => ({ status: 200, headers: { 'x-amz-bucket-region': c.bucket.region } }),
        };
      case 'PUT':
        if (sub) return unimplemented(`Put${BUCKET_SUBRESOURCES[sub]}`, `s3:Put${BUCKET_SUBRESOURCES[sub]}`);
        return CREATE_BUCKET;
      case 'DELETE':
        if (sub)
          return unimplemented(`Delete${BUCKET_SUBRESOURCES[sub]}`, `s3:Put${BUCKET_SUBRESOURCES[sub]}`);
        return { name: 'DeleteBucket', action: 's3:DeleteBucket', run: (c) => this.deleteBucket(c) };
      case 'POST':
        if ('delete' in q) return { name: 'DeleteObjects', run: (c) => this.deleteObjects(c) };
        throw methodNotAllowed(request.method, 'BUCKET');
      default:
        throw methodNotAllowed(request.method, 'BUCKET');
    }
  }

  private objectOperation(request: SandboxRequest): Operation {
    const q = request.query;
    const sub = Object.keys(OBJECT_SUBRESOURCES).find((name) => name in q);
    const uploadId = single(q, 'uploadId');
    switch (request.method) {
      case 'GET':
        if (uploadId !== undefined) return unimplemented('ListParts', 's3:ListMultipartUploadParts');
        if (sub) return unimplemented(`Get${OBJECT_SUBRESOURCES[sub]}`, `s3:Get${OBJECT_SUBRESOURCES[sub]}`);
        return { name: 'GetObject', action: 's3:GetObject', run: (c) => this.getObject(c, true) };
      case 'HEAD':
        return { name: 'HeadObject', action: 's3:GetObject', run: (c) => this.getObject(c, false) };
      case 'PUT':
        if (uploadId !== undefined)
          return { name: 'UploadPart', action: 's3:PutObject', run: (c) => this.uploadPart(c, uploadId) };
        if (sub) return unimplemented(`Put${OBJECT_SUBRESOURCES[sub]}`, `s3:Put${OBJECT_SUBRESOURCES[sub]}`);
        if (request.headers['x-amz-copy-source'])
          return { name: 'CopyObject', action: 's3:PutObject', run: (c) => this.copyObject(c) };
        return { name: 'PutObject', action: 's3:PutObject', run: (c) => this.putObject(c) };
      case 'DELETE':
        if (uploadId !== undefined)
          return {
            name: 'AbortMultipartUpload',
            action: 's3:AbortMultipartUpload',
            run: (c) => this.abortUpload(c, uploadId),
          };
        if (sub)
          return unimplemented(`Delete${OBJECT_SUBRESOURCES[sub]}`, `s3:Delete${OBJECT_SUBRESOURCES[sub]}`);
        return { name: 'DeleteObject', action: 's3:DeleteObject', run: (c) => this.deleteObject(c) };
      case 'POST':
        if ('uploads' in q)
          return { name: 'CreateMultipartUpload', action: 's3:PutObject', run: (c) => this.createUpload(c) };
        if (uploadId !== undefined)
          return {
            name: 'CompleteMultipartUpload',
            action: 's3:PutObject',
            run: (c) => this.completeUpload(c, uploadId),
          };
        throw methodNotAllowed(request.method, 'OBJECT');
      default:
        throw methodNotAllowed(request.method, 'OBJECT');
    }
  }

  private listBuckets(request: SandboxRequest, caller: Caller): SandboxResponse {
    this.authorize(caller, 's3:ListAllMyBuckets', '*', undefined);
    const account = caller.record.principal.account;
    const q = request.query;
    // S3 adds BucketRegion only when the request used one of ListBuckets' parameters.
    const withRegion = ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'].some(
      (name) => name in q,
    );
    const prefix = single(q, 'prefix') ?? '';
    const regionFilter = single(q, 'bucket-region');
    const maxBuckets = parseLimit(single(q, 'max-buckets'), 'max-buckets', 10000) ?? 10000;
    const after = decodeToken(single(q, 'continuation-token'));
    const owned = [...this.buckets.values()]
      .filter((bucket) => bucket.account === account && bucket.name.startsWith(prefix))
      .filter((bucket) => !regionFilter || bucket.region === regionFilter)
      .filter((bucket) => after === '' || bucket.name > after)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const page = owned.slice(0, maxBuckets);
    const truncated = owned.length > page.length;
    return xmlResponse('ListAllMyBucketsResult', {
      Owner: { ID: canonicalUserId(account) },
      Buckets: {
        Bucket: page.map((bucket) => ({
          Name: bucket.name,
          CreationDate: isoMillis(bucket.created),
          BucketRegion: withRegion ? bucket.region : undefined,
        })),
      },
      ContinuationToken: truncated ? encodeToken(page[page.length - 1]!.name) : undefined,
      Prefix: 'prefix' in q ? prefix : undefined,
    });
  }

  private getBucketLocation({ bucket }: OperationContext): SandboxResponse {
    // us-east-1 is the empty LocationConstraint, as clients expect.
    const body =
      bucket.region === 'us-east-1'
        ? `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}"/>`
        : `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}">${bucket.region}</LocationConstraint>`;
    return { status: 200, headers: { 'content-type': 'application/xml' }, body };
  }

  private listObjects(
    { request, caller, bucket, bucketName }: OperationContext,
    version: 1 | 2,
  ): SandboxResponse {
    const q = request.query;
    const prefix = single(q, 'prefix') ?? '';
    const delimiter = single(q, 'delimiter') ?? '';
    const encodingType = single(q, 'encoding-type');
    if (encodingType !== undefined && encodingType !== 'url') {
      throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request', 400, {
        ArgumentName: 'encoding-type',
        ArgumentValue: encodingType,
      });
    }
    const maxKeys = Math.min(
      parseLimit(single(q, 'max-keys'), 'max-keys', 2147483647) ?? MAX_KEYS_LIMIT,
      MAX_KEYS_LIMIT,
    );
    this.authorize(caller, 's3:ListBucket', `arn:aws:s3:::${bucketName}`, bucket, {
      's3:prefix': prefix,
      's3:delimiter': delimiter,
      's3:max-keys': String(maxKeys),
    });
    const encode = (value: string) => (encodingType === 'url' ? encodeS3Url(value) : value);
    const continuation = single(q, 'continuation-token');
    const startAfter = single(q, 'start-after');
    const marker = single(q, 'marker');
    const after =
      version === 2
        ? continuation !== undefined
          ? decodeToken(continuation)
          : (startAfter ?? '')
        : (marker ?? '');
    const page = bucket.list(prefix, delimiter, after, maxKeys);
    const fetchOwner = version === 1 || single(q, 'fetch-owner') === 'true';
    // Written directly: a page has a thousand of these, and a listing is what S3 answers most.
    const owner = fetchOwner ? `<Owner><ID>${canonicalUserId(bucket.account)}</ID></Owner>` : '';
    let contentsXml = '';
    for (const object of page.objects) {
      contentsXml +=
        `<Contents><Key>${escapeXml(encode(object.key))}</Key><LastModified>${isoMillis(object.lastModified)}</LastModified>` +
        `<ETag>${escapeXml(object.etag)}</ETag><Size>${object.size}</Size>${owner}` +
        `<StorageClass>${escapeXml(object.storageClass)}</StorageClass></Contents>`;
    }
    const contents = new RawXml(contentsXml);
    const commonPrefixes = page.commonPrefixes.map((common) => ({ Prefix: encode(common) }));
    const body: XmlNode =
      version === 2
        ? {
            Name: bucketName,
            Prefix: encode(prefix),
            ContinuationToken: continuation,
            NextContinuationToken: page.isTruncated && page.last ? encodeToken(page.last) : undefined,
            StartAfter: startAfter === undefined ? undefined : encode(startAfter),
            KeyCount: page.objects.length + commonPrefixes.length,
            MaxKeys: maxKeys,
            Delimiter: delimiter === '' ? undefined : encode(delimiter),
            EncodingType: encodingType,
            IsTruncated: page.isTruncated,
            Contents: contents,
            CommonPrefixes: commonPrefixes,
          }
        : {
            Name: bucketName,
            Prefix: encode(prefix),
            Marker: encode(marker ?? ''),
            NextMarker: page.isTruncated && delimiter !== '' && page.last ? encode(page.last) : undefined,
            MaxKeys: maxKeys,
            Delimiter: delimiter === '' ? undefined : encode(delimiter),
            EncodingType: encodingType,
            IsTruncated: page.isTruncated,
            Contents: contents,
            CommonPrefixes: commonPrefixes,
          };
    return xmlResponse('ListBucketResult', body);
  }

  private getObject(
    { request, caller, bucket, bucketName, key }: OperationContext,
    withBody: boolean,
  ): SandboxResponse {
    const object = bucket.get(key);
    if (!object) {
      // Without s3:ListBucket a missing key is indistinguishable from a forbidden one, as on AWS.
      const canList = this.decide(caller, 's3:ListBucket', `arn:aws:s3:::${bucketName}`, bucket, {
        's3:prefix': key,
      }).allowed;
      if (!canList)
        throw accessDenied(
          `User: ${caller.record.principal.arn} is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::${bucketName}" because no identity-based policy allows the s3:ListBucket action`,
        );
      throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
    }
    const versionId = single(request.query, 'versionId');
    if (versionId !== undefined && versionId !== object.versionId) {
      throw new AwsError('NoSuchVersion', 'The specified version does not exist.', 404, {
        Key: key,
        VersionId: versionId,
      });
    }
    const headers = objectHeaders(object);
    const precondition = checkPreconditions(request, object);
    if (precondition === 304)
      return { status: 304, headers: { etag: object.etag, 'last-modified': headers['last-modified']! } };
    if (withBody && (object.storageClass === 'GLACIER' || object.storageClass === 'DEEP_ARCHIVE')) {
      throw new AwsError(
        'InvalidObjectState',
        "The operation is not valid for the object's storage class",
        403,
        {
          StorageClass: object.storageClass,
        },
      );
    }
    const range = parseRange(request.headers['range'], object.size);
    if (range === 'unsatisfiable') {
      throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
        RangeRequested: request.headers['range'] ?? '',
        ActualObjectSize: String(object.size),
      });
    }
    const overrides = responseOverrides(request);
    Object.assign(headers, overrides);
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${object.size}`;
      headers['content-length'] = String(range.end - range.start + 1);
    }
    if (!withBody) return { status: range ? 206 : 200, headers };
    const body = object.body();
    return {
      status: range ? 206 : 200,
      headers,
      body: range ? body.subarray(range.start, range.end + 1) : body,
    };
  }

  private putObject({ request, bucket, key }: OperationContext): SandboxResponse {
    const body = payload(request);
    if (Buffer.byteLength(key) > 1024) throw new AwsError('KeyTooLongError', 'Your key is too long', 400);
    const stored = bucket.put({
      key,
      size: body.length,
      lastModified: this.now(),
      etag: md5Etag(body),
      contentType: request.headers['content-type'] ?? 'binary/octet-stream',
      storageClass: request.headers['x-amz-storage-class'] ?? 'STANDARD',
      metadata: userMetadata(request),
      body: () => body,
    });
    return {
      status: 200,
      headers: {
        etag: stored.etag,
        ...(stored.versionId ? { 'x-amz-version-id': stored.versionId } : {}),
        'x-amz-server-side-encryption': 'AES256',
      },
    };
  }

  private copyObject(context: OperationContext): SandboxResponse {
    const { request, caller, bucket, key } = context;
    const source = decodeURIComponent(
      (request.headers['x-amz-copy-source'] ?? '').replace(/^\//, '').split('?')[0]!,
    );
    const slash = source.indexOf('/');
    const sourceBucket = this.buckets.get(source.slice(0, slash));
    const sourceKey = source.slice(slash + 1);
    this.authorize(caller, 's3:GetObject', `arn:aws:s3:::${source}`, sourceBucket);
    const original = sourceBucket?.get(sourceKey);
    if (!original)
      throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: sourceKey });
    const data = original.body();
    const stored = bucket.put({ ...original, key, lastModified: this.now(), body: () => data });
    return xmlResponse('CopyObjectResult', {
      LastModified: isoMillis(stored.lastModified),
      ETag: stored.etag,
    });
  }

  private deleteObject({ bucket, key }: OperationContext): SandboxResponse {
    bucket.delete(key);
    return { status: 204, headers: {} };
  }

  private deleteObjects({ request, caller, bucket, bucketName }: OperationContext): SandboxResponse {
    const parsed = parseXml(request.body) as { Delete?: { Object?: { Key?: string }[]; Quiet?: string } };
    const objects = parsed.Delete?.Object ?? [];
    if (objects.length === 0 || objects.length > 1000) throw malformedXml();
    const deleted: XmlNode[] = [];
    const errors: XmlNode[] = [];
    for (const { Key: key } of objects) {
      if (typeof key !== 'string') throw malformedXml();
      const decision = this.decide(
        caller,
        's3:DeleteObject',
        `arn:aws:s3:::${bucketName}/${key}`,
        bucket,
        {},
      );
      if (!decision.allowed) {
        errors.push({ Key: key, Code: 'AccessDenied', Message: 'Access Denied' });
        continue;
      }
      bucket.delete(key);
      if (parsed.Delete?.Quiet !== 'true') deleted.push({ Key: key });
    }
    return xmlResponse('DeleteResult', { Deleted: deleted, Error: errors });
  }

  private createBucket(request: SandboxRequest, caller: Caller, name: string): SandboxResponse {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) || name.includes('..')) {
      throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, {
        BucketName: name,
      });
    }
    this.authorize(caller, 's3:CreateBucket', `arn:aws:s3:::${name}`, undefined);
    let region = 'us-east-1';
    if (request.body.length > 0) {
      const parsed = parseXml(request.body) as {
        CreateBucketConfiguration?: { LocationConstraint?: string };
      };
      if (!parsed.CreateBucketConfiguration) throw malformedXml();
      region = parsed.CreateBucketConfiguration.LocationConstraint || 'us-east-1';
    }
    if (region !== caller.claim.region) {
      throw new AwsError(
        'IllegalLocationConstraintException',
        `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        400,
      );
    }
    const existing = this.buckets.get(name);
    if (existing) {
      // us-east-1 keeps a legacy answer: re-creating a bucket you already own there is 200 OK.
      if (
        existing.account === caller.record.principal.account &&
        existing.region === 'us-east-1' &&
        region === 'us-east-1'
      ) {
        return { status: 200, headers: { location: `/${name}` } };
      }
      throw existing.account === caller.record.principal.account
        ? new AwsError(
            'BucketAlreadyOwnedByYou',
            'Your previous request to create the named bucket succeeded and you already own it.',
            409,
            { BucketName: name },
          )
        : new AwsError(
            'BucketAlreadyExists',
            'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
            409,
            { BucketName: name },
          );
    }
    this.buckets.set(
      name,
      new Bucket(name, caller.record.principal.account, region, this.now(), false, undefined, undefined),
    );
    return { status: 200, headers: { location: `/${name}` } };
  }

  private deleteBucket({ bucket, bucketName }: OperationContext): SandboxResponse {
    if (bucket.size > 0) {
      throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
        BucketName: bucketName,
      });
    }
    this.buckets.delete(bucketName);
    return { status: 204, headers: {} };
  }

  private createUpload({ request, bucketName, key }: OperationContext): SandboxResponse {
    const uploadId = randomBytes(24).toString('base64url');
    this.uploads.set(uploadId, {
      bucket: bucketName,
      key,
      contentType: request.headers['content-type'] ?? 'binary/octet-stream',
      metadata: userMetadata(request),
      parts: new Map(),
    });
    return xmlResponse('InitiateMultipartUploadResult', { Bucket: bucketName, Key: key, UploadId: uploadId });
  }

  private upload(uploadId: string, bucketName: string, key: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.bucket !== bucketName || upload.key !== key) {
      throw new AwsError(
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        404,
        { UploadId: uploadId },
      );
    }
    return upload;
  }

  private uploadPart({ request, bucketName, key }: OperationContext, uploadId: string): SandboxResponse {
    const upload = this.upload(uploadId, bucketName, key);
    const partNumber = Number(single(request.query, 'partNumber'));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw new AwsError(
        'InvalidArgument',
        'Part number must be an integer between 1 and 10000, inclusive',
        400,
        {
          ArgumentName: 'partNumber',
          ArgumentValue: String(single(request.query, 'partNumber')),
        },
      );
    }
    const body = payload(request);
    const etag = md5Etag(body);
    upload.parts.set(partNumber, { body, etag });
    return { status: 200, headers: { etag } };
  }

  private completeUpload(
    { request, bucket, bucketName, key }: OperationContext,
    uploadId: string,
  ): SandboxResponse {
    const upload = this.upload(uploadId, bucketName, key);
    const parsed = parseXml(request.body) as {
      CompleteMultipartUpload?: { Part?: { PartNumber?: string; ETag?: string }[] };
    };
    const listed = parsed.CompleteMultipartUpload?.Part ?? [];
    if (listed.length === 0) throw malformedXml();
    const bodies: Buffer[] = [];
    const digests: Buffer[] = [];
    for (const part of listed) {
      const stored = upload.parts.get(Number(part.PartNumber));
      if (!stored || stored.etag.replace(/"/g, '') !== String(part.ETag ?? '').replace(/"/g, '')) {
        throw new AwsError(
          'InvalidPart',
          "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
          400,
        );
      }
      bodies.push(stored.body);
      digests.push(Buffer.from(stored.etag.replace(/"/g, ''), 'hex'));
    }
    const body = Buffer.concat(bodies);
    const etag = `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${listed.length}"`;
    bucket.put({
      key,
      size: body.length,
      lastModified: this.now(),
      etag,
      contentType: upload.contentType,
      storageClass: 'STANDARD',
      metadata: upload.metadata,
      body: () => body,
    });
    this.uploads.delete(uploadId);
    return xmlResponse('CompleteMultipartUploadResult', {
      Location: `/${bucketName}/${key}`,
      Bucket: bucketName,
      Key: key,
      ETag: etag,
    });
  }

  private abortUpload({ bucketName, key }: OperationContext, uploadId: string): SandboxResponse {
    this.upload(uploadId, bucketName, key);
    this.uploads.delete(uploadId);
    return { status: 204, headers: {} };
  }
}
