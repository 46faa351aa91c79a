import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../state/node-names.js";
import { finishRun, workNotes } from "./finish.js";
import { guarded, type GraphNode } from "./guarded.js";

/** Hand Over: the reviewer chose to handle the incident themselves; the ticket is left to people. */
export function createHandOverNode(deps: OrchestratorDeps): GraphNode {
  return guarded(NODES.handOver, async (state) =>
    finishRun(state, deps, {
      state: null,
      assignment_group: state.incident.assignment_group ?? null,
      close_code: null,
      work_notes: workNotes(state, "Left to people after review: incident-orchestrator does nothing more."),
    }),
  );
}
