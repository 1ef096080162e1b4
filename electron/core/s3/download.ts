import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DownloadProgress } from '../../../shared/s3-view';
import { RoleTrayError } from '../errors';
import type { ChooseDownloadDestination, DownloadOptions, DownloadRequest } from './download-request';
import { SkippedObjects } from './download-errors';
import { DownloadJournal } from './download-journal';
import { saveObject } from './download-object';
import { Progress } from './download-progress';
import { claimFolder, inside, relativePath, suggestedName } from './download-paths';
import { BackgroundJobs, type BackgroundJob } from './background-jobs';
import type { S3Gateway } from './gateway';
import { listEntries } from './listing';
import { RequestPool } from './request-pool';

// Downloads to a place the user picks (download-object.ts saves each object). A folder is listed
// first, by key ranges in parallel, keeping key, size and ETag of each object: a key that would
// land outside the folder is refused before anything is written. Then `concurrency` GETs run at
// once (a large object's ranged parts among them), and each saved file is noted in the folder's
// journal (download-journal.ts), so a download cancelled, failed or cut off by a restart resumes
// in the same folder and skips what it saved. An object S3 will not hand over (denied, archived)
// is reported by name, never skipped in silence. One progress figure covers bytes and files.

interface ListedObject {
  key: string;
  size: number;
  etag: string;
}

/** GETs of one download at once: ten is the AWS CLI's default, S3 serves thousands a second per prefix. */
export const DOWNLOAD_REQUESTS = 16;
const count = (n: number) => n.toLocaleString('en-US');

/** Folders looked at for a journal to resume: `name`, `name (2)`, … */
const RESUME_CANDIDATES = 20;

export class S3Downloads {
  /** The downloads running: cancel one, or a profile's (a folder's saved files are kept). */
  readonly jobs: BackgroundJobs;
  private readonly everyMs: number;
  private readonly concurrency: number;
  private readonly partBytes: number | undefined;

  constructor(
    private readonly gateway: S3Gateway,
    private readonly choose: ChooseDownloadDestination | undefined,
    private readonly publish: (progress: DownloadProgress) => void,
    options: DownloadOptions = {},
  ) {
    this.everyMs = options.progressEveryMs ?? 100;
    this.concurrency = options.concurrency ?? DOWNLOAD_REQUESTS;
    this.partBytes = options.partBytes;
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

  private async file(
    request: DownloadRequest,
    key: string,
    path: string,
    entry: BackgroundJob,
    progress: Progress,
  ): Promise<void> {
    progress.totalFiles = 1;
    try {
      await saveObject(this.gateway, { ...request, key }, path, {
        pool: new RequestPool(1),
        signal: entry.controller.signal,
        onBytes: (bytes) => progress.add(bytes),
        onSize: (size) => {
          progress.total = size;
          progress.tick(true);
        },
      });
      progress.files = 1;
      progress.finish({ destination: path });
    } catch (error) {
      if (entry.stopped) progress.finish({ cancelled: true });
      else progress.finish({ error: this.jobs.failure(error) });
    }
  }

  /** Every object under the prefix (no delimiter: the whole tree), each key checked, totals counted. */
  private async list(
    request: DownloadRequest,
    prefix: string,
    signal: AbortSignal,
    progress: Progress,
  ): Promise<ListedObject[]> {
    const objects: ListedObject[] = [];
    let unsafe: RoleTrayError | undefined;
    await listEntries(
      this.gateway,
      { ...request, prefix },
      {
        signal,
        onEntries: (entries) => {
          for (const object of entries) {
            if (object.kind !== 'object') continue;
            const where = relativePath(object.key, prefix);
            if (where.kind === 'unsafe') {
              unsafe ??= new RoleTrayError(
                'Validation',
                `RoleTray will not save the key "${object.key}" because ${where.reason}; nothing was downloaded.`,
              );
            }
            if (where.kind === 'file') {
              progress.totalFiles += 1;
              progress.total += object.size;
            }
            objects.push({ key: object.key, size: object.size, etag: object.etag });
          }
          progress.tick();
        },
      },
    );
    if (unsafe) throw unsafe;
    return objects;
  }

  /** The folder of an earlier, unfinished download of this prefix in `parent`, with its journal. */
  private async resumable(parent: string, name: string, request: DownloadRequest, prefix: string) {
    for (let attempt = 1; attempt <= RESUME_CANDIDATES; attempt++) {
      const root = join(parent, attempt === 1 ? name : `${name} (${attempt})`);
      const journal = await DownloadJournal.resume(root, request.bucket, prefix).catch(() => undefined);
      if (journal) return journal;
    }
    return undefined;
  }

  /** One object of a folder download: a folder marker becomes a folder, anything else a file. */
  private async saveUnder(
    request: DownloadRequest,
    object: ListedObject,
    prefix: string,
    journal: DownloadJournal,
    context: { pool: RequestPool; signal: AbortSignal; progress: Progress; folders: Set<string> },
  ): Promise<void> {
    const { progress } = context;
    const where = relativePath(object.key, prefix);
    if (where.kind !== 'file') {
      if (where.kind === 'folder') await mkdir(inside(journal.root, where.segments), { recursive: true });
      return;
    }
    const path = inside(journal.root, where.segments);
    if (await journal.alreadySaved(object.key, object.size, object.etag, path)) {
      progress.add(object.size);
      progress.files += 1;
      return;
    }
    const folder = inside(journal.root, where.segments.slice(0, -1));
    if (!context.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      context.folders.add(folder);
    }
    const saved = await saveObject(this.gateway, { ...request, ...object }, path, {
      pool: context.pool,
      signal: context.signal,
      ...(this.partBytes ? { partBytes: this.partBytes } : {}),
      onBytes: (bytes) => progress.add(bytes),
    });
    await journal.record(object.key, saved.size, saved.etag);
    progress.files += 1;
    progress.tick();
  }

  private async folder(
    request: DownloadRequest,
    prefix: string,
    parent: string,
    entry: BackgroundJob,
    progress: Progress,
  ): Promise<void> {
    const { signal } = entry.controller;
    const name = suggestedName(prefix, request.bucket);
    let journal: DownloadJournal | undefined;
    let created = false;
    const skipped = new SkippedObjects();
    try {
      progress.listing = true;
      const objects = await this.list(request, prefix, signal, progress);
      progress.listing = false;
      journal = await this.resumable(parent, name, request, prefix);
      if (!journal) {
        const root = await claimFolder(parent, name);
        created = true;
        journal = await DownloadJournal.start(root, request.bucket, prefix);
      }
      progress.tick(true);
      const pool = new RequestPool(this.concurrency);
      let next = 0;
      let fatal: Error | undefined;
      // Folders made so far: thousands of files share a few, each made once.
      const context = { pool, signal, progress, folders: new Set<string>() };
      // As many workers as requests: each waits for its GET's slot, a large object's parts share them.
      const worker = async () => {
        while (next < objects.length && !signal.aborted) {
          const object = objects[next++]!;
          try {
            await this.saveUnder(request, object, prefix, journal!, context);
          } catch (error) {
            if (!signal.aborted && skipped.skip(object.key, error)) continue;
            // The first real failure ends the download; the requests still out are stopped.
            if (!signal.aborted) fatal ??= error instanceof Error ? error : new Error(String(error));
            entry.controller.abort();
            return;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, objects.length) }, worker));
      if (fatal !== undefined) throw fatal;
      if (signal.aborted) throw new Error('cancelled');
    } catch (error) {
      await this.ended(journal, created, error, entry, progress);
      return;
    }
    await journal.remove();
    progress.finish({
      destination: journal.root,
      ...(skipped.count > 0
        ? {
            error: skipped.report(
              prefix,
              `Saved ${count(progress.files)} of ${count(progress.totalFiles)} files to ${journal.root}.`,
            ),
          }
        : {}),
    });
  }

  /** A folder download cancelled or failed: what it saved stays, with its journal, to resume. */
  private async ended(
    journal: DownloadJournal | undefined,
    created: boolean,
    error: unknown,
    entry: BackgroundJob,
    progress: Progress,
  ): Promise<void> {
    const root = journal?.root;
    const kept = root !== undefined && progress.files > 0;
    // A folder made for this download that holds nothing yet goes again.
    if (root && created && !kept && (await readdir(root)).every((file) => file.startsWith('.'))) {
      await rm(root, { recursive: true, force: true });
    }
    const saved = kept
      ? `${count(progress.files)} of ${count(progress.totalFiles)} files were saved in ${root}; downloading the folder there again resumes.`
      : '';
    if (entry.stopped) {
      progress.finish({ cancelled: true, ...(kept ? { destination: root, note: saved } : {}) });
      return;
    }
    const info = this.jobs.failure(error);
    progress.finish({ error: { ...info, message: kept ? `${info.message} ${saved}` : info.message } });
  }
}
