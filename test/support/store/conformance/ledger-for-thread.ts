/** ledger.forThread: a thread's entries, oldest first, and no other thread's. */
import { describe, expect, it } from "vitest";
import { storePerTest, unique } from "./harness.js";
import type { StoreInitializer } from "./types.js";

export function specLedgerForThread(init: StoreInitializer): void {
  describe("ledger.forThread", () => {
    const current = storePerTest(init);

    it("lists a thread's entries oldest first, and only that thread's", async () => {
      const store = current();
      const thread = unique("thread");
      const other = unique("other");
      const keys = [unique("k1"), unique("k2"), unique("k3")];
      for (const key of keys) {
        await store.ledger.begin({ idempotency_key: key, thread_id: thread, action: "a", args: { key } });
      }
      await store.ledger.begin({ idempotency_key: unique("k-other"), thread_id: other, action: "a", args: {} });
      await store.ledger.complete(keys[0] ?? "", "first");

      const entries = await store.ledger.forThread(thread);
      expect(entries.map((entry) => entry.idempotency_key)).toEqual(keys);
      expect(entries[0]).toMatchObject({ state: "completed", execution_id: "first" });
      expect(entries.map((entry) => entry.args)).toEqual(keys.map((key) => ({ key })));
      expect(await store.ledger.forThread(unique("empty"))).toEqual([]);
    });
  });
}
