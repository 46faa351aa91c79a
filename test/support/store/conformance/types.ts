/**
 * How a backend takes part in the run-store conformance suite: one initializer per backend
 * (test/support/store/initializers/), handed to `runStoreConformance` or to a single spec.
 */
import type { RunStore } from "../../../../src/store/types.js";

export interface StoreInitializer {
  /** The backend's name, which heads the suite's describe block. */
  readonly name: string;
  /** Why the suite cannot run here (no database, say), or undefined to run it. */
  readonly skipReason?: string | undefined;
  /**
   * A store for one test; the spec closes it afterwards. It may share data with stores created
   * earlier (one Postgres schema for the suite), so every spec uses ids of its own.
   */
  createStore(): Promise<RunStore>;
  /** Once after the whole suite, every store closed: remove what `createStore` made (files, schemas). */
  cleanup?(): Promise<void>;
}
