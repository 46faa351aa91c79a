import type { Branch } from "../graph/branches.js";
import { withUpdate } from "../progress/with-update.js";
import type { GraphState } from "../state/graph-state.js";
import type { NodeName } from "../state/node-names.js";
import type { GraphNode } from "./guarded.js";

/**
 * Runs a branching node, then chooses its branch on the state as the update leaves it and writes
 * the choice (label and why) into `route`, for the router to read. Wrap a `guarded` body, so a
 * failure inside it is recorded first and chosen on ("error").
 */
export function routed<Label extends string>(
  node: NodeName,
  body: GraphNode,
  branch: (after: GraphState) => Branch<Label>,
): GraphNode {
  return async (state, config) => {
    const update = await body(state, config);
    const { label, why } = branch(withUpdate(state, update));
    return { ...update, route: { from: node, label, why } };
  };
}
