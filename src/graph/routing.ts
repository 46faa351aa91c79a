/**
 * The graph's conditional edges, as pure functions of state and config. Each returns a *label*
 * (the words on the seed diagram's arrows); graph.ts maps labels to nodes.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import type { GraphState } from "../state/graph-state.js";
import { INTENT_DEFINITIONS } from "../intents/catalog.js";
import type { IssueTypeLabel as IntentIssueType } from "../intents/definition.js";
import type { Intent } from "../state/intents.js";
import type { ToolRegistry } from "../tools/registry.js";
import { attemptsUsed, lastAttempt } from "../progress/attempts.js";
import { nextAttempt } from "../progress/next-attempt.js";
import { hasUnresolvedErrors, lastReview } from "../progress/review-progress.js";

/** The seed's "Issue Type" branch. Every issue type goes to investigation; fast-track intents skip it. */
export type IssueTypeLabel = IntentIssueType | "fast_track" | "error";

/** Each intent's arrow on the diagram, from its module (src/intents). */
const ISSUE_TYPES = Object.fromEntries(
  INTENT_DEFINITIONS.map((definition) => [definition.name, definition.diagramLabel]),
) as Record<Intent, IntentIssueType>;

export function routeAfterClassify(state: GraphState, config: OrchestratorConfig): IssueTypeLabel {
  if (hasUnresolvedErrors(state) || !state.classification) return "error";
  const intent = state.classification.intent;
  if (config.routing.fast_track_intents.includes(intent)) return "fast_track";
  return ISSUE_TYPES[intent];
}

/**
 * The seed's "Evidence" branch: act only on conclusive evidence that recommends a remediation; a
 * remediation config wants approved pauses for a person first.
 */
export type EvidenceLabel = "high_confidence" | "needs_approval" | "low_confidence" | "error";

export function routeAfterInvestigate(
  state: GraphState,
  config: OrchestratorConfig,
  tools: ToolRegistry,
): EvidenceLabel {
  if (hasUnresolvedErrors(state) || !state.investigation) return "error";
  const { evidence_score, retry_recommended, recommended_action } = state.investigation;
  const conclusive = evidence_score >= config.routing.evidence_threshold_for_action;
  if (!conclusive || !retry_recommended || recommended_action === null) return "low_confidence";
  return nextAttempt(state, config, tools).awaiting_approval ? "needs_approval" : "high_confidence";
}

/** The seed's "Action Success" branch: both outcomes go to the policy engine; a crash goes to a person. */
export type ActionOutcomeLabel = "success" | "failure" | "error";

export function routeAfterAction(state: GraphState): ActionOutcomeLabel {
  if (hasUnresolvedErrors(state)) return "error";
  return lastAttempt(state.attempts)?.outcome === "succeeded" ? "success" : "failure";
}

/** The seed's "Final Decision" branch. */
export type DecisionLabel = "auto_close" | "auto_retry" | "escalate" | "human_review";

export function routeAfterPolicy(state: GraphState): DecisionLabel {
  if (hasUnresolvedErrors(state)) return "human_review";
  return state.decisions.at(-1)?.decision ?? "human_review";
}

/**
 * After "Retry Action": loop back to the action while the budget lasts (through a person first
 * when config wants the attempt approved); a retry already in flight (or a dry run) ends the run;
 * an exhausted budget goes back to the policy engine.
 */
export type RetryLabel = "next_attempt" | "needs_approval" | "retry_in_flight" | "budget_exhausted" | "error";

export function routeAfterRetry(state: GraphState, config: OrchestratorConfig, tools: ToolRegistry): RetryLabel {
  if (hasUnresolvedErrors(state) || !state.classification) return "error";
  const last = lastAttempt(state.attempts);
  if (last?.outcome === "in_progress" || last?.outcome === "dry_run") return "retry_in_flight";
  const budget = config.remediation.budgets[state.classification.intent];
  if (attemptsUsed(state.attempts) >= budget) return "budget_exhausted";
  return nextAttempt(state, config, tools).awaiting_approval ? "needs_approval" : "next_attempt";
}

/**
 * After "Manual Review": the nodes after it carry out what the person answered. accept runs the
 * proposed remediation (or closes the ticket when none was proposed), edit runs the edited one,
 * response escalates with the note, ignore hands the ticket over to people.
 */
export type ReviewLabel = "approved" | "closed" | "responded" | "ignored";

export function routeAfterReview(state: GraphState): ReviewLabel {
  const review = lastReview(state);
  switch (review?.response) {
    case "accept":
    case "edit":
      return review.attempt !== null ? "approved" : "closed";
    case "response":
      return "responded";
    default:
      return "ignored";
  }
}
