/** The thread index: threads.upsert, threads.get and threads.list (newest first, by status). */
import { describe, expect, it } from "vitest";
import type { ThreadRecord } from "../../../../src/store/types.js";
import { storePerTest, unique } from "./harness.js";
import type { StoreInitializer } from "./types.js";

const record = (thread_id: string, overrides: Partial<ThreadRecord> = {}): ThreadRecord => ({
  thread_id,
  sys_id: "0123456789abcdef",
  status: "running",
  summary: "INC0010001: Glue job failed; investigating",
  updated_at: "2025-01-01T10:00:00.000Z",
  ...overrides,
});

export function specThreads(init: StoreInitializer): void {
  describe("thread index", () => {
    const current = storePerTest(init);

    it("upserts a record by thread id", async () => {
      const store = current();
      const thread = unique("thread");
      await store.threads.upsert(record(thread));
      expect(await store.threads.get(thread)).toEqual(record(thread));

      const paused = record(thread, {
        status: "paused",
        summary: "awaiting review",
        updated_at: "2025-01-01T11:00:00.000Z",
      });
      await store.threads.upsert(paused);
      expect(await store.threads.get(thread)).toEqual(paused);
      expect((await store.threads.list()).filter((r) => r.thread_id === thread)).toEqual([paused]);
      expect(await store.threads.get(unique("missing"))).toBeUndefined();
    });

    it("lists newest first, filtered by status when asked", async () => {
      const store = current();
      const [oldest, middle, newest] = [unique("t1"), unique("t2"), unique("t3")];
      const mine = new Set([oldest, middle, newest]);
      // Written out of order, so that insertion order cannot pass for time order.
      await store.threads.upsert(record(middle, { status: "done", updated_at: "2025-02-01T00:00:00.000Z" }));
      await store.threads.upsert(record(newest, { status: "paused", updated_at: "2025-03-01T00:00:00.000Z" }));
      await store.threads.upsert(record(oldest, { status: "paused", updated_at: "2025-01-01T00:00:00.000Z" }));

      const ids = (records: ThreadRecord[]) => records.map((r) => r.thread_id).filter((id) => mine.has(id));
      expect(ids(await store.threads.list())).toEqual([newest, middle, oldest]);
      expect(ids(await store.threads.list({ status: "paused" }))).toEqual([newest, oldest]);
      expect(ids(await store.threads.list({ status: "done" }))).toEqual([middle]);
      const paused = await store.threads.list({ status: "paused" });
      expect(paused.every((r) => r.status === "paused")).toBe(true);
    });
  });
}
