import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../graph/node-names.js";
import { finishRun, workNotes } from "./finish.js";
import { guarded, type GraphNode } from "./guarded.js";

/** Close Ticket: the remediation was verified, or the failure had already recovered. */
export function createCloseTicketNode(deps: OrchestratorDeps): GraphNode {
  return guarded(NODES.closeTicket, async (state) =>
    finishRun(state, deps, {
      state: "Resolved",
      assignment_group: state.incident.assignment_group ?? null,
      close_code: "Solved (Permanently)",
      work_notes: workNotes(state, "Resolved automatically by incident-orchestrator."),
    }),
  );
}
