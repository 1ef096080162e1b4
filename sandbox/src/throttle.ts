// A token bucket: `burst` requests at once, refilled at `ratePerSecond`; what the SSO portal's
// throttle answers 429 TooManyRequestsException beyond.

export interface ThrottleOptions {
  ratePerSecond: number;
  /** How many requests may come at once; `ratePerSecond` unless told. */
  burst?: number;
}

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private rate: number;
  private burst: number;

  constructor(
    options: ThrottleOptions,
    private readonly now: () => number,
  ) {
    this.rate = options.ratePerSecond;
    this.burst = options.burst ?? options.ratePerSecond;
    this.tokens = this.burst;
    this.refilledAt = now();
  }

  /** New limits, starting from a full bucket. */
  configure(options: ThrottleOptions): void {
    this.rate = options.ratePerSecond;
    this.burst = options.burst ?? options.ratePerSecond;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Takes one token; false when the bucket is empty (the request is throttled). */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
