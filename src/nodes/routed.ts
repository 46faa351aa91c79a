import type { Branch } from "../graph/branches.js";
import { withUpdate } from "../progress/with-update.js";
import type { Decision } from "../state/decision.js";
import type { GraphState } from "../state/graph-state.js";
import type { NodeName } from "../state/node-names.js";
import type { GraphNode } from "./guarded.js";

/**
 * Runs a branching node, then chooses its branch on the state as the update leaves it and writes
 * the choice (label and why) into `route`, for the router to read. Wrap a `guarded` body, so a
 * failure inside it is recorded first and chosen on ("error").
 *
 * `decideOnError` is the policy's decision for a run that failed (src/review/request.ts
 * `pendingDecision`: human_review, with the errors as its reasoning): when errors send the run to a
 * person, the node that met them records that decision, so the review node only asks.
 */
export function routed<Label extends string>(
  node: NodeName,
  body: GraphNode,
  branch: (after: GraphState) => Branch<Label>,
  decideOnError?: (after: GraphState) => Decision | null,
): GraphNode {
  return async (state, config) => {
    const update = await body(state, config);
    const after = withUpdate(state, update);
    const { label, why } = branch(after);
    const decision = decideOnError?.(after) ?? null;
    const decisions = decision ? { decisions: [...(update.decisions ?? []), decision] } : {};
    return { ...update, ...decisions, route: { from: node, label, why } };
  };
}
