import { timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SandboxRequest } from './request';

// SigV4 as AWS checks it: parse what the client claims (header or presigned query), then recompute the
// signature with the SDK's own signer over exactly the headers the client said it signed.

export interface ClaimedSignature {
  mode: 'header' | 'query';
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** x-amz-date / X-Amz-Date, ISO basic format (20261128T120000Z). */
  amzDate: string;
  sessionToken?: string;
  /** Presigned URLs only: X-Amz-Expires seconds. */
  expiresIn?: number;
}

export class MalformedAuthorization extends Error {}
export class UnsupportedAuthorization extends Error {}

const QUERY_AUTH_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
];

function parseCredential(credential: string) {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || parts.some((part) => part === '')) {
    throw new MalformedAuthorization(
      `Credential should be scoped to a valid region, service and date: '${credential}' is not <key>/<date>/<region>/<service>/aws4_request.`,
    );
  }
  const [accessKeyId, scopeDate, region, service] = parts as [string, string, string, string];
  return { accessKeyId, scopeDate, region, service };
}

/** What the request claims about its signature; undefined for an anonymous request. */
export function claimedSignature(request: SandboxRequest): ClaimedSignature | undefined {
  const header = request.headers['authorization'];
  const sessionToken = request.headers['x-amz-security-token'];
  if (header !== undefined) {
    const space = header.indexOf(' ');
    const algorithm = space < 0 ? header : header.slice(0, space);
    if (algorithm !== 'AWS4-HMAC-SHA256') {
      throw new UnsupportedAuthorization(`Unsupported Authorization algorithm '${algorithm.slice(0, 32)}'.`);
    }
    const fields = new Map<string, string>();
    for (const field of header.slice(space + 1).split(',')) {
      const eq = field.indexOf('=');
      if (eq > 0) fields.set(field.slice(0, eq).trim(), field.slice(eq + 1).trim());
    }
    for (const required of ['Credential', 'SignedHeaders', 'Signature']) {
      if (!fields.get(required)) {
        throw new MalformedAuthorization(
          `Authorization header requires '${required}' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header.slice(0, 200)}`,
        );
      }
    }
    const amzDate = request.headers['x-amz-date'];
    if (!amzDate) {
      throw new MalformedAuthorization(
        `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header.slice(0, 200)}`,
      );
    }
    return {
      mode: 'header',
      ...parseCredential(fields.get('Credential')!),
      signedHeaders: fields.get('SignedHeaders')!.split(';'),
      signature: fields.get('Signature')!,
      amzDate,
      ...(sessionToken === undefined ? {} : { sessionToken }),
    };
  }
  const query = (name: string) => {
    const value = request.query[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const algorithm = query('X-Amz-Algorithm');
  if (algorithm === undefined) {
    if (query('AWSAccessKeyId') !== undefined)
      throw new UnsupportedAuthorization('Signature Version 2 is not supported.');
    return undefined;
  }
  if (algorithm !== 'AWS4-HMAC-SHA256')
    throw new UnsupportedAuthorization(`Unsupported X-Amz-Algorithm '${algorithm}'.`);
  const missing = [
    'X-Amz-Credential',
    'X-Amz-Date',
    'X-Amz-Expires',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
  ].filter((name) => !query(name));
  if (missing.length > 0) {
    throw new MalformedAuthorization(
      `Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.`,
    );
  }
  const expiresIn = Number(query('X-Amz-Expires'));
  if (!Number.isInteger(expiresIn) || expiresIn < 0) {
    throw new MalformedAuthorization('X-Amz-Expires should be a number');
  }
  const token = query('X-Amz-Security-Token');
  return {
    mode: 'query',
    ...parseCredential(query('X-Amz-Credential')!),
    signedHeaders: query('X-Amz-SignedHeaders')!.split(';'),
    signature: query('X-Amz-Signature')!,
    amzDate: query('X-Amz-Date')!,
    expiresIn,
    ...(token === undefined ? {} : { sessionToken: token }),
  };
}

/** Parses 20261128T120000Z; NaN when malformed. */
export function parseAmzDate(amzDate: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return Number.NaN;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  return Date.UTC(year!, month! - 1, day, hour, minute, second);
}

export function formatAmzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Recomputes the signature with the client's claimed scope and our copy of the secret.
 * S3 signs the path as sent (no second encoding); other services sign the decoded path re-encoded.
 */
export async function signatureMatches(
  request: SandboxRequest,
  claim: ClaimedSignature,
  secretAccessKey: string,
  service: 's3' | 'sts' | 'iam',
): Promise<boolean> {
  const signed = new Set(claim.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const hostHeader = request.headers['host'] ?? '';
  const colon = hostHeader.lastIndexOf(':');
  const query = { ...request.query };
  if (claim.mode === 'query') for (const name of QUERY_AUTH_PARAMS) delete query[name];
  let path = request.rawPath;
  if (service !== 's3') {
    try {
      path = decodeURIComponent(request.rawPath);
    } catch {
      return false;
    }
  }
  const httpRequest = new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname: colon > 0 ? hostHeader.slice(0, colon) : hostHeader,
    path,
    query,
    headers,
    body: request.body.length > 0 ? request.body : undefined,
  });
  const signer = new SignatureV4({
    service: claim.service,
    region: claim.region,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: service !== 's3',
    applyChecksum: false,
    credentials: {
      accessKeyId: claim.accessKeyId,
      secretAccessKey,
      // The signer adds the token itself: pass it only when the client signed it.
      ...(claim.sessionToken !== undefined && (claim.mode === 'query' || signed.has('x-amz-security-token'))
        ? { sessionToken: claim.sessionToken }
        : {}),
    },
  });
  const signingDate = new Date(parseAmzDate(claim.amzDate));
  if (claim.mode === 'header') {
    const result = await signer.sign(httpRequest, { signingDate, signableHeaders: signed });
    const computed = /Signature=([0-9a-f]+)/.exec(String(result.headers['authorization']))?.[1] ?? '';
    const computedHeaders = /SignedHeaders=([^,]+)/.exec(String(result.headers['authorization']))?.[1] ?? '';
    return computedHeaders === claim.signedHeaders.join(';') && safeEqual(computed, claim.signature);
  }
  // Presigned: S3 signs UNSIGNED-PAYLOAD unless the client signed a payload hash header.
  if (httpRequest.headers['x-amz-content-sha256'] === undefined) {
    httpRequest.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  }
  const unsignable = new Set(signed.has('x-amz-content-sha256') ? [] : ['x-amz-content-sha256']);
  const result = await signer.presign(httpRequest, {
    signingDate,
    expiresIn: claim.expiresIn ?? 0,
    signableHeaders: signed,
    unsignableHeaders: unsignable,
    unhoistableHeaders: new Set(Object.keys(httpRequest.headers)),
  });
  const computed = String(result.query?.['X-Amz-Signature'] ?? '');
  return safeEqual(computed, claim.signature);
}
