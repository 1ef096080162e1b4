import { open, rename, rm } from 'node:fs/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { RoleTrayError } from '../errors';
import { writeError } from './download-errors';
import { partPath } from './download-paths';
import type { S3Gateway } from './gateway';
import type { RequestPool } from './request-pool';

// One object saved to a file: streamed into a hidden part file beside it and renamed into place
// once complete, so no object is held in memory and no half-written file carries the real name.
// An object larger than a part is fetched as ranged GETs at once (each its own request in the
// pool), every one conditional on the ETag the listing gave (If-Match), so a part of a newer
// version is never stitched to an older one.

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

interface Part {
  start: number;
  /** Inclusive; undefined: to the end of the object. */
  end?: number;
}

function partsOf(size: number | undefined, partBytes: number): Part[] {
  if (size === undefined || size <= partBytes) return [{ start: 0 }];
  return Array.from({ length: Math.ceil(size / partBytes) }, (_, i) => ({
    start: i * partBytes,
    end: Math.min(size, (i + 1) * partBytes) - 1,
  }));
}

export async function saveObject(
  gateway: S3Gateway,
  object: ObjectToSave,
  path: string,
  options: {
    pool: RequestPool;
    signal: AbortSignal;
    partBytes?: number;
    /** Bytes written (counted as they land); `total` once the answer says how large the object is. */
    onBytes: (bytes: number) => void;
    onSize?: (total: number) => void;
  },
): Promise<{ size: number; etag: string }> {
  const { profile, bucket, key, size, etag } = object;
  const { pool, onBytes } = options;
  // One failed part stops its siblings; all have settled before the part file is closed.
  const local = new AbortController();
  const stop = () => local.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  const { signal } = local;
  const part = partPath(path);
  const file = await open(part, 'wx');
  let written = 0;
  let learnt = { size: size ?? 0, etag: etag ?? '' };
  const fetchPart = ({ start, end }: Part) =>
    pool.run(async () => {
      const answer = await gateway.call(
        { action: 'GetObject', profile, bucket, key, renewIfExpired: true },
        (client) =>
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
      if (end === undefined) {
        learnt = { size: answer.ContentLength ?? 0, etag: (answer.ETag ?? '').replace(/^"|"$/g, '') };
        options.onSize?.(learnt.size);
      }
      let position = start;
      for await (const chunk of answer.Body as AsyncIterable<Buffer>) {
        if (signal.aborted)
          throw Object.assign(new Error('The download was cancelled.'), { name: 'AbortError' });
        await file.write(chunk, 0, chunk.length, position);
        position += chunk.length;
        written += chunk.length;
        onBytes(chunk.length);
      }
    });
  try {
    const settled = await Promise.allSettled(
      partsOf(size, options.partBytes ?? PART_BYTES).map((piece) =>
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
    if (written !== learnt.size) {
      throw new RoleTrayError(
        'Network',
        `The download of ${key} was cut off (${written} of ${learnt.size} bytes); try again.`,
      );
    }
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
