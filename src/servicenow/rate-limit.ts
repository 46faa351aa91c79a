/**
 * The client-side rate limit: a token bucket (`requests_per_second`, `burst`) that reserves a slot
 * for each request as it is asked for, so concurrent callers are spaced out rather than all woken
 * together; and a pause until `X-RateLimit-Reset` when the instance says no requests remain. The
 * bucket arithmetic is pure (`reserve`); `RateGate` holds its state and sleeps.
 */

export interface BucketState {
  /** May go negative: slots already promised to waiting requests. */
  readonly tokens: number;
  readonly atMs: number;
}

export interface BucketConfig {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

/** Takes one token at `nowMs`: the new state and how long the request must wait for it. */
export function reserve(
  state: BucketState,
  nowMs: number,
  config: BucketConfig,
): { state: BucketState; waitMs: number } {
  const elapsed = Math.max(0, nowMs - state.atMs);
  const refilled = Math.min(config.burst, state.tokens + (elapsed / 1000) * config.requestsPerSecond);
  const tokens = refilled - 1;
  const waitMs = tokens >= 0 ? 0 : Math.ceil((-tokens / config.requestsPerSecond) * 1000);
  return { state: { tokens, atMs: nowMs }, waitMs };
}

export class RateGate {
  private bucket: BucketState;
  private blockedUntilMs = 0;

  constructor(
    private readonly config: BucketConfig,
    private readonly now: () => Date,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.bucket = { tokens: config.burst, atMs: now().getTime() };
  }

  /** Resolves when the next request may be sent. */
  async acquire(): Promise<void> {
    const nowMs = this.now().getTime();
    const { state, waitMs } = reserve(this.bucket, nowMs, this.config);
    this.bucket = state;
    const wait = Math.max(waitMs, this.blockedUntilMs - nowMs);
    if (wait > 0) await this.sleep(wait);
  }

  /** Reads an answer's X-RateLimit-Remaining / X-RateLimit-Reset (a Unix time, in seconds). */
  observe(headers: Headers): void {
    const remaining = headers.get("x-ratelimit-remaining");
    const reset = Number(headers.get("x-ratelimit-reset"));
    if (remaining !== null && Number(remaining) <= 0 && Number.isFinite(reset) && reset > 0) {
      this.blockedUntilMs = Math.max(this.blockedUntilMs, reset * 1000);
    }
  }
}
