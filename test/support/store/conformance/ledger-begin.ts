/** ledger.begin (and ledger.get): a new entry starts as `started`; a key begun again keeps its first entry. */
import { describe, expect, it } from "vitest";
import { LedgerEntrySchema } from "../../../../src/store/types.js";
import { storePerTest, unique } from "./harness.js";
import type { StoreInitializer } from "./types.js";

export function specLedgerBegin(init: StoreInitializer): void {
  describe("ledger.begin", () => {
    const current = storePerTest(init);

    it("begins an entry as started and reads it back", async () => {
      const store = current();
      const key = unique("key");
      const thread = unique("thread");
      const args = { job: "nightly-load", attempt: 2, nested: { tags: ["a", "b"], flag: true, none: null } };
      const entry = await store.ledger.begin({ idempotency_key: key, thread_id: thread, action: "glue.start", args });
      expect(LedgerEntrySchema.parse(entry)).toEqual(entry);
      expect(entry).toMatchObject({
        idempotency_key: key,
        thread_id: thread,
        action: "glue.start",
        args,
        state: "started",
        execution_id: null,
        error: null,
        finished_at: null,
      });
      expect(await store.ledger.get(key)).toEqual(entry);
      expect(await store.ledger.get(unique("missing"))).toBeUndefined();
    });

    it("keeps the first entry when a key is begun again", async () => {
      const store = current();
      const key = unique("key");
      const thread = unique("thread");
      const first = await store.ledger.begin({
        idempotency_key: key,
        thread_id: thread,
        action: "a",
        args: { n: 1 },
      });
      const again = await store.ledger.begin({
        idempotency_key: key,
        thread_id: thread,
        action: "b",
        args: { n: 2 },
      });
      expect(again).toEqual(first);

      await store.ledger.complete(key, "run-1");
      const afterCompletion = await store.ledger.begin({
        idempotency_key: key,
        thread_id: thread,
        action: "a",
        args: {},
      });
      expect(afterCompletion).toMatchObject({ state: "completed", execution_id: "run-1", args: { n: 1 } });
    });
  });
}
