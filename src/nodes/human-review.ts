import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../graph/node-names.js";
import { policyInputFrom } from "../graph/policy-input.js";
import { decide } from "../policy/index.js";
import { finishRun, workNotes } from "./finish.js";
import { guarded, type GraphNode } from "./guarded.js";

/**
 * Manual Review: a person takes it from here. Reached by the policy's decision or by any node's
 * failure (then the decision is recomputed with the error, which always yields human_review).
 * Interrupt-and-resume comes with the human-review issue; for now the run ends here.
 */
export function createHumanReviewNode(deps: OrchestratorDeps): GraphNode {
  return guarded(NODES.humanReview, async (state) => {
    const needsDecision = state.decisions.at(-1)?.decision !== "human_review";
    const decisions = needsDecision
      ? [decide(policyInputFrom(state, deps.config, deps.tools), deps.config.policy)]
      : [];
    const decided = { ...state, decisions: [...state.decisions, ...decisions] };
    return {
      decisions,
      ...finishRun(decided, deps, {
        state: "On Hold",
        assignment_group: state.incident.assignment_group ?? null,
        close_code: null,
        work_notes: workNotes(decided, "Needs human review (incident-orchestrator)."),
      }),
    };
  });
}
