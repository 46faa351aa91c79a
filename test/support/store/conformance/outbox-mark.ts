/** outbox.markSent and outbox.markFailed: how a taken entry is released, and that an unknown key cannot be. */
import { describe, expect, it } from "vitest";
import { LEASE_MS, note, outboxStorePerTest } from "./outbox-fixtures.js";
import type { StoreInitializer } from "./types.js";

export function specOutboxMark(init: StoreInitializer): void {
  describe("outbox.markSent and outbox.markFailed", () => {
    const { store: current, clock } = outboxStorePerTest(init);
    const lease = { limit: 10, leaseMs: LEASE_MS };

    it("records a send and never gives the entry again", async () => {
      const store = current();
      await store.outbox.enqueue([note("a", "INC1")]);
      const [taken] = await store.outbox.take(lease);
      clock.advance(1_000);
      await store.outbox.markSent("a");
      expect(await store.outbox.get("a")).toEqual({
        ...taken,
        state: "sent",
        sent_at: clock.iso(),
        lease_until: null,
      });
      clock.advance(86_400_000);
      expect(await store.outbox.take(lease)).toEqual([]);
    });

    it("releases a failed entry at once and backs it off until nextAttemptAt", async () => {
      const store = current();
      await store.outbox.enqueue([note("a", "INC1")]);
      const [taken] = await store.outbox.take(lease);
      await store.outbox.markFailed("a", "HTTP 429 Too Many Requests", clock.at(30_000));
      expect(await store.outbox.get("a")).toEqual({
        ...taken,
        state: "pending",
        attempts: 1,
        lease_until: null,
        last_error: "HTTP 429 Too Many Requests",
        next_attempt_at: clock.iso(30_000),
      });
      expect(await store.outbox.take(lease)).toEqual([]);
      clock.advance(29_999);
      expect(await store.outbox.take(lease)).toEqual([]);
      clock.advance(1);
      expect(await store.outbox.take(lease)).toMatchObject([{ key: "a", attempts: 2 }]);

      // Failed again with no backoff: due at once, though the lease it held had a minute to run.
      await store.outbox.markFailed("a", "socket hang up", clock.now());
      expect(await store.outbox.take(lease)).toMatchObject([{ key: "a", attempts: 3, last_error: "socket hang up" }]);
    });

    it("refuses an unknown key", async () => {
      const store = current();
      await expect(store.outbox.markSent("missing")).rejects.toThrow("no entry for key missing");
      await expect(store.outbox.markFailed("missing", "x", clock.now())).rejects.toThrow("no entry for key missing");
      expect(await store.outbox.get("missing")).toBeUndefined();
      expect(await store.outbox.list()).toEqual([]);
    });
  });
}
