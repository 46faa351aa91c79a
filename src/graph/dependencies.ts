import type { IncidentClassifier } from "../classifier/index.js";
import type { OrchestratorConfig } from "../config/schema.js";
import type { InvestigateInput } from "../investigation/index.js";
import type { InvestigationState } from "../state/investigation.js";
import type { SideEffectLedger } from "../store/types.js";
import type { ToolRegistry } from "../tools/registry.js";

/** Anything that can investigate a classified incident with the run's tools. */
export interface Investigator {
  readonly name: string;
  investigate(input: InvestigateInput): Promise<InvestigationState>;
}

/**
 * What the nodes need from the outside world. Built in one place, src/compose (from config and
 * environment); tests pass their own parts through the same function.
 */
export interface OrchestratorDeps {
  readonly config: OrchestratorConfig;
  readonly classifier: IncidentClassifier;
  readonly investigator: Investigator;
  readonly tools: ToolRegistry;
  /** Where each side effect is written down before and after it happens (src/store). */
  readonly ledger: SideEffectLedger;
  /** The clock for timestamps and durations. */
  readonly now: () => Date;
  /** Waits between verification polls (tests pass one that resolves at once). */
  readonly sleep: (ms: number) => Promise<void>;
}
