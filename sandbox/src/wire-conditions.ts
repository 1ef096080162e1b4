import type { ServerResponse } from 'node:http';
import { AwsError } from './errors';
import type { SandboxRequest } from './request';

// How far away the sandbox seems: S3 answers a request in tens of milliseconds and a connection
// carries so many bytes a second, while the in-process sandbox answers in one. Each answer is held
// on a timer (other requests go on meanwhile) and its body paced; what arrived and what is still
// being answered is counted for tests, which can also make S3 answer 503 SlowDown.

export interface WireOptions {
  /** Every answer waits this long after its request was read. Default 0. */
  latencyMs?: number;
  /** At most this many megabits a second per connection (response bodies). Default unlimited. */
  bandwidthMbps?: number;
  /** Consulted for each authenticated S3 request: an error to answer instead (e.g. `slowDown()`). */
  s3Faults?: S3Faults;
}

export type S3Faults = (request: SandboxRequest) => AwsError | undefined;

/** S3's throttling answer, which SDKs retry with backoff. */
export const slowDown = () => new AwsError('SlowDown', 'Please reduce your request rate.', 503);

/** Requests seen, still being answered, and the most at once: what a concurrency bound is checked by. */
export class Traffic {
  requests = 0;
  inFlight = 0;
  peakInFlight = 0;
  /** Requests per "METHOD /bucket/key?query-names" kind, e.g. "GET list", "GET object". */
  readonly byKind = new Map<string, number>();

  begin(kind: string): void {
    this.requests += 1;
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
  }

  end(): void {
    this.inFlight -= 1;
  }

  count(kind: string): number {
    return this.byKind.get(kind) ?? 0;
  }

  /** Starts the counts again (what is in flight stays in flight). */
  reset(): void {
    this.requests = 0;
    this.peakInFlight = this.inFlight;
    this.byKind.clear();
  }
}

/** A request's kind for `Traffic`: ListObjects calls are "list", other S3 GETs "object" etc. */
export function requestKind(method: string, url: string): string {
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  if (method === 'GET' && /[?&]list-type=2(&|$)/.test(query)) return 'list';
  return `${method} ${query.includes('Action=') || method === 'POST' ? 'query' : 'object'}`;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Pacing slice: small enough that a slow link looks smooth, large enough to cost little. */
const SLICE_MS = 10;

export class WireConditions {
  latencyMs: number;
  bandwidthMbps: number | undefined;
  s3Faults: S3Faults | undefined;
  readonly traffic = new Traffic();

  constructor(options: WireOptions = {}) {
    this.latencyMs = checked(options.latencyMs ?? 0, 'latencyMs');
    this.bandwidthMbps =
      options.bandwidthMbps === undefined ? undefined : checked(options.bandwidthMbps, 'bandwidthMbps');
    this.s3Faults = options.s3Faults;
  }

  /** Resolves once the answer may go (a timer: the event loop serves other requests meanwhile). */
  hold(): Promise<void> {
    return this.latencyMs > 0 ? wait(this.latencyMs) : Promise.resolve();
  }

  /** Ends `reply` with `body`, paced to the bandwidth when one is set. */
  async send(reply: ServerResponse, body: Buffer | undefined): Promise<void> {
    const bytesPerSlice = this.bandwidthMbps
      ? Math.max(1, Math.floor((this.bandwidthMbps * 1e6 * SLICE_MS) / 8000))
      : 0;
    if (!body || !bytesPerSlice || body.length <= bytesPerSlice) {
      reply.end(body);
      return;
    }
    for (let offset = 0; offset < body.length; offset += bytesPerSlice) {
      if (reply.destroyed) return;
      const slice = body.subarray(offset, offset + bytesPerSlice);
      if (offset + bytesPerSlice >= body.length) reply.end(slice);
      else {
        reply.write(slice);
        await wait(SLICE_MS);
      }
    }
  }
}

function checked(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0, not ${value}`);
  return value;
}
