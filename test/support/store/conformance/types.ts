/**
 * How a backend takes part in the run-store conformance suite: one initializer per backend
 * (test/support/store/initializers/), handed to `runStoreConformance` or to a single spec.
 */
import type { RunStore } from "../../../../src/store/types.js";

/** What a spec may ask of the store it gets. */
export interface StoreOptions {
  /** The store's clock, for specs that move time by hand. */
  readonly now?: () => Date;
  /**
   * No data from other stores, for specs of operations that see the whole store (outbox.take
   * leases whatever is due), not only the ids of the spec.
   */
  readonly isolated?: boolean;
}

export interface StoreInitializer {
  /** The backend's name, which heads the suite's describe block. */
  readonly name: string;
  /** Why the suite cannot run here (no database, say), or undefined to run it. */
  readonly skipReason?: string | undefined;
  /**
   * A store for one test; the spec closes it afterwards. It may share data with stores created
   * earlier (one Postgres schema for the suite), so every spec uses ids of its own.
   */
  createStore(options?: StoreOptions): Promise<RunStore>;
  /**
   * Another store on the data of `store` (another connection or pool, as another process would
   * open it); the caller closes it. Only for backends whose data outlives a store.
   */
  openSibling?(store: RunStore, options?: StoreOptions): Promise<RunStore>;
  /** Once after the whole suite, every store closed: remove what `createStore` made (files, schemas). */
  cleanup?(): Promise<void>;
}
