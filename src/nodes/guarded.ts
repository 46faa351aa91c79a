import { isGraphBubbleUp, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { GraphState, GraphUpdate } from "../state/graph-state.js";

export type GraphNode = (state: GraphState, config?: LangGraphRunnableConfig) => Promise<GraphUpdate>;

/**
 * Runs a node so that a failure inside it never escapes the graph: the error is recorded in
 * `errors` and the routing functions send the run to human review. Nothing is lost. LangGraph's
 * own control flow (an interrupt bubbling up) passes through untouched.
 */
export function guarded(node: string, body: GraphNode): GraphNode {
  return async (state, config) => {
    try {
      return await body(state, config);
    } catch (error) {
      if (isGraphBubbleUp(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return { errors: [{ node, message: message.slice(0, 1_000) }] };
    }
  };
}

/** The run's thread id; a graph invoked without a checkpointer thread gets a stand-in. */
export function threadIdOf(config: LangGraphRunnableConfig | undefined): string {
  const id: unknown = config?.configurable?.thread_id;
  return typeof id === "string" && id !== "" ? id : "unthreaded";
}
