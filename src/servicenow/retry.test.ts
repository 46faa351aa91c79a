import { describe, expect, it } from "vitest";
import { ServiceNowError } from "./errors.js";
import { reserve } from "./rate-limit.js";
import { retryAfterSeconds, retryDecision, type RetryPolicy } from "./retry.js";

const POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterS: 30 };
const http = (status: number, retryAfterS?: number): ServiceNowError =>
  new ServiceNowError("http", status, "GET /api/now/table/incident", undefined, undefined, retryAfterS);
const half = (): number => 0.5;

describe("retryDecision", () => {
  it("retries transient statuses and nothing else", () => {
    for (const status of [429, 502, 503, 504])
      expect(retryDecision(http(status), 1, POLICY, true, half).retry).toBe(true);
    for (const status of [400, 401, 403, 404, 500])
      expect(retryDecision(http(status), 1, POLICY, true, half).retry).toBe(false);
    expect(retryDecision(new Error("boom"), 1, POLICY, true, half).retry).toBe(false);
  });

  it("waits what Retry-After says, and gives up when it is longer than allowed", () => {
    expect(retryDecision(http(429, 7), 1, POLICY, true, half)).toEqual({ retry: true, delayMs: 7000 });
    expect(retryDecision(http(429, 31), 1, POLICY, true, half)).toMatchObject({ retry: false, why: /exceeds 30s/ });
  });

  it("backs off exponentially with jitter, capped", () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => retryDecision(http(503), attempt, POLICY, true, half));
    expect(delays).toEqual([75, 150, 300, 600, 750].map((delayMs) => ({ retry: true, delayMs })));
    expect(retryDecision(http(503), 1, POLICY, true, () => 0)).toEqual({ retry: true, delayMs: 50 });
  });

  it("retries a write only when the instance cannot have applied it", () => {
    expect(retryDecision(http(429), 1, POLICY, false, half).retry).toBe(true);
    expect(retryDecision(http(503), 1, POLICY, false, half).retry).toBe(true);
    expect(retryDecision(http(502), 1, POLICY, false, half).retry).toBe(false);
    expect(retryDecision(http(504), 1, POLICY, false, half).retry).toBe(false);
    const timeout = new ServiceNowError("timeout", null, "PATCH /x", "no answer", "TimeoutError");
    const refused = new ServiceNowError("network", null, "PATCH /x", "no answer", "ECONNREFUSED");
    const reset = new ServiceNowError("network", null, "PATCH /x", "no answer", "ECONNRESET");
    expect(retryDecision(timeout, 1, POLICY, false, half).retry).toBe(false);
    expect(retryDecision(reset, 1, POLICY, false, half).retry).toBe(false);
    expect(retryDecision(refused, 1, POLICY, false, half).retry).toBe(true);
    expect(retryDecision(timeout, 1, POLICY, true, half).retry).toBe(true);
  });
});

describe("retryAfterSeconds", () => {
  const now = Date.parse("2025-03-01T10:00:00Z");
  it("reads delta-seconds, an HTTP date, or X-RateLimit-Reset", () => {
    expect(retryAfterSeconds(new Headers({ "Retry-After": "3" }), now)).toBe(3);
    expect(retryAfterSeconds(new Headers({ "Retry-After": "Sat, 01 Mar 2025 10:00:05 GMT" }), now)).toBe(5);
    expect(retryAfterSeconds(new Headers({ "X-RateLimit-Reset": String(now / 1000 + 9) }), now)).toBe(9);
    expect(retryAfterSeconds(new Headers(), now)).toBeUndefined();
  });
});

describe("reserve (token bucket)", () => {
  const config = { requestsPerSecond: 2, burst: 2 };
  it("lets a burst through, then spaces requests at the rate", () => {
    let state = { tokens: 2, atMs: 0 };
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = reserve(state, 0, config);
      state = next.state;
      waits.push(next.waitMs);
    }
    expect(waits).toEqual([0, 0, 500, 1000]);
    // After two seconds the bucket is full again, never fuller than the burst.
    expect(reserve({ tokens: 2, atMs: 0 }, 10_000, config).state.tokens).toBe(1);
  });
});
