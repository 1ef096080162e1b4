import { performance } from 'node:perf_hooks';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import type { DownloadProgress } from '../../../shared/s3-view';

// A download's progress events: bytes and files so far against the totals, at most one event
// every `everyMs` besides the first and the last.

export class Progress {
  bytes = 0;
  total = 0;
  files = 0;
  totalFiles = 0;
  /** A folder being listed: its totals still grow. */
  listing = false;
  private last = -Infinity;

  constructor(
    private readonly downloadId: string,
    private readonly publish: (progress: DownloadProgress) => void,
    private readonly everyMs: number,
  ) {}

  private snapshot(): DownloadProgress {
    const { downloadId, bytes, total, files, totalFiles, listing } = this;
    return { downloadId, bytes, total, files, totalFiles, done: false, ...(listing ? { listing } : {}) };
  }

  /** Counts bytes written (or found already saved). */
  add(bytes: number): void {
    this.bytes += bytes;
    this.tick();
  }

  /** Publishes unless one went out less than `everyMs` ago (or `force`). */
  tick(force = false): void {
    const now = performance.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    this.publish(this.snapshot());
  }

  finish(extra: {
    destination?: string;
    cancelled?: boolean;
    note?: string;
    error?: RoleTrayErrorInfo;
  }): void {
    this.listing = false;
    this.publish({ ...this.snapshot(), done: true, ...extra });
  }
}
