import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../state/node-names.js";
import { policyInputFrom } from "../progress/policy-input.js";
import { decide } from "../policy/index.js";
import { branchAfterPolicy } from "../graph/branches.js";
import { pendingDecision } from "../review/request.js";
import { routed } from "./routed.js";
import { guarded, type GraphNode } from "./guarded.js";

/** Policy Engine: deterministic code weighs confidence, evidence and the action's outcome. Never a model. */
export function createPolicyEngineNode(deps: OrchestratorDeps): GraphNode {
  const body = guarded(NODES.policyEngine, async (state) => {
    const decision = decide(policyInputFrom(state, deps.config, deps.tools), deps.config.policy);
    return { decisions: [decision] };
  });
  return routed(
    NODES.policyEngine,
    body,
    (after) => branchAfterPolicy(after),
    (after) => pendingDecision(after, deps.config, deps.tools),
  );
}
