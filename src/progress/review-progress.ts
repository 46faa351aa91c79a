/**
 * What the human reviews of a run have settled. Errors stay in state for the record (nothing is
 * lost), but once a reviewer has seen them and answered, routing looks only at newer ones. Pure.
 */
import type { GraphState } from "../state/graph-state.js";
import type { RunError } from "../state/result.js";
import type { ReviewRecord } from "../state/review.js";

export function lastReview(state: Pick<GraphState, "reviews">): ReviewRecord | undefined {
  return state.reviews.at(-1);
}

export function unresolvedErrors(state: Pick<GraphState, "errors" | "reviews">): RunError[] {
  return state.errors.slice(lastReview(state)?.errors_seen ?? 0);
}

export function hasUnresolvedErrors(state: Pick<GraphState, "errors" | "reviews">): boolean {
  return unresolvedErrors(state).length > 0;
}

/**
 * The review whose answer brought the run to this node: the last one, when no policy decision has
 * been taken since (after an approved remediation the policy engine decides again, and then the
 * outcome is the policy's, not the reviewer's).
 */
export function answeringReview(state: Pick<GraphState, "reviews" | "decisions">): ReviewRecord | undefined {
  const review = lastReview(state);
  return review && review.decisions_seen === state.decisions.length ? review : undefined;
}
