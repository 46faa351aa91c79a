/** What the outbox specs share: a clock moved by hand, an isolated store that reads it, and entries. */
import { beforeEach } from "vitest";
import type { OutboxEnqueue, OutboxEntry, RunStore } from "../../../../src/store/types.js";
import { storePerTest } from "./harness.js";
import type { StoreInitializer } from "./types.js";

const START = Date.parse("2030-01-01T09:00:00.000Z");

export interface HandClock {
  now(): Date;
  advance(ms: number): void;
  /** The clock's time, `offsetMs` on, as the store writes it. */
  iso(offsetMs?: number): string;
  /** The same, as a Date. */
  at(offsetMs?: number): Date;
}

export interface OutboxTestContext {
  store(): RunStore;
  clock: HandClock;
}

/**
 * A store per test, isolated (take sees every due entry in the store, so leftovers of other tests
 * would be taken too) and on a clock that starts each test at the same instant.
 */
export function outboxStorePerTest(init: StoreInitializer): OutboxTestContext {
  let ms = START;
  const clock: HandClock = {
    now: () => new Date(ms),
    advance: (by) => void (ms += by),
    iso: (offsetMs = 0) => new Date(ms + offsetMs).toISOString(),
    at: (offsetMs = 0) => new Date(ms + offsetMs),
  };
  beforeEach(() => {
    ms = START;
  });
  const store = storePerTest(init, { now: clock.now, isolated: true });
  return { store, clock };
}

/** A work note for ticket `sysId`, keyed `key`. */
export const note = (key: string, sysId: string, overrides: Partial<OutboxEnqueue> = {}): OutboxEnqueue => ({
  key,
  thread_id: `thread-${sysId}`,
  sys_id: sysId,
  kind: "work_note",
  payload: { work_notes: `note ${key}` },
  ...overrides,
});

export const keys = (entries: readonly OutboxEntry[]): string[] => entries.map((entry) => entry.key);

export const LEASE_MS = 60_000;
