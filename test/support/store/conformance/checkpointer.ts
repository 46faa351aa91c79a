/** The store's checkpointer, through a compiled graph: each thread's state survives between invocations. */
import { describe, expect, it } from "vitest";
import { compileCounterGraph } from "./counter-graph.js";
import { storePerTest, unique } from "./harness.js";
import type { StoreInitializer } from "./types.js";

export function specCheckpointer(init: StoreInitializer): void {
  describe("checkpointer", () => {
    const current = storePerTest(init);

    it("keeps a graph's state per thread across invocations", async () => {
      const store = current();
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
}
