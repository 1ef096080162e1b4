import { createReadStream } from 'node:fs';
import { appendFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// What a folder download has saved, kept beside the files in `.roletray-download`: one JSON line
// naming the bucket and prefix, then one per file renamed into place (key, size, ETag). A download
// that was cancelled, failed or died with the app leaves it behind; downloading the same folder to
// the same place again finds it, resumes in that folder and skips every file it lists whose size
// and ETag are still S3's and whose file is still there at that size. A finished download removes it.

export const JOURNAL_NAME = '.roletray-download';

interface JournalHeader {
  roletrayDownload: 1;
  bucket: string;
  prefix: string;
}

interface SavedFile {
  size: number;
  etag: string;
}

export class DownloadJournal {
  private constructor(
    readonly root: string,
    private readonly saved: Map<string, SavedFile>,
  ) {}

  private get path(): string {
    return join(this.root, JOURNAL_NAME);
  }

  /** A new journal in `root` (a folder just created for this download). */
  static async start(root: string, bucket: string, prefix: string): Promise<DownloadJournal> {
    const header: JournalHeader = { roletrayDownload: 1, bucket, prefix };
    await appendFile(join(root, JOURNAL_NAME), `${JSON.stringify(header)}\n`, { flag: 'wx', mode: 0o600 });
    return new DownloadJournal(root, new Map());
  }

  /** The journal of an earlier download of this bucket and prefix in `root`, or undefined. */
  static async resume(root: string, bucket: string, prefix: string): Promise<DownloadJournal | undefined> {
    const saved = new Map<string, SavedFile>();
    let header: Partial<JournalHeader> | undefined;
    try {
      const lines = createInterface({ input: createReadStream(join(root, JOURNAL_NAME), 'utf8') });
      for await (const line of lines) {
        if (line === '') continue;
        // A line cut short by a crash is the last one: what it named is downloaded again.
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch {
          continue;
        }
        if (header === undefined) {
          header = record as Partial<JournalHeader>;
          continue;
        }
        const { key, size, etag } = record as { key?: unknown; size?: unknown; etag?: unknown };
        if (typeof key === 'string' && typeof size === 'number' && typeof etag === 'string')
          saved.set(key, { size, etag });
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (header?.roletrayDownload !== 1 || header.bucket !== bucket || header.prefix !== prefix)
      return undefined;
    return new DownloadJournal(root, saved);
  }

  /** The file at `path` is this object as S3 has it now, saved by an earlier run. */
  async alreadySaved(key: string, size: number, etag: string, path: string): Promise<boolean> {
    const saved = this.saved.get(key);
    if (!saved || saved.size !== size || saved.etag !== etag) return false;
    try {
      const found = await stat(path);
      return found.isFile() && found.size === size;
    } catch {
      return false;
    }
  }

  /**
   * Notes a file renamed into place. Lines are written in batches, one append for whatever came
   * while the last was being written: a file the journal has not reached yet is fetched again.
   */
  record(key: string, size: number, etag: string): Promise<void> {
    this.saved.set(key, { size, etag });
    this.pending.push(`${JSON.stringify({ key, size, etag })}\n`);
    if (!this.batching) {
      this.batching = true;
      this.written = this.written.then(async () => {
        // Let the other files finishing in this turn join the batch.
        await new Promise((resolve) => setImmediate(resolve));
        this.batching = false;
        await appendFile(this.path, this.pending.splice(0).join(''));
      });
    }
    return this.written;
  }

  private pending: string[] = [];
  private batching = false;
  /** The appends, one after the other. */
  private written: Promise<void> = Promise.resolve();

  async remove(): Promise<void> {
    await this.written;
    await rm(this.path, { force: true });
  }
}
