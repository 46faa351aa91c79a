/** outbox.enqueue (and outbox.get): insert-or-ignore by key, in the order given, counting the new. */
import { describe, expect, it } from "vitest";
import { OutboxEntrySchema } from "../../../../src/store/types.js";
import { keys, LEASE_MS, note, outboxStorePerTest } from "./outbox-fixtures.js";
import type { StoreInitializer } from "./types.js";

export function specOutboxEnqueue(init: StoreInitializer): void {
  describe("outbox.enqueue", () => {
    const { store: current, clock } = outboxStorePerTest(init);

    it("queues entries in the order given, pending and due at once", async () => {
      const store = current();
      const payload = { work_notes: "Glue job restarted", state: 6, nested: { ids: ["a", "b"], ok: true, none: null } };
      // Neither keys nor tickets in alphabetical order, so that no sort can pass for insertion order.
      const batch = [note("t9:claim", "INC9", { payload }), note("t1:claim", "INC1"), note("t5:outcome", "INC5")];
      expect(await store.outbox.enqueue(batch)).toBe(3);
      clock.advance(1_000);
      expect(await store.outbox.enqueue([note("t3:claim", "INC3")])).toBe(1);

      const listed = await store.outbox.list();
      expect(keys(listed)).toEqual(["t9:claim", "t1:claim", "t5:outcome", "t3:claim"]);
      const seqs = listed.map((entry) => entry.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      for (const entry of listed) expect(OutboxEntrySchema.parse(entry)).toEqual(entry);
      expect(listed[0]).toEqual({
        ...batch[0],
        seq: seqs[0],
        state: "pending",
        attempts: 0,
        next_attempt_at: clock.iso(-1_000),
        lease_until: null,
        last_error: null,
        created_at: clock.iso(-1_000),
        sent_at: null,
      });
      expect(listed[3]).toMatchObject({ created_at: clock.iso(), next_attempt_at: clock.iso() });
      expect(await store.outbox.get("t9:claim")).toEqual(listed[0]);
      expect(await store.outbox.get("t0:missing")).toBeUndefined();
    });

    it("ignores keys already queued, even when sent, and counts only the new", async () => {
      const store = current();
      expect(await store.outbox.enqueue([note("a", "INC1")])).toBe(1);
      const first = await store.outbox.get("a");
      clock.advance(1_000);
      const replay = note("a", "INC2", { kind: "outcome", payload: { work_notes: "other" } });
      expect(await store.outbox.enqueue([replay, note("b", "INC1")])).toBe(1);
      expect(await store.outbox.get("a")).toEqual(first);
      // The same key twice in one batch: the first is queued.
      expect(await store.outbox.enqueue([note("c", "INC3"), note("c", "INC4")])).toBe(1);
      expect(await store.outbox.get("c")).toMatchObject({ sys_id: "INC3" });
      expect(await store.outbox.enqueue([])).toBe(0);

      await store.outbox.take({ limit: 10, leaseMs: LEASE_MS });
      await store.outbox.markSent("a");
      expect(await store.outbox.enqueue([note("a", "INC1")])).toBe(0);
      expect(await store.outbox.get("a")).toMatchObject({ state: "sent", payload: first?.payload });
      expect(keys(await store.outbox.list())).toEqual(["a", "b", "c"]);
    });

    it("queues nothing of a batch with an invalid entry", async () => {
      const store = current();
      await expect(store.outbox.enqueue([note("good", "INC1"), note("", "INC1")])).rejects.toThrow();
      expect(await store.outbox.list()).toEqual([]);
    });
  });
}
