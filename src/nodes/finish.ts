import type { OrchestratorDeps } from "../graph/dependencies.js";
import { buildResult } from "../progress/result.js";
import { cleanNote, cleanReviewer } from "../review/answer.js";
import { safeBlock, safeLine } from "../safety/index.js";
import type { GraphState, GraphUpdate, TicketUpdate } from "../state/graph-state.js";

/** How long one field of ours may run in a work note (a root cause, an action's message, an error). */
const MAX_FIELD_CHARS = 1_000;

/**
 * Ends a run: the ticket update an outcome node chose, and the result document. What goes to the
 * ticket is made safe here, for every outcome node: work notes without control characters or
 * secrets (their lines kept), the assignment group as one clean line.
 */
export function finishRun(state: GraphState, deps: OrchestratorDeps, ticket: TicketUpdate): GraphUpdate {
  const safeTicket: TicketUpdate = {
    ...ticket,
    work_notes: safeBlock(ticket.work_notes),
    assignment_group: ticket.assignment_group === null ? null : safeLine(ticket.assignment_group) || null,
  };
  return { ticket_update: safeTicket, result: buildResult(state, deps.now()) };
}

/** A field of ticket, tool or reviewer text inside one line of a work note. */
const field = (text: string, max: number = MAX_FIELD_CHARS) => safeLine(text, max);

/**
 * A reviewer's note inside work notes, after "…:": one line stays on the line; a note of several
 * lines goes below it, each line quoted, so no line of it can pass for one of ours ("Decision: auto_close").
 */
export function quotedNote(note: string): string {
  const cleaned = cleanNote(note);
  if (!cleaned.includes("\n")) return ` ${cleaned}`;
  return cleaned
    .split("\n")
    .map((line) => `\n> ${line}`)
    .join("");
}

/** Who answered a review, as work notes name them. */
export const reviewerName = (reviewer: string): string => cleanReviewer(reviewer);

/**
 * A short RCA for the ticket's work notes. Each line is ours; what it quotes (root cause, messages,
 * reasoning, errors, reviewers) is one safe line, and a reviewer's note is quoted below its line.
 */
export function workNotes(state: GraphState, headline: string): string {
  const lines = [headline];
  if (state.classification) {
    lines.push(`Intent: ${state.classification.intent} (confidence ${state.classification.confidence.toFixed(2)})`);
  }
  if (state.investigation) {
    lines.push(
      `Root cause: ${field(state.investigation.root_cause)} (evidence ${state.investigation.evidence_score.toFixed(2)})`,
    );
  }
  const last = state.attempts.at(-1);
  if (last) lines.push(`Action: ${last.action} → ${last.outcome}: ${field(last.message)}`);
  const decision = state.decisions.at(-1);
  if (decision) lines.push(`Decision: ${decision.decision} — ${field(decision.reasoning)}`);
  for (const error of state.errors) lines.push(`Error in ${error.node}: ${field(error.message)}`);
  for (const review of state.reviews) {
    const what =
      review.response === "edit" && review.action
        ? `edit → ${field(review.action.action, 100)}`
        : review.response === "response" && review.note
          ? `response:${quotedNote(review.note)}`
          : review.response;
    lines.push(`Review (${review.reason}) by ${reviewerName(review.reviewer)} at ${review.at}: ${what}`);
  }
  return lines.join("\n");
}
