import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../state/node-names.js";
import { answeringReview } from "../progress/review-progress.js";
import { finishRun, reviewerName, workNotes } from "./finish.js";
import { guarded, type GraphNode } from "./guarded.js";

/** Close Ticket: the remediation was verified, the failure had already recovered, or a reviewer accepted closing. */
export function createCloseTicketNode(deps: OrchestratorDeps): GraphNode {
  return guarded(NODES.closeTicket, async (state) => {
    const review = answeringReview(state);
    // Reached straight from a review (accept, nothing to run): the person closed it, not the policy.
    const closedByReviewer = review?.response === "accept" && review.attempt === null;
    return finishRun(state, deps, {
      state: "Resolved",
      assignment_group: state.incident.assignment_group ?? null,
      close_code: "Solved (Permanently)",
      work_notes: workNotes(
        state,
        closedByReviewer && review
          ? `Resolved by ${reviewerName(review.reviewer)} on review (incident-orchestrator).`
          : "Resolved automatically by incident-orchestrator.",
      ),
    });
  });
}
