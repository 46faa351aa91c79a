/** outbox.list: every entry oldest first, or those of one state or one ticket. */
import { describe, expect, it } from "vitest";
import { keys, LEASE_MS, note, outboxStorePerTest } from "./outbox-fixtures.js";
import type { StoreInitializer } from "./types.js";

export function specOutboxList(init: StoreInitializer): void {
  describe("outbox.list", () => {
    const { store: current } = outboxStorePerTest(init);

    it("lists oldest first, by state and by ticket when asked", async () => {
      const store = current();
      await store.outbox.enqueue([note("z1", "INC2"), note("m1", "INC1"), note("z2", "INC2"), note("a1", "INC3")]);
      await store.outbox.take({ limit: 10, leaseMs: LEASE_MS });
      await store.outbox.markSent("z1");
      await store.outbox.markSent("a1");

      expect(keys(await store.outbox.list())).toEqual(["z1", "m1", "z2", "a1"]);
      expect(keys(await store.outbox.list({}))).toEqual(["z1", "m1", "z2", "a1"]);
      expect(keys(await store.outbox.list({ state: "pending" }))).toEqual(["m1", "z2"]);
      expect(keys(await store.outbox.list({ state: "sent" }))).toEqual(["z1", "a1"]);
      expect(keys(await store.outbox.list({ sysId: "INC2" }))).toEqual(["z1", "z2"]);
      expect(keys(await store.outbox.list({ sysId: "INC2", state: "pending" }))).toEqual(["z2"]);
      expect(await store.outbox.list({ sysId: "INC9" })).toEqual([]);
      const sent = await store.outbox.list({ state: "sent" });
      expect(sent.every((entry) => entry.state === "sent" && entry.sent_at !== null)).toBe(true);
    });
  });
}
