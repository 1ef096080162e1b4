import { setMaxListeners } from 'node:events';
import type { RoleTrayErrorInfo } from '../../../shared/errors';
import { isRoleTrayError, RoleTrayError } from '../errors';

// The listings and downloads running in the background, by the id the renderer gave them: each
// can be stopped on its own, or all of a profile's when the user ends its session. What a job
// failed with is a sentence for its last event; a failure no event carries goes to the log.

/** How many listeners a job's abort signal may have: one per request in flight, with room. */
export const REQUESTS_PER_SIGNAL = 64;

export interface BackgroundJob {
  controller: AbortController;
  profile: string;
  /** Stopped by the user (or the session's end), not failed. */
  stopped: boolean;
}

export class BackgroundJobs {
  private readonly running = new Map<string, BackgroundJob>();

  constructor(
    /** "listing", "download": names a job in messages. */
    private readonly what: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Refuses an id already running (the renderer's ids must be unique among running jobs). */
  checkFree(id: string): void {
    if (this.running.has(id)) {
      throw new RoleTrayError('Validation', `A ${this.what} with id ${id} is already running.`);
    }
  }

  /** Registers a job; `run` it, or `forget` it if it never starts. */
  add(id: string, profile: string): BackgroundJob {
    this.checkFree(id);
    const controller = new AbortController();
    // Each of a job's requests in flight (up to 24 at once) listens to its signal: not a leak.
    setMaxListeners(REQUESTS_PER_SIGNAL, controller.signal);
    const job: BackgroundJob = { controller, profile, stopped: false };
    this.running.set(id, job);
    return job;
  }

  /** Runs the job's work in the background; it leaves the table when done, whatever happened. */
  run(id: string, work: Promise<void>): void {
    void work
      .catch((error: unknown) => this.log(`${this.what} ${id} failed: ${String(error)}`))
      .finally(() => this.running.delete(id));
  }

  forget(id: string): void {
    this.running.delete(id);
  }

  /** Stops a job; one that already ended is not an error. */
  stop(id: string): void {
    const job = this.running.get(id);
    if (!job) return;
    job.stopped = true;
    job.controller.abort();
  }

  /** Stops every job, or those of one profile (whose session the user ended). */
  stopAll(profile?: string): void {
    for (const [id, job] of [...this.running]) {
      if (profile === undefined || job.profile === profile) this.stop(id);
    }
  }

  get active(): number {
    return this.running.size;
  }

  /** S3's and the session's errors are sentences already; anything else is a bug, for the log. */
  failure(error: unknown): RoleTrayErrorInfo {
    if (isRoleTrayError(error)) return error.info;
    this.log(
      `${this.what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return { kind: 'Internal', message: `The ${this.what} failed unexpectedly; details are in the log.` };
  }
}
