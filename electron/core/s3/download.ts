import { mkdir, rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { DownloadProgress } from '../../../shared/s3-view';
import { isRoleTrayError, RoleTrayError } from '../errors';
import { claimFolder, inside, partPath, relativePath, suggestedName } from './download-paths';
import type { S3Gateway } from './gateway';
import { decodeKey } from './listing';

// Downloads to a place the user picks: GetObject bodies are streamed in main straight to a hidden
// file next to the destination and renamed into place when complete, so no object is ever held in
// memory and no half-written file carries the real name. A folder keeps its keys' relative paths;
// a key that would land outside it is refused before anything is written, and an object S3 will
// not hand over (denied, archived) is reported by name, never skipped in silence. Progress is
// throttled; cancel stops the transfer and removes what it had started.

export interface DownloadRequest {
  profile: string;
  bucket: string;
  key?: string;
  prefix?: string;
  downloadId: string;
}

export interface DownloadDestinationRequest {
  /** `file`: a full path to save as; `folder`: an existing folder to create `suggestedName` in. */
  kind: 'file' | 'folder';
  profile: string;
  bucket: string;
  key?: string;
  prefix?: string;
  /** A single safe name (no separators, never "." or ".."). */
  suggestedName: string;
}

/** Asks where to save (a save or folder dialog); undefined when the user declined. */
export type ChooseDownloadDestination = (request: DownloadDestinationRequest) => Promise<string | undefined>;

export interface DownloadOptions {
  /** At most one progress event this often, besides the first and the last. Default 100 ms. */
  progressEveryMs?: number;
  /** Objects of a folder fetched at once. Default 4. */
  concurrency?: number;
  log?: (message: string) => void;
}

interface Running {
  controller: AbortController;
  cancelled: boolean;
  profile: string;
}

interface ListedObject {
  key: string;
  size: number;
}

const SKIPPED_NAMED = 5;
/** Skipped objects remembered by name (the rest are only counted), so a denied folder costs no memory. */
const SKIPPED_KEPT = 100;
const PAGE_SIZE = 1000;

/** Why S3 would not hand over one object of a folder, in a few words; undefined if not about one object. */
function skipReason(error: unknown): string | undefined {
  if (isRoleTrayError(error)) {
    if (error.kind === 'AccessDenied') return 'access denied';
    if (error.info.awsCode === 'InvalidObjectState') return 'archived; restore it first';
    if (error.info.awsCode === 'NoSuchKey' || error.info.awsCode === 'NotFound') return 'deleted meanwhile';
    return undefined;
  }
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR'
    ? 'a folder has the same name'
    : undefined;
}

/** A local write failure as a sentence (network failures mid-body keep their own words). */
function writeError(error: unknown, path: string): unknown {
  if (isRoleTrayError(error)) return error;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (syscall && code) return new RoleTrayError('Internal', `RoleTray could not write ${path} (${code}).`);
  if (code) return new RoleTrayError('Network', `The download was cut off (${code}); try again.`);
  return error;
}

class Progress {
  bytes = 0;
  total = 0;
  files = 0;
  totalFiles = 0;
  private last = -Infinity;

  constructor(
    private readonly downloadId: string,
    private readonly publish: (progress: DownloadProgress) => void,
    private readonly everyMs: number,
  ) {}

  private snapshot(): DownloadProgress {
    const { downloadId, bytes, total, files, totalFiles } = this;
    return { downloadId, bytes, total, files, totalFiles, done: false };
  }

  /** Publishes unless one went out less than `everyMs` ago (or `force`). */
  tick(force = false): void {
    const now = performance.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    this.publish(this.snapshot());
  }

  finish(extra: { destination?: string; cancelled?: boolean; error?: RoleTrayErrorInfo }): void {
    this.publish({ ...this.snapshot(), done: true, ...extra });
  }
}

export class S3Downloads {
  private readonly running = new Map<string, Running>();
  private readonly everyMs: number;
  private readonly concurrency: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly gateway: S3Gateway,
    private readonly choose: ChooseDownloadDestination | undefined,
    private readonly publish: (progress: DownloadProgress) => void,
    options: DownloadOptions = {},
  ) {
    this.everyMs = options.progressEveryMs ?? 100;
    this.concurrency = options.concurrency ?? 4;
    this.log = options.log ?? (() => undefined);
  }

  /** Asks for a destination, then streams in the background; resolves once it is under way (or declined). */
  async start(request: DownloadRequest): Promise<void> {
    const { downloadId, profile, bucket, key, prefix } = request;
    if (this.running.has(downloadId)) {
      throw new RoleTrayError('Validation', `A download with id ${downloadId} is already running.`);
    }
    if ((key === undefined) === (prefix === undefined)) {
      throw new RoleTrayError('Validation', 'A download names either one key or one folder prefix.');
    }
    if (prefix !== undefined && prefix !== '' && !prefix.endsWith('/')) {
      throw new RoleTrayError('Validation', `${prefix} is not a folder: a folder prefix ends with "/".`);
    }
    if (!this.choose) {
      throw new RoleTrayError('Validation', 'This RoleTray front end has nowhere to save downloads.');
    }
    // An expired session is said before the user is asked where to save.
    await this.gateway.sessions.credentials(profile);
    const entry: Running = { controller: new AbortController(), cancelled: false, profile };
    this.running.set(downloadId, entry);
    const progress = new Progress(downloadId, this.publish, this.everyMs);
    let destination: string | undefined;
    try {
      destination = await this.choose({
        kind: key === undefined ? 'folder' : 'file',
        profile,
        bucket,
        ...(key === undefined ? { prefix: prefix! } : { key }),
        suggestedName: suggestedName(key ?? prefix!, bucket),
      });
    } catch (error) {
      this.running.delete(downloadId);
      throw error;
    }
    if (!destination || entry.cancelled) {
      this.running.delete(downloadId);
      progress.finish({ cancelled: true });
      return;
    }
    const work =
      key === undefined
        ? this.folder(request, prefix!, destination, entry, progress)
        : this.file(request, key, destination, entry, progress);
    void work
      .catch((error: unknown) => this.log(`download ${downloadId} failed: ${String(error)}`))
      .finally(() => this.running.delete(downloadId));
  }

  /** Cancels a download; one that already ended is not an error. */
  cancel(downloadId: string): void {
    const entry = this.running.get(downloadId);
    if (!entry) return;
    entry.cancelled = true;
    entry.controller.abort();
  }

  /** Cancels every download, or those of one profile (whose session the user ended). */
  cancelAll(profile?: string): void {
    for (const [id, entry] of [...this.running]) {
      if (profile === undefined || entry.profile === profile) this.cancel(id);
    }
  }

  get active(): number {
    return this.running.size;
  }

  private failure(error: unknown): RoleTrayErrorInfo {
    if (isRoleTrayError(error)) return error.info;
    this.log(`download failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { kind: 'Internal', message: 'The download failed; details are in the log.' };
  }

  /** Streams one object to `path` through a part file; counts bytes as they are written. */
  private async save(
    request: DownloadRequest,
    key: string,
    path: string,
    signal: AbortSignal,
    progress: Progress,
    onSize?: (size: number) => void,
  ): Promise<void> {
    const { profile, bucket } = request;
    const object = await this.gateway.call(
      { action: 'GetObject', profile, bucket, key, renewIfExpired: true },
      (client) => client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }),
    );
    onSize?.(object.ContentLength ?? 0);
    const part = partPath(path);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        progress.bytes += chunk.length;
        progress.tick();
        callback(null, chunk);
      },
    });
    try {
      await pipeline(object.Body as Readable, meter, createWriteStream(part, { flags: 'wx' }), { signal });
      await rename(part, path);
    } catch (error) {
      await rm(part, { force: true });
      throw writeError(error, path);
    }
  }

  private async file(
    request: DownloadRequest,
    key: string,
    path: string,
    entry: Running,
    progress: Progress,
  ): Promise<void> {
    progress.totalFiles = 1;
    try {
      await this.save(request, key, path, entry.controller.signal, progress, (size) => {
        progress.total = size;
        progress.tick(true);
      });
      progress.files = 1;
      progress.finish({ destination: path });
    } catch (error) {
      if (entry.cancelled) progress.finish({ cancelled: true });
      else progress.finish({ error: this.failure(error) });
    }
  }

  /** Every object under the prefix, page by page (no delimiter: the whole tree). */
  private async *walk(
    request: DownloadRequest,
    prefix: string,
    signal: AbortSignal,
  ): AsyncGenerator<ListedObject[]> {
    const { profile, bucket } = request;
    let token: string | undefined;
    do {
      const page = await this.gateway.call(
        { action: 'ListObjectsV2', profile, bucket, prefix, renewIfExpired: true },
        (client) =>
          client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: prefix,
              MaxKeys: PAGE_SIZE,
              EncodingType: 'url',
              ...(token ? { ContinuationToken: token } : {}),
            }),
            { abortSignal: signal },
          ),
      );
      yield (page.Contents ?? []).flatMap((object) =>
        object.Key ? [{ key: decodeKey(object.Key), size: object.Size ?? 0 }] : [],
      );
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** One object of a folder download: a folder marker becomes a folder, anything else a file. */
  private async saveUnder(
    request: DownloadRequest,
    key: string,
    prefix: string,
    root: string,
    signal: AbortSignal,
    progress: Progress,
  ): Promise<void> {
    const where = relativePath(key, prefix);
    if (where.kind === 'unsafe') {
      throw new RoleTrayError(
        'Validation',
        `RoleTray will not save the key "${key}" because ${where.reason}.`,
      );
    }
    if (where.kind === 'folder') {
      await mkdir(inside(root, where.segments), { recursive: true });
      return;
    }
    await mkdir(inside(root, where.segments.slice(0, -1)), { recursive: true });
    await this.save(request, key, inside(root, where.segments), signal, progress);
    progress.files += 1;
    progress.tick();
  }

  /**
   * Two passes over the listing, neither keeping it: the first checks every key and adds up the
   * totals (so nothing is written when one key is unsafe), the second downloads page by page.
   */
  private async folder(
    request: DownloadRequest,
    prefix: string,
    parent: string,
    entry: Running,
    progress: Progress,
  ): Promise<void> {
    const { signal } = entry.controller;
    let root: string | undefined;
    const skipped: { key: string; reason: string; error: RoleTrayErrorInfo }[] = [];
    let skippedCount = 0;
    try {
      for await (const page of this.walk(request, prefix, signal)) {
        for (const object of page) {
          const where = relativePath(object.key, prefix);
          if (where.kind === 'unsafe') {
            throw new RoleTrayError(
              'Validation',
              `RoleTray will not save the key "${object.key}" because ${where.reason}; nothing was downloaded.`,
            );
          }
          if (where.kind === 'file') {
            progress.totalFiles += 1;
            progress.total += object.size;
          }
        }
        progress.tick();
      }
      root = await claimFolder(parent, suggestedName(prefix, request.bucket));
      progress.tick(true);
      for await (const page of this.walk(request, prefix, signal)) {
        let next = 0;
        let fatal: Error | undefined;
        const worker = async () => {
          while (next < page.length && !signal.aborted) {
            const object = page[next++]!;
            try {
              await this.saveUnder(request, object.key, prefix, root!, signal, progress);
            } catch (error) {
              const reason = signal.aborted ? undefined : skipReason(error);
              if (reason) {
                const info = isRoleTrayError(error)
                  ? error.info
                  : { kind: 'Internal' as const, message: reason };
                skippedCount += 1;
                if (skipped.length < SKIPPED_KEPT) skipped.push({ key: object.key, reason, error: info });
                continue;
              }
              // The first real failure ends the download; the siblings still streaming are stopped.
              if (!signal.aborted) fatal ??= error instanceof Error ? error : new Error(String(error));
              entry.controller.abort();
              return;
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(this.concurrency, page.length) }, worker));
        if (fatal !== undefined) throw fatal;
        if (signal.aborted) throw new Error('cancelled');
      }
    } catch (error) {
      if (entry.cancelled) {
        // Nothing of a cancelled folder stays: it was created for this download alone.
        if (root) await rm(root, { recursive: true, force: true });
        progress.finish({ cancelled: true });
        return;
      }
      const info = this.failure(error);
      const kept =
        root && progress.files > 0
          ? ` ${progress.files} of ${progress.totalFiles} files were saved in ${root}.`
          : '';
      if (root && progress.files === 0) await rm(root, { recursive: true, force: true });
      progress.finish({ error: { ...info, message: `${info.message}${kept}` } });
      return;
    }
    if (skippedCount === 0) {
      progress.finish({ destination: root });
      return;
    }
    skipped.sort((a, b) => (a.key < b.key ? -1 : 1)); // finished in any order, reported in key order
    const named = skipped
      .slice(0, SKIPPED_NAMED)
      .map(({ key, reason }) => `${key.slice(prefix.length)} (${reason})`)
      .join(', ');
    const more = skippedCount > SKIPPED_NAMED ? ` and ${skippedCount - SKIPPED_NAMED} more` : '';
    progress.finish({
      destination: root,
      error: {
        ...skipped[0]!.error,
        message: `Saved ${progress.files} of ${progress.totalFiles} files to ${root}. Not saved: ${named}${more}.`,
      },
    });
  }
}
