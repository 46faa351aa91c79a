import type { GraphState, GraphUpdate } from "../state/graph-state.js";

export type GraphNode = (state: GraphState) => Promise<GraphUpdate>;

/**
 * Runs a node so that a failure inside it never escapes the graph: the error is recorded in
 * `errors` and the routing functions send the run to human review. Nothing is lost.
 */
export function guarded(node: string, body: GraphNode): GraphNode {
  return async (state) => {
    try {
      return await body(state);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { errors: [{ node, message: message.slice(0, 1_000) }] };
    }
  };
}
