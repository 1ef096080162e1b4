import { open, rename, rm, writeFile } from 'node:fs/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { RoleTrayError } from '../errors';
import { writeError } from './download-errors';
import { partPath } from './download-paths';
import type { S3Gateway } from './gateway';
import type { RequestPool } from './request-pool';

// One object saved to a file: written into a hidden part file beside it and renamed into place
// once complete, so no half-written file carries the real name. A small object is taken whole and
// written with one call (a folder's thousands of small files are mostly file-system calls); a
// larger one is streamed, and one larger than a part is fetched as ranged GETs at once (each its
// own request in the pool), every one conditional on the ETag the listing gave (If-Match), so a
// part of a newer version is never stitched to an older one.

export interface ObjectToSave {
  profile: string;
  bucket: string;
  key: string;
  /** From the listing; undefined for a single file (learnt from the answer). */
  size?: number;
  etag?: string;
}

/** Parts of 8 MiB, as the AWS CLI cuts them. */
export const PART_BYTES = 8 * 1024 * 1024;
/** Objects this small are held in memory until written: at most this much per request out. */
const SMALL_BYTES = 256 * 1024;

interface Part {
  start: number;
  /** Inclusive; undefined: to the end of the object. */
  end?: number;
}

export interface SaveOptions {
  pool: RequestPool;
  signal: AbortSignal;
  partBytes?: number;
  /** Bytes written (counted as they land). */
  onBytes: (bytes: number) => void;
  /** The object's size, once the answer says (a single file's total). */
  onSize?: (total: number) => void;
}

function partsOf(size: number | undefined, partBytes: number): Part[] {
  if (size === undefined || size <= partBytes) return [{ start: 0 }];
  return Array.from({ length: Math.ceil(size / partBytes) }, (_, i) => ({
    start: i * partBytes,
    end: Math.min(size, (i + 1) * partBytes) - 1,
  }));
}

const cancelled = () => Object.assign(new Error('The download was cancelled.'), { name: 'AbortError' });
const unquote = (etag: string | undefined) => (etag ?? '').replace(/^"|"$/g, '');

function getPart(gateway: S3Gateway, object: ObjectToSave, { start, end }: Part, signal: AbortSignal) {
  const { profile, bucket, key, etag } = object;
  return gateway.call({ action: 'GetObject', profile, bucket, key, renewIfExpired: true }, (client) =>
    client.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(end !== undefined ? { Range: `bytes=${start}-${end}` } : {}),
        ...(etag ? { IfMatch: `"${etag}"` } : {}),
      }),
      { abortSignal: signal },
    ),
  );
}

function checkComplete(key: string, written: number, size: number): void {
  if (written !== size) {
    throw new RoleTrayError(
      'Network',
      `The download of ${key} was cut off (${written} of ${size} bytes); try again.`,
    );
  }
}

/** A small object: one GET read into memory, one write, one rename. */
async function saveSmall(gateway: S3Gateway, object: ObjectToSave, path: string, options: SaveOptions) {
  const part = partPath(path);
  try {
    const chunks: Buffer[] = [];
    let written = 0;
    const answer = await options.pool.run(async () => {
      const got = await getPart(gateway, object, { start: 0 }, options.signal);
      for await (const chunk of got.Body as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        written += chunk.length;
        options.onBytes(chunk.length);
      }
      return got;
    });
    const size = answer.ContentLength ?? written;
    checkComplete(object.key, written, size);
    await writeFile(part, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), { flag: 'wx' });
    await rename(part, path);
    return { size, etag: unquote(answer.ETag) };
  } catch (error) {
    await rm(part, { force: true });
    throw writeError(error, path);
  }
}

/** A larger object (or one of unknown size), streamed into the part file, in ranged parts if large. */
async function saveStreamed(gateway: S3Gateway, object: ObjectToSave, path: string, options: SaveOptions) {
  // One failed part stops its siblings; all have settled before the part file is closed.
  const local = new AbortController();
  const stop = () => local.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  const { signal } = local;
  const part = partPath(path);
  const file = await open(part, 'wx');
  let written = 0;
  let learnt = { size: object.size ?? 0, etag: object.etag ?? '' };
  const fetchPart = (piece: Part) =>
    options.pool.run(async () => {
      const answer = await getPart(gateway, object, piece, signal);
      if (piece.end === undefined) {
        learnt = { size: answer.ContentLength ?? 0, etag: unquote(answer.ETag) };
        options.onSize?.(learnt.size);
      }
      let position = piece.start;
      for await (const chunk of answer.Body as AsyncIterable<Buffer>) {
        if (signal.aborted) throw cancelled();
        await file.write(chunk, 0, chunk.length, position);
        position += chunk.length;
        written += chunk.length;
        options.onBytes(chunk.length);
      }
    });
  try {
    const settled = await Promise.allSettled(
      partsOf(object.size, options.partBytes ?? PART_BYTES).map((piece) =>
        fetchPart(piece).catch((error: unknown) => {
          local.abort();
          throw error;
        }),
      ),
    );
    // The failure itself, not a sibling's abort it caused.
    const rejected = settled.filter((result) => result.status === 'rejected');
    const failed =
      rejected.find((result) => (result.reason as Error | undefined)?.name !== 'AbortError') ?? rejected[0];
    if (failed) throw failed.reason;
    checkComplete(object.key, written, learnt.size);
    await file.close();
    await rename(part, path);
    return learnt;
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(part, { force: true });
    throw writeError(error, path);
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
}

export function saveObject(
  gateway: S3Gateway,
  object: ObjectToSave,
  path: string,
  options: SaveOptions,
): Promise<{ size: number; etag: string }> {
  return object.size !== undefined && object.size <= SMALL_BYTES
    ? saveSmall(gateway, object, path, options)
    : saveStreamed(gateway, object, path, options);
}
