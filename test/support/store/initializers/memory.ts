/** The memory store for the conformance suite: each store starts empty and leaves nothing behind. */
import { memoryRunStore } from "../../../../src/store/memory.js";
import type { StoreInitializer } from "../conformance/types.js";

export const memoryInitializer: StoreInitializer = {
  name: "memory",
  // Every memory store is isolated; none has a sibling, its data ending with it.
  createStore: async (options) => memoryRunStore(options?.now),
};
