/**
 * The graph's branches, as pure functions of the state after a node (and config and tools): which
 * label (the words on the seed diagram's arrows) and why. The node that knows computes its branch
 * once and writes it into state as `route` (src/nodes/routed.ts); the routers (routing.ts) only read
 * it, so Studio shows why each branch was taken.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import { INTENT_DEFINITIONS } from "../intents/catalog.js";
import type { IssueTypeLabel as IntentIssueType } from "../intents/definition.js";
import { attemptsUsed, lastAttempt } from "../progress/attempts.js";
import { nextAttempt } from "../progress/next-attempt.js";
import { lastReview, unresolvedErrors } from "../progress/review-progress.js";
import type { GraphState } from "../state/graph-state.js";
import type { Intent } from "../state/intents.js";
import type { ToolRegistry } from "../tools/registry.js";

export interface Branch<Label extends string> {
  label: Label;
  why: string;
}

/** The seed's "Issue Type" branch. Every issue type goes to investigation; fast-track intents skip it. */
export type IssueTypeLabel = IntentIssueType | "fast_track" | "error";
export const ISSUE_TYPE_LABELS = [
  "mwaa_dag_failure",
  "glue_job_failure",
  "athena_failure",
  "data_missing",
  "others",
  "fast_track",
  "error",
] as const satisfies readonly IssueTypeLabel[];

/** Each intent's arrow on the diagram, from its module (src/intents). */
const ISSUE_TYPES = Object.fromEntries(
  INTENT_DEFINITIONS.map((definition) => [definition.name, definition.diagramLabel]),
) as Record<Intent, IntentIssueType>;

/** The errors no review has answered yet, as the reason of an "error" branch; null when there are none. */
function errorsWhy(state: GraphState): string | null {
  const errors = unresolvedErrors(state);
  if (errors.length === 0) return null;
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return `error in ${first?.node ?? "a node"}: ${(first?.message ?? "").slice(0, 200)}${more}`;
}

export function branchAfterClassify(state: GraphState, config: OrchestratorConfig): Branch<IssueTypeLabel> {
  const errors = errorsWhy(state);
  if (errors) return { label: "error", why: errors };
  if (!state.classification) return { label: "error", why: "no classification" };
  const intent = state.classification.intent;
  if (config.routing.fast_track_intents.includes(intent)) {
    return { label: "fast_track", why: `${intent} is on routing.fast_track_intents` };
  }
  return { label: ISSUE_TYPES[intent], why: `intent ${intent}` };
}

/**
 * The seed's "Evidence" branch: act only on conclusive evidence that recommends a remediation; a
 * remediation config wants approved pauses for a person first.
 */
export type EvidenceLabel = "high_confidence" | "needs_approval" | "low_confidence" | "error";
export const EVIDENCE_LABELS = [
  "high_confidence",
  "needs_approval",
  "low_confidence",
  "error",
] as const satisfies readonly EvidenceLabel[];

export function branchAfterInvestigate(
  state: GraphState,
  config: OrchestratorConfig,
  tools: ToolRegistry,
): Branch<EvidenceLabel> {
  const errors = errorsWhy(state);
  if (errors) return { label: "error", why: errors };
  if (!state.investigation) return { label: "error", why: "no investigation" };
  const { evidence_score, retry_recommended, recommended_action } = state.investigation;
  const threshold = config.routing.evidence_threshold_for_action;
  const evidence = `evidence ${evidence_score} ${evidence_score >= threshold ? "≥" : "<"} ${threshold}`;
  if (evidence_score < threshold) return { label: "low_confidence", why: evidence };
  if (!retry_recommended || recommended_action === null) {
    return { label: "low_confidence", why: `${evidence}, but no remediation recommended` };
  }
  return nextAttempt(state, config, tools).awaiting_approval
    ? { label: "needs_approval", why: `${evidence}; ${recommended_action} needs a person's approval first` }
    : { label: "high_confidence", why: `${evidence}; ${recommended_action} recommended` };
}

/** The seed's "Action Success" branch: both outcomes go to the policy engine; a crash goes to a person. */
export type ActionOutcomeLabel = "success" | "failure" | "error";
export const ACTION_OUTCOME_LABELS = ["success", "failure", "error"] as const satisfies readonly ActionOutcomeLabel[];

export function branchAfterAction(state: GraphState): Branch<ActionOutcomeLabel> {
  const errors = errorsWhy(state);
  if (errors) return { label: "error", why: errors };
  const outcome = lastAttempt(state.attempts)?.outcome ?? "none";
  return { label: outcome === "succeeded" ? "success" : "failure", why: `attempt ${outcome}` };
}

/** The seed's "Final Decision" branch. */
export type DecisionLabel = "auto_close" | "auto_retry" | "escalate" | "human_review";
export const DECISION_LABELS = [
  "auto_close",
  "auto_retry",
  "escalate",
  "human_review",
] as const satisfies readonly DecisionLabel[];

export function branchAfterPolicy(state: GraphState): Branch<DecisionLabel> {
  const errors = errorsWhy(state);
  if (errors) return { label: "human_review", why: errors };
  const decision = state.decisions.at(-1);
  if (!decision) return { label: "human_review", why: "no decision" };
  return { label: decision.decision, why: `policy decided ${decision.decision}` };
}

/**
 * After "Retry Action": loop back to the action while the budget lasts (through a person first
 * when config wants the attempt approved); a retry already in flight (or a dry run) ends the run;
 * an exhausted budget goes back to the policy engine.
 */
export type RetryLabel = "next_attempt" | "needs_approval" | "retry_in_flight" | "budget_exhausted" | "error";
export const RETRY_LABELS = [
  "next_attempt",
  "needs_approval",
  "retry_in_flight",
  "budget_exhausted",
  "error",
] as const satisfies readonly RetryLabel[];

export function branchAfterRetry(
  state: GraphState,
  config: OrchestratorConfig,
  tools: ToolRegistry,
): Branch<RetryLabel> {
  const errors = errorsWhy(state);
  if (errors) return { label: "error", why: errors };
  if (!state.classification) return { label: "error", why: "no classification" };
  const last = lastAttempt(state.attempts);
  if (last?.outcome === "in_progress" || last?.outcome === "dry_run") {
    return { label: "retry_in_flight", why: `the last attempt is ${last.outcome}` };
  }
  const intent = state.classification.intent;
  const budget = config.remediation.budgets[intent];
  const used = attemptsUsed(state.attempts);
  const spent = `${used} of ${budget} ${intent} attempt(s) used`;
  if (used >= budget) return { label: "budget_exhausted", why: spent };
  return nextAttempt(state, config, tools).awaiting_approval
    ? { label: "needs_approval", why: `${spent}; the next attempt needs a person's approval first` }
    : { label: "next_attempt", why: spent };
}

/**
 * After "Manual Review": the nodes after it carry out what the person answered. accept runs the
 * proposed remediation (or closes the ticket when none was proposed), edit runs the edited one,
 * response escalates with the note, ignore hands the ticket over to people.
 */
export type ReviewLabel = "approved" | "closed" | "responded" | "ignored";
export const REVIEW_LABELS = ["approved", "closed", "responded", "ignored"] as const satisfies readonly ReviewLabel[];

export function branchAfterReview(state: GraphState): Branch<ReviewLabel> {
  const review = lastReview(state);
  switch (review?.response) {
    case "accept":
    case "edit":
      return review.attempt !== null
        ? { label: "approved", why: `${review.reviewer} approved attempt ${review.attempt} (${review.response})` }
        : { label: "closed", why: `${review.reviewer} accepted closing the ticket` };
    case "response":
      return { label: "responded", why: `${review.reviewer} responded with a note` };
    default:
      return { label: "ignored", why: review ? `${review.reviewer} ignored the review` : "no review answered" };
  }
}
