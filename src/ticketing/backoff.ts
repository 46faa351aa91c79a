/**
 * When a failed outbox write is tried again: doubling from `base_delay_ms` up to `max_delay_ms`,
 * with equal jitter (half fixed, half random) so workers that failed together do not retry
 * together; never sooner than the instance's Retry-After. PURE (the random source is given).
 */
import type { OutboxConfig } from "./config.js";

export function nextAttemptAt(
  now: Date,
  attempts: number,
  config: Pick<OutboxConfig, "base_delay_ms" | "max_delay_ms">,
  random: () => number,
  retryAfterS?: number,
): Date {
  const exponential = Math.min(config.max_delay_ms, config.base_delay_ms * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  const delay = Math.max(jittered, (retryAfterS ?? 0) * 1_000);
  return new Date(now.getTime() + delay);
}
