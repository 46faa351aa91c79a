/**
 * Which failures are retried and after how long. Transient only: 429 (after its Retry-After, or
 * X-RateLimit-Reset, or backoff), 502/503/504, and no answer at all (network error, timeout). A
 * write is retried only when the instance cannot have applied it (429, 503, a refused connection):
 * a work note sent twice is two notes. Everything else (400, 401, 403, 404, 500) fails at once.
 * `retryDecision` is pure; `withRetries` runs it through p-retry with the injected sleep.
 */
import pRetry from "p-retry";
import { ServiceNowError } from "./errors.js";

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterS: number;
}

export type RetryDecision =
  { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly why: string };

const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** Answers that mean the instance did not process the request. */
const NOT_APPLIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * Whether to retry after `error` on attempt `attempt` (1 = the first), and after how long.
 * `random` in [0, 1) spreads the backoff ("equal jitter": half fixed, half random).
 */
export function retryDecision(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  idempotent: boolean,
  random: () => number,
): RetryDecision {
  if (!(error instanceof ServiceNowError)) return { retry: false, why: "not a ServiceNow failure" };
  if (error.failure === "http") {
    const status = error.status ?? 0;
    if (!TRANSIENT_STATUSES.has(status)) return { retry: false, why: `HTTP ${status} is not transient` };
    if (!idempotent && !NOT_APPLIED_STATUSES.has(status)) {
      return { retry: false, why: `HTTP ${status} on a write: it may have been applied` };
    }
    if (error.retryAfterS !== undefined) {
      if (error.retryAfterS > policy.maxRetryAfterS) {
        return { retry: false, why: `Retry-After ${error.retryAfterS}s exceeds ${policy.maxRetryAfterS}s` };
      }
      return { retry: true, delayMs: error.retryAfterS * 1000 };
    }
  } else if (!idempotent && !(error.failure === "network" && error.detail === "ECONNREFUSED")) {
    return { retry: false, why: `${error.failure} on a write: it may have been applied` };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.round(ceiling / 2 + (random() * ceiling) / 2) };
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), else from X-RateLimit-Reset. */
export function retryAfterSeconds(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim());
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - nowMs) / 1000));
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (headers.get("x-ratelimit-reset") !== null && Number.isFinite(reset) && reset > 0) {
    return Math.max(0, Math.ceil(reset - nowMs / 1000));
  }
  return undefined;
}

export interface RetryRuntime {
  readonly policy: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Told of each retry before its wait (for logs and tests). */
  readonly onRetry?: ((event: { attempt: number; delayMs: number; error: ServiceNowError }) => void) | undefined;
}

export function withRetries<T>(runtime: RetryRuntime, idempotent: boolean, attemptOnce: () => Promise<T>): Promise<T> {
  return pRetry(() => attemptOnce(), {
    retries: runtime.policy.maxRetries,
    // The waits are ours (Retry-After, injected sleep); p-retry only counts and decides.
    minTimeout: 0,
    maxTimeout: 0,
    randomize: false,
    shouldRetry: async ({ error, attemptNumber }) => {
      const decision = retryDecision(error, attemptNumber, runtime.policy, idempotent, runtime.random);
      if (!decision.retry) return false;
      runtime.onRetry?.({ attempt: attemptNumber, delayMs: decision.delayMs, error: error as ServiceNowError });
      if (decision.delayMs > 0) await runtime.sleep(decision.delayMs);
      return true;
    },
  });
}
