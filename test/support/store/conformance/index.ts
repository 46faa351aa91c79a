/**
 * What every run store must do, one spec per operation (after langgraphjs'
 * @langchain/langgraph-checkpoint-validation). Each spec takes a backend's initializer and
 * registers its describe block, with a fresh store per test; `runStoreConformance` registers them
 * all under one block per backend. The memory store is the reference, so a durable store that
 * passes behaves like it.
 */
import { afterAll, describe } from "vitest";
import { specCheckpointer } from "./checkpointer.js";
import { specClose } from "./close.js";
import { specLedgerBegin } from "./ledger-begin.js";
import { specLedgerFinish } from "./ledger-finish.js";
import { specLedgerForThread } from "./ledger-for-thread.js";
import { specLocks } from "./locks.js";
import { specOutbox } from "./outbox.js";
import { specThreads } from "./threads.js";
import type { StoreInitializer } from "./types.js";

export function runStoreConformance(init: StoreInitializer): void {
  const { skipReason } = init;
  describe.skipIf(skipReason !== undefined)(
    `${init.name}: run store conformance${skipReason === undefined ? "" : ` (skipped: ${skipReason})`}`,
    () => {
      afterAll(async () => {
        await init.cleanup?.();
      });
      specLedgerBegin(init);
      specLedgerFinish(init);
      specLedgerForThread(init);
      specLocks(init);
      specThreads(init);
      specOutbox(init);
      specCheckpointer(init);
      specClose(init);
    },
  );
}

export {
  specCheckpointer,
  specClose,
  specLedgerBegin,
  specLedgerFinish,
  specLedgerForThread,
  specLocks,
  specOutbox,
  specThreads,
};
export { compileCounterGraph } from "./counter-graph.js";
export type { StoreInitializer } from "./types.js";
