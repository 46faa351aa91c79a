import type { OrchestratorDeps } from "../graph/dependencies.js";
import { NODES } from "../state/node-names.js";
import { answeringReview } from "../progress/review-progress.js";
import { finishRun, quotedNote, reviewerName, workNotes } from "./finish.js";
import { guarded, type GraphNode } from "./guarded.js";

/**
 * Escalate to Expert: the cause is known (or the remediation ran out) and it needs an expert, or a
 * reviewer answered with a note.
 */
export function createEscalateNode(deps: OrchestratorDeps): GraphNode {
  return guarded(NODES.escalate, async (state) => {
    const review = answeringReview(state);
    const note = review?.response === "response" ? review : undefined;
    return finishRun(state, deps, {
      state: "In Progress",
      assignment_group: state.incident.assignment_group ?? null,
      close_code: null,
      work_notes: workNotes(
        state,
        note
          ? `Escalated by ${reviewerName(note.reviewer)} on review:${note.note ? quotedNote(note.note) : ""}`
          : "Escalated by incident-orchestrator: needs an expert.",
      ),
    });
  });
}
