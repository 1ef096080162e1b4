import type { IncomingMessage } from 'node:http';
import { AwsError } from './errors';

/** One HTTP request as the sandbox's services see it: raw path, decoded query, lower-case headers, body. */
export interface SandboxRequest {
  id: string;
  method: string;
  /** The path exactly as sent (still percent-encoded), without the query string. */
  rawPath: string;
  query: QueryParams;
  headers: Record<string, string>;
  body: Buffer;
}

export class MalformedQuery extends Error {}

/** Parameters by name, with no prototype: `__proto__` or `constructor` is a name like any other. */
export type QueryParams = Record<string, string | string[]>;

export function emptyParams(): QueryParams {
  return Object.create(null) as QueryParams;
}

/**
 * Decodes a query string or form body the way AWS does ('+' is a space); throws on bad
 * percent-encoding. Every parameter is kept, as signed: a plain object would drop `__proto__` and
 * find Object's members under other names, so the signature checked would not be the one signed.
 */
export function parseQuery(raw: string): QueryParams {
  const query = emptyParams();
  if (raw === '') return query;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [rawName, rawValue] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new MalformedQuery(`Malformed percent-encoding in '${part.slice(0, 64)}'`);
    }
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

export function single(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

export function headerBag(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** A Query API request (STS, IAM): `/` with an Action, or a form POST. */
export function isQueryProtocol(request: SandboxRequest): boolean {
  if (request.rawPath !== '/') return false;
  if ('Action' in request.query) return true;
  return (
    request.method === 'POST' &&
    (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  );
}

/** The Query API's parameters: the body's win over the URL's; the copy keeps no prototype either. */
export function queryParams(request: SandboxRequest): QueryParams {
  const params = Object.assign(emptyParams(), request.query);
  if (request.method !== 'POST') return params;
  try {
    return Object.assign(params, parseQuery(request.body.toString('utf8')));
  } catch (error) {
    if (error instanceof MalformedQuery) throw new AwsError('MalformedQueryString', error.message, 400);
    throw error;
  }
}

/** The size of the header section as sent, for S3's 8 KiB limit. */
export function headerBytes(message: IncomingMessage): number {
  let total = 0;
  for (let i = 0; i < message.rawHeaders.length; i += 2) {
    total += message.rawHeaders[i]!.length + message.rawHeaders[i + 1]!.length + 4;
  }
  return total;
}

export async function readBody(message: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(message.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
