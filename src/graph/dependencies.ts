import type { IncidentClassifier } from "../classifier/index.js";
import type { OrchestratorConfig } from "../config/schema.js";
import type { SideEffectLedger } from "../store/types.js";
import type { ToolRegistry } from "../tools/registry.js";

/** What the nodes need from the outside world; tests and the server pass their own. */
export interface OrchestratorDeps {
  readonly config: OrchestratorConfig;
  readonly classifier: IncidentClassifier;
  readonly tools: ToolRegistry;
  /** Where each side effect is written down before and after it happens (src/store). */
  readonly ledger: SideEffectLedger;
  /** The clock for timestamps and durations. */
  readonly now: () => Date;
  /** Waits between verification polls (tests pass one that resolves at once). */
  readonly sleep: (ms: number) => Promise<void>;
}
