import { mkdir, rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { DownloadProgress } from '../../../shared/s3-view';
import { RoleTrayError } from '../errors';
import type { ChooseDownloadDestination, DownloadOptions, DownloadRequest } from './download-request';
import { SkippedObjects, writeError } from './download-errors';
import { Progress } from './download-progress';
import { claimFolder, inside, partPath, relativePath, suggestedName } from './download-paths';
import { BackgroundJobs, type BackgroundJob } from './background-jobs';
import type { S3Gateway } from './gateway';
import { listPage } from './list-request';

// Downloads to a place the user picks: GetObject bodies are streamed in main straight to a hidden
// file next to the destination and renamed into place when complete, so no object is ever held in
// memory and no half-written file carries the real name. A folder keeps its keys' relative paths;
// a key that would land outside it is refused before anything is written, and an object S3 will
// not hand over (denied, archived) is reported by name, never skipped in silence. Progress is
// throttled; cancel stops the transfer and removes what it had started.

interface ListedObject {
  key: string;
  size: number;
}

export class S3Downloads {
  /** The downloads running: cancel one, or a profile's (cancelled files are removed). */
  readonly jobs: BackgroundJobs;
  private readonly everyMs: number;
  private readonly concurrency: number;

  constructor(
    private readonly gateway: S3Gateway,
    private readonly choose: ChooseDownloadDestination | undefined,
    private readonly publish: (progress: DownloadProgress) => void,
    options: DownloadOptions = {},
  ) {
    this.everyMs = options.progressEveryMs ?? 100;
    this.concurrency = options.concurrency ?? 4;
    this.jobs = new BackgroundJobs('download', options.log ?? (() => undefined));
  }

  /** Asks for a destination, then streams in the background; resolves once it is under way (or declined). */
  async start(request: DownloadRequest): Promise<void> {
    const { downloadId, profile, bucket, key, prefix } = request;
    this.jobs.checkFree(downloadId);
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
    const entry = this.jobs.add(downloadId, profile);
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
      this.jobs.forget(downloadId);
      throw error;
    }
    if (!destination || entry.stopped) {
      this.jobs.forget(downloadId);
      progress.finish({ cancelled: true });
      return;
    }
    const work =
      key === undefined
        ? this.folder(request, prefix!, destination, entry, progress)
        : this.file(request, key, destination, entry, progress);
    this.jobs.run(downloadId, work);
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
    entry: BackgroundJob,
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
      if (entry.stopped) progress.finish({ cancelled: true });
      else progress.finish({ error: this.jobs.failure(error) });
    }
  }

  /** Every object under the prefix, page by page (no delimiter: the whole tree). */
  private async *walk(
    request: DownloadRequest,
    prefix: string,
    signal: AbortSignal,
  ): AsyncGenerator<ListedObject[]> {
    let token: string | undefined;
    do {
      const page = await listPage(
        this.gateway,
        { ...request, prefix },
        { ...(token ? { token } : {}), signal },
      );
      yield page.entries.flatMap((entry) =>
        entry.kind === 'object' ? [{ key: entry.key, size: entry.size }] : [],
      );
      token = page.isTruncated ? page.nextToken : undefined;
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
    entry: BackgroundJob,
    progress: Progress,
  ): Promise<void> {
    const { signal } = entry.controller;
    let root: string | undefined;
    const skipped = new SkippedObjects();
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
              if (!signal.aborted && skipped.skip(object.key, error)) continue;
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
      if (entry.stopped) {
        // Nothing of a cancelled folder stays: it was created for this download alone.
        if (root) await rm(root, { recursive: true, force: true });
        progress.finish({ cancelled: true });
        return;
      }
      const info = this.jobs.failure(error);
      const kept =
        root && progress.files > 0
          ? ` ${progress.files} of ${progress.totalFiles} files were saved in ${root}.`
          : '';
      if (root && progress.files === 0) await rm(root, { recursive: true, force: true });
      progress.finish({ error: { ...info, message: `${info.message}${kept}` } });
      return;
    }
    progress.finish({
      destination: root,
      ...(skipped.count > 0
        ? {
            error: skipped.report(
              prefix,
              `Saved ${progress.files} of ${progress.totalFiles} files to ${root}.`,
            ),
          }
        : {}),
    });
  }
}
