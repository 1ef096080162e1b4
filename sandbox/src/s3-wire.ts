import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { AwsError } from './errors';
import { single, type SandboxRequest } from './request';
import type { SandboxResponse } from './s3';
import type { StoredObject } from './s3-buckets';

// S3's request and response details, apart from which operation runs: ranges, preconditions,
// object headers, upload payload checks, continuation tokens, argument limits and XML bodies.

const MAX_OBJECT_BYTES = 64 * 1024 * 1024;
const httpDate = (epochMs: number) => new Date(epochMs).toUTCString();
const xmlParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'Object' || name === 'Part',
});

export function notImplemented(operation: string) {
  return (): SandboxResponse => {
    throw new AwsError('NotImplemented', `The RoleTray sandbox does not implement ${operation}.`, 501);
  };
}

export function methodNotAllowed(method: string, resourceType: string): AwsError {
  return new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: method,
    ResourceType: resourceType,
  });
}

export const malformedXml = () =>
  new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

export function parseXml(body: Buffer): unknown {
  try {
    const text = body.toString('utf8');
    if (!text.trim().startsWith('<')) throw new Error('not XML');
    return xmlParser.parse(text, true);
  } catch {
    throw malformedXml();
  }
}

/** URL-encoding as S3 applies it with encoding-type=url (spaces as '+', '/' kept). */
export function encodeS3Url(value: string): string {
  // What encodeURIComponent leaves alone, and '/': most keys are only that.
  if (/^[A-Za-z0-9\-_.!~*'()/]*$/.test(value)) return value;
  return encodeURIComponent(value).replace(/%2F/g, '/').replace(/%20/g, '+');
}

export const encodeToken = (last: string) => Buffer.from(`rt1:${last}`, 'utf8').toString('base64');
export function decodeToken(token: string | undefined): string {
  if (token === undefined) return '';
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  if (!decoded.startsWith('rt1:')) {
    throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
      ArgumentName: 'continuation-token',
      ArgumentValue: token,
    });
  }
  return decoded.slice(4);
}

export function parseLimit(raw: string | undefined, name: string, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) > max) {
    throw new AwsError('InvalidArgument', `Provided ${name} not an integer or within integer range`, 400, {
      ArgumentName: name,
      ArgumentValue: raw,
    });
  }
  const value = Number(raw);
  if (value < 0) {
    throw new AwsError(
      'InvalidArgument',
      `Argument ${name === 'max-keys' ? 'maxKeys' : name} must be an integer between 0 and ${max}`,
      400,
      {
        ArgumentName: name === 'max-keys' ? 'maxKeys' : name,
        ArgumentValue: raw,
      },
    );
  }
  return value;
}

export function objectHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    'content-length': String(object.size),
    etag: object.etag,
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  if (object.storageClass !== 'STANDARD') headers['x-amz-storage-class'] = object.storageClass;
  if (object.versionId) headers['x-amz-version-id'] = object.versionId;
  for (const [name, value] of Object.entries(object.metadata))
    headers[`x-amz-meta-${name.toLowerCase()}`] = value;
  return headers;
}

export function userMetadata(request: SandboxRequest): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  return metadata;
}

const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
  'response-content-language': 'content-language',
  'response-cache-control': 'cache-control',
  'response-expires': 'expires',
};

export function responseOverrides(request: SandboxRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = single(request.query, param);
    if (value !== undefined) headers[header] = value;
  }
  return headers;
}

/** RFC 7232 evaluation order, with S3's answers: 412 PreconditionFailed, or 304 for GET/HEAD. */
export function checkPreconditions(request: SandboxRequest, object: StoredObject): 200 | 304 {
  const h = request.headers;
  const matchesEtag = (list: string) =>
    list.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === object.etag);
  const modifiedSince = (date: string) =>
    Math.floor(object.lastModified / 1000) > Math.floor(Date.parse(date) / 1000);
  const failed = (condition: string) =>
    new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: condition,
    });
  if (h['if-match'] !== undefined) {
    if (!matchesEtag(h['if-match'])) throw failed('If-Match');
  } else if (h['if-unmodified-since'] !== undefined && !Number.isNaN(Date.parse(h['if-unmodified-since']))) {
    if (modifiedSince(h['if-unmodified-since'])) throw failed('If-Unmodified-Since');
  }
  if (h['if-none-match'] !== undefined) {
    if (matchesEtag(h['if-none-match'])) return 304;
  } else if (h['if-modified-since'] !== undefined && !Number.isNaN(Date.parse(h['if-modified-since']))) {
    if (!modifiedSince(h['if-modified-since'])) return 304;
  }
  return 200;
}

/** A single byte range as S3 honours it; multiple ranges or garbage are ignored (whole object). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** The object bytes of a PUT, checked against the signed payload hash and Content-MD5, aws-chunked decoded. */
export function payload(request: SandboxRequest): Buffer {
  const declared = request.headers['x-amz-content-sha256'];
  let body = request.body;
  if (declared === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') body = decodeAwsChunked(body);
  else if (declared?.startsWith('STREAMING-')) {
    throw new AwsError('NotImplemented', `The RoleTray sandbox does not accept ${declared} uploads.`, 501);
  }
  const md5 = request.headers['content-md5'];
  if (md5 !== undefined && createHash('md5').update(body).digest('base64') !== md5) {
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  if (body.length > MAX_OBJECT_BYTES) {
    throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
      MaxSizeAllowed: String(MAX_OBJECT_BYTES),
    });
  }
  return body;
}

/** aws-chunked framing: `<hex size>\r\n<data>\r\n` ... `0\r\n<trailers>\r\n\r\n`. */
function decodeAwsChunked(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400);
    const size = parseInt(body.subarray(offset, lineEnd).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size))
      throw new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400);
    if (size === 0) return Buffer.concat(chunks);
    chunks.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
