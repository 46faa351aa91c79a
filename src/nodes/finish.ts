import type { OrchestratorDeps } from "../graph/dependencies.js";
import { buildResult } from "../graph/result.js";
import type { GraphState, GraphUpdate, TicketUpdate } from "../state/graph-state.js";

/** Ends a run: the ticket update an outcome node chose, and the result document. */
export function finishRun(state: GraphState, deps: OrchestratorDeps, ticket: TicketUpdate): GraphUpdate {
  return { ticket_update: ticket, result: buildResult(state, deps.now()) };
}

/** A short RCA for the ticket's work notes. */
export function workNotes(state: GraphState, headline: string): string {
  const lines = [headline];
  if (state.classification) {
    lines.push(`Intent: ${state.classification.intent} (confidence ${state.classification.confidence.toFixed(2)})`);
  }
  if (state.investigation) {
    lines.push(
      `Root cause: ${state.investigation.root_cause} (evidence ${state.investigation.evidence_score.toFixed(2)})`,
    );
  }
  const last = state.attempts.at(-1);
  if (last) lines.push(`Action: ${last.action} → ${last.outcome}: ${last.message}`);
  const decision = state.decisions.at(-1);
  if (decision) lines.push(`Decision: ${decision.decision} — ${decision.reasoning}`);
  for (const error of state.errors) lines.push(`Error in ${error.node}: ${error.message}`);
  for (const review of state.reviews) {
    const what =
      review.response === "edit" && review.action
        ? `edit → ${review.action.action}`
        : review.response === "response" && review.note
          ? `response: ${review.note}`
          : review.response;
    lines.push(`Review (${review.reason}) by ${review.reviewer} at ${review.at}: ${what}`);
  }
  return lines.join("\n");
}
