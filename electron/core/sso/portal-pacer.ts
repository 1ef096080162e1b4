// Paces requests to IAM Identity Center's portal, which throttles a caller beyond about 20 requests
// a second (429 TooManyRequestsException): starts are spaced at the current rate, at most
// `concurrency` are in flight, and a 429 halves the rate for a while (it creeps back up with each
// success), so listing hundreds of accounts stays just under the throttle instead of bouncing off it.

export interface PacerOptions {
  /** Requests a second to aim for. */
  ratePerSecond: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** The slowest the pacer goes after repeated 429s. */
  minRatePerSecond?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_PACER: PacerOptions = { ratePerSecond: 20, concurrency: 8 };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PortalPacer {
  private rate: number;
  private nextStart = 0;
  private slowedAt = -Infinity;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PacerOptions = DEFAULT_PACER) {
    this.rate = options.ratePerSecond;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Runs `work` when a slot and a start time are free. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.options.concurrency)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight++;
    try {
      const start = Math.max(this.now(), this.nextStart);
      this.nextStart = start + 1000 / this.rate;
      const wait = start - this.now();
      if (wait > 0) await this.sleep(wait);
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so inFlight never drops below the queue's need.
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    }
  }

  /**
   * The portal answered 429: slow down, once a second at most (the requests in flight when the
   * throttle started answer 429 together, and are one signal, not eight).
   */
  throttled(): void {
    const now = this.now();
    if (now - this.slowedAt < 1000) return;
    this.slowedAt = now;
    this.rate = Math.max(this.options.minRatePerSecond ?? 1, this.rate / 2);
  }

  /** The portal answered: speed back up towards the target rate. */
  answered(): void {
    this.rate = Math.min(this.options.ratePerSecond, this.rate + 0.25);
  }

  /** The current rate, for figures. */
  get currentRate(): number {
    return this.rate;
  }
}

/** Full-jitter exponential backoff: a random wait up to base·2^attempt, capped. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 200, capMs = 5000) {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}
