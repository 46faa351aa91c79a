import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../state/node-names.js";
import { policyInputFrom } from "../progress/policy-input.js";
import { decide } from "../policy/index.js";
import { guarded, type GraphNode } from "./guarded.js";

/** Policy Engine: deterministic code weighs confidence, evidence and the action's outcome. Never a model. */
export function createPolicyEngineNode(deps: OrchestratorDeps): GraphNode {
  return guarded(NODES.policyEngine, async (state) => {
    const decision = decide(policyInputFrom(state, deps.config, deps.tools), deps.config.policy);
    return { decisions: [decision] };
  });
}
