/** What the specs share: ids of their own, and a fresh store per test. */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach } from "vitest";
import type { RunStore } from "../../../../src/store/types.js";
import type { StoreInitializer, StoreOptions } from "./types.js";

export const unique = (label: string) => `${label}-${randomUUID()}`;

/**
 * Opens a store from `init` (with `options`) before each test of the enclosing describe block and
 * closes it after; the returned function gives the current test its store.
 */
export function storePerTest(init: StoreInitializer, options?: StoreOptions): () => RunStore {
  let store: RunStore | undefined;
  beforeEach(async () => {
    store = await init.createStore(options);
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (store === undefined) throw new Error(`no ${init.name} store: call it inside a test`);
    return store;
  };
}
