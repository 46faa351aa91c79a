/** locks.tryAcquire and ThreadLock.release: one holder per thread at a time, even among concurrent callers. */
import { describe, expect, it } from "vitest";
import { storePerTest, unique } from "./harness.js";
import type { StoreInitializer } from "./types.js";

export function specLocks(init: StoreInitializer): void {
  describe("locks", () => {
    const current = storePerTest(init);

    it("lets one holder at a time take a thread, and again after release", async () => {
      const store = current();
      const thread = unique("thread");
      const lock = await store.locks.tryAcquire(thread);
      expect(lock?.threadId).toBe(thread);
      expect(await store.locks.tryAcquire(thread)).toBeUndefined();

      const other = await store.locks.tryAcquire(unique("other"));
      expect(other).toBeDefined();

      await lock?.release();
      await lock?.release(); // a second release is harmless
      const again = await store.locks.tryAcquire(thread);
      expect(again?.threadId).toBe(thread);
      await again?.release();
      await other?.release();
    });

    it("gives a thread to exactly one of several concurrent callers", async () => {
      const store = current();
      const thread = unique("thread");
      const attempts = await Promise.all([1, 2, 3, 4].map(() => store.locks.tryAcquire(thread)));
      const winners = attempts.filter((lock) => lock !== undefined);
      expect(winners).toHaveLength(1);
      await winners[0]?.release();
    });
  });
}
