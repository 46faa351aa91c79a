/**
 * What every run store must do, as one describe block each store's test file registers with its
 * own `open`. The memory store is the reference, so a durable store that passes behaves like it.
 * `open` may hand back stores sharing data with earlier ones (one Postgres schema per test file),
 * so every test uses ids of its own and looks only at its own rows.
 */
import { randomUUID } from "node:crypto";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LedgerEntrySchema, type RunStore, type ThreadRecord } from "../../../src/store/types.js";

const unique = (label: string) => `${label}-${randomUUID()}`;

/** A graph small enough to show that state written through the checkpointer comes back. */
const CounterState = Annotation.Root({
  count: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  visits: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

export function compileCounterGraph(store: RunStore) {
  return new StateGraph(CounterState)
    .addNode("bump", () => ({ count: 1, visits: ["bump"] }))
    .addEdge(START, "bump")
    .addEdge("bump", END)
    .compile({ checkpointer: store.checkpointer });
}

export function describeRunStoreConformance(name: string, open: () => Promise<RunStore>): void {
  describe(`${name}: run store conformance`, () => {
    let store: RunStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe("ledger", () => {
      it("begins an entry as started and reads it back", async () => {
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

      it("completes and fails entries", async () => {
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
        const key = unique("unknown");
        await expect(store.ledger.complete(key, "x")).rejects.toThrow(`no entry for idempotency key ${key}`);
        await expect(store.ledger.fail(key, "x")).rejects.toThrow(`no entry for idempotency key ${key}`);
        expect(await store.ledger.get(key)).toBeUndefined();
      });

      it("lists a thread's entries oldest first, and only that thread's", async () => {
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

    describe("locks", () => {
      it("lets one holder at a time take a thread, and again after release", async () => {
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
        const thread = unique("thread");
        const attempts = await Promise.all([1, 2, 3, 4].map(() => store.locks.tryAcquire(thread)));
        const winners = attempts.filter((lock) => lock !== undefined);
        expect(winners).toHaveLength(1);
        await winners[0]?.release();
      });
    });

    describe("thread index", () => {
      const record = (thread_id: string, overrides: Partial<ThreadRecord> = {}): ThreadRecord => ({
        thread_id,
        sys_id: "0123456789abcdef",
        status: "running",
        summary: "INC0010001: Glue job failed; investigating",
        updated_at: "2025-01-01T10:00:00.000Z",
        ...overrides,
      });

      it("upserts a record by thread id", async () => {
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

    describe("checkpointer", () => {
      it("keeps a graph's state per thread across invocations", async () => {
        const graph = compileCounterGraph(store);
        const config = { configurable: { thread_id: unique("thread") } };
        const other = { configurable: { thread_id: unique("thread") } };

        expect(await graph.invoke({ count: 10 }, config)).toEqual({ count: 11, visits: ["bump"] });
        await graph.invoke({ count: 0 }, config);
        await graph.invoke({ count: 100 }, other);

        const state = await graph.getState(config);
        expect(state.values).toEqual({ count: 12, visits: ["bump", "bump"] });
        expect((await graph.getState(other)).values).toEqual({ count: 101, visits: ["bump"] });
        expect(await store.checkpointer.getTuple(config)).toBeDefined();
      });
    });

    it("closes idempotently", async () => {
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
