/**
 * outbox.take: leases due entries oldest first, one ticket's entries in order, and never one entry
 * to two takers at once, however many take together (from other connections too, where a backend
 * has them).
 */
import { describe, expect, it } from "vitest";
import type { RunStore } from "../../../../src/store/types.js";
import { keys, LEASE_MS, note, outboxStorePerTest } from "./outbox-fixtures.js";
import type { StoreInitializer } from "./types.js";

const take = (store: RunStore, limit = 10) => store.outbox.take({ limit, leaseMs: LEASE_MS });

/** Two more stores on the data of `store` (as other processes would open), where the backend has them. */
async function siblingsOf(init: StoreInitializer, store: RunStore, now: () => Date): Promise<RunStore[]> {
  const open = init.openSibling;
  if (open === undefined) return [];
  return Promise.all([1, 2].map(() => open.call(init, store, { now })));
}

export function specOutboxTake(init: StoreInitializer): void {
  describe("outbox.take", () => {
    const { store: current, clock } = outboxStorePerTest(init);

    it("leases due entries oldest first, up to the limit", async () => {
      const store = current();
      await store.outbox.enqueue(["e1", "e2", "e3", "e4", "e5"].map((key, i) => note(key, `INC${5 - i}`)));
      expect(await store.outbox.take({ limit: 0, leaseMs: LEASE_MS })).toEqual([]);

      const first = await take(store, 2);
      expect(keys(first)).toEqual(["e1", "e2"]);
      for (const entry of first) {
        expect(entry).toMatchObject({ state: "pending", attempts: 1, lease_until: clock.iso(LEASE_MS) });
        expect(await store.outbox.get(entry.key)).toEqual(entry);
      }
      expect(keys(await take(store))).toEqual(["e3", "e4", "e5"]);
      expect(await take(store)).toEqual([]);
    });

    it("refuses a negative or fractional limit", async () => {
      const store = current();
      await store.outbox.enqueue([note("e1", "INC1")]);
      await expect(store.outbox.take({ limit: -1, leaseMs: LEASE_MS })).rejects.toThrow(/invalid take options/);
      await expect(store.outbox.take({ limit: 1.5, leaseMs: LEASE_MS })).rejects.toThrow(/invalid take options/);
      expect(await store.outbox.get("e1")).toMatchObject({ attempts: 0, lease_until: null });
    });

    it("does not give a leased entry again until its lease has passed, then counts a second attempt", async () => {
      const store = current();
      await store.outbox.enqueue([note("e1", "INC1")]);
      expect(await take(store)).toMatchObject([{ key: "e1", attempts: 1 }]);
      expect(await take(store)).toEqual([]);
      clock.advance(LEASE_MS - 1);
      expect(await take(store)).toEqual([]);

      clock.advance(2);
      const again = await take(store);
      expect(again).toEqual([expect.objectContaining({ key: "e1", attempts: 2, lease_until: clock.iso(LEASE_MS) })]);
      expect(await store.outbox.get("e1")).toEqual(again[0]);
    });

    it("holds a ticket's later entries while an earlier one is pending, leased or backed off", async () => {
      const store = current();
      await store.outbox.enqueue([note("a1", "INC1"), note("b1", "INC2"), note("a2", "INC1"), note("a3", "INC1")]);
      expect(keys(await take(store))).toEqual(["a1", "b1"]);
      await store.outbox.markSent("b1");
      // a1 backed off: a2 is due by its own times, but must not overtake it.
      await store.outbox.markFailed("a1", "HTTP 503", clock.at(300_000));
      expect(await take(store)).toEqual([]);

      clock.advance(300_000);
      expect(await take(store)).toMatchObject([{ key: "a1", attempts: 2 }]);
      await store.outbox.markSent("a1");
      expect(keys(await take(store))).toEqual(["a2"]);
      // a2 leased, its sender gone quiet: a3 still waits, and a2 comes back once the lease passes.
      expect(await take(store)).toEqual([]);
      clock.advance(LEASE_MS + 1);
      expect(await take(store)).toMatchObject([{ key: "a2", attempts: 2 }]);
      await store.outbox.markSent("a2");
      expect(keys(await take(store))).toEqual(["a3"]);
    });

    it("never gives one entry to two of several concurrent takers", async () => {
      const store = current();
      const all = Array.from({ length: 50 }, (_, i) => `k${String(i).padStart(2, "0")}`);
      await store.outbox.enqueue(all.map((key) => note(key, `INC-${key}`)));
      const siblings = await siblingsOf(init, store, clock.now);
      const takers = [store, ...siblings];
      try {
        const batches = await Promise.all(
          Array.from({ length: 10 }, (_, i) => take(takers[i % takers.length] ?? store, 5)),
        );
        const taken = batches.flat();
        expect(new Set(keys(taken)).size).toBe(taken.length);
        expect(taken.every((entry) => entry.attempts === 1)).toBe(true);

        // Whatever a taker passed over is still there, taken once by now.
        const rest = await take(store, 100);
        expect([...keys(taken), ...keys(rest)].sort()).toEqual(all);
        const attempts = (await store.outbox.list()).map((entry) => entry.attempts);
        expect(attempts).toEqual(all.map(() => 1));
      } finally {
        await Promise.all(siblings.map((sibling) => sibling.close()));
      }
    });
  });
}
