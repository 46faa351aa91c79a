/**
 * The one place the graph's dependencies are assembled. Everything that builds a graph — the
 * orchestrator (CLI, evals, bench, library callers), the deployed graph, the Mermaid drawing and
 * the tests — passes what it has and gets the rest from config: the agents `config.agents` names,
 * the real clock, real waits.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { IncidentClassifier } from "../classifier/index.js";
import type { OrchestratorConfig } from "../config/schema.js";
import type { Investigator, OrchestratorDeps } from "../graph/dependencies.js";
import { memoryLedger } from "../store/memory.js";
import type { SideEffectLedger } from "../store/types.js";
import { toolRegistry } from "../tools/registry.js";
import { classifierFor, investigatorFor } from "./agents.js";

export interface DependencyParts {
  readonly config: OrchestratorConfig;
  /** The run's tools (src/compose/tools.ts opens them; none, to draw or inspect). */
  readonly tools: readonly StructuredToolInterface[];
  // Each optional part may be passed as undefined (a caller forwarding its own optional options).
  /** Default: in memory (fine for drawing or a one-off run; durable runs pass their store's). */
  readonly ledger?: SideEffectLedger | undefined;
  /** Overrides `config.agents.classifier` (a test's, or a caller's own implementation). */
  readonly classifier?: IncidentClassifier | undefined;
  readonly investigator?: Investigator | undefined;
  readonly now?: (() => Date) | undefined;
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
}

export function createDependencies(parts: DependencyParts): OrchestratorDeps {
  return {
    config: parts.config,
    classifier: parts.classifier ?? classifierFor(parts.config.agents),
    investigator: parts.investigator ?? investigatorFor(parts.config.agents),
    tools: toolRegistry(parts.tools),
    ledger: parts.ledger ?? memoryLedger(),
    now: parts.now ?? (() => new Date()),
    sleep: parts.sleep ?? ((ms) => delay(ms)),
  };
}
