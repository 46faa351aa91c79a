import { describe, expect, it } from "vitest";
import { nextAttemptAt } from "./backoff.js";

const now = new Date("2026-11-23T06:00:00Z");
const config = { base_delay_ms: 1_000, max_delay_ms: 10_000 };
const after = (attempts: number, random: number, retryAfterS?: number) =>
  nextAttemptAt(now, attempts, config, () => random, retryAfterS).getTime() - now.getTime();

describe("nextAttemptAt", () => {
  it("doubles per attempt with equal jitter, up to the maximum", () => {
    expect([1, 2, 3, 4, 5].map((attempts) => after(attempts, 0))).toEqual([500, 1_000, 2_000, 4_000, 5_000]);
    expect([1, 2, 3, 4, 5].map((attempts) => after(attempts, 1))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000]);
  });

  it("never comes before the instance's Retry-After", () => {
    expect(after(1, 0.5, 120)).toBe(120_000);
    expect(after(5, 1, 1)).toBe(10_000);
  });
});
