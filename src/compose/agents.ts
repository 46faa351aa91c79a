/**
 * The implementation of each agent node, chosen by config (`agents`). Only `rules` exists today;
 * a model-backed classifier or investigator is one more case here, and nothing else changes: the
 * nodes call the interface, and the graph validates whatever comes back.
 */
import { deterministicClassifier, type IncidentClassifier } from "../classifier/index.js";
import type { AgentsConfig } from "../config/schema.js";
import type { Investigator } from "../graph/dependencies.js";
import { investigate } from "../investigation/index.js";

export function classifierFor(agents: AgentsConfig): IncidentClassifier {
  switch (agents.classifier) {
    case "rules":
      return deterministicClassifier;
  }
}

/** The deterministic investigator: the intent's playbook in parallel, then the analyzers. */
export const rulesInvestigator: Investigator = { name: "rules", investigate };

export function investigatorFor(agents: AgentsConfig): Investigator {
  switch (agents.investigator) {
    case "rules":
      return rulesInvestigator;
  }
}
