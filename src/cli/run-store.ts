import { openRunStoreFromEnv } from "../store/from-env.js";
import type { RunStore } from "../store/types.js";

/**
 * Runs `body` with the environment's run store open (src/store/from-env.ts, docs/durability.md),
 * and closes it whatever happens: a Postgres pool would keep the process alive.
 */
export async function withCliRunStore<T>(body: (store: RunStore) => Promise<T>): Promise<T> {
  const store = await openRunStoreFromEnv();
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}
