/** ledger.complete and ledger.fail: how a begun entry ends, and that an unknown key cannot. */
import { describe, expect, it } from "vitest";
import { LedgerEntrySchema } from "../../../../src/store/types.js";
import { storePerTest, unique } from "./harness.js";
import type { StoreInitializer } from "./types.js";

export function specLedgerFinish(init: StoreInitializer): void {
  describe("ledger.complete and ledger.fail", () => {
    const current = storePerTest(init);

    it("completes and fails entries", async () => {
      const store = current();
      const thread = unique("thread");
      const done = unique("done");
      const failed = unique("failed");
      await store.ledger.begin({ idempotency_key: done, thread_id: thread, action: "a", args: {} });
      await store.ledger.begin({ idempotency_key: failed, thread_id: thread, action: "a", args: {} });
      await store.ledger.complete(done, "jr_123");
      await store.ledger.fail(failed, "AccessDenied: no");

      const completed = await store.ledger.get(done);
      expect(completed).toMatchObject({ state: "completed", execution_id: "jr_123", error: null });
      expect(completed?.finished_at).toEqual(expect.any(String));
      expect(LedgerEntrySchema.parse(completed)).toEqual(completed);
      const failure = await store.ledger.get(failed);
      expect(failure).toMatchObject({ state: "failed", execution_id: null, error: "AccessDenied: no" });
      expect(failure?.finished_at).toEqual(expect.any(String));
    });

    it("refuses to finish an unknown key", async () => {
      const store = current();
      const key = unique("unknown");
      await expect(store.ledger.complete(key, "x")).rejects.toThrow(`no entry for idempotency key ${key}`);
      await expect(store.ledger.fail(key, "x")).rejects.toThrow(`no entry for idempotency key ${key}`);
      expect(await store.ledger.get(key)).toBeUndefined();
    });
  });
}
