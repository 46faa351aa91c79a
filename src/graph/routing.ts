/**
 * The graph's conditional edges, as pure functions of state and config. Each returns a *label*
 * (the words on the seed diagram's arrows); graph.ts maps labels to nodes.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import type { GraphState } from "../state/graph-state.js";
import type { Intent } from "../state/intents.js";
import { attemptsUsed, lastAttempt } from "./attempts.js";

/** The seed's "Issue Type" branch. Every issue type goes to investigation; fast-track intents skip it. */
export type IssueTypeLabel =
  "mwaa_dag_failure" | "glue_job_failure" | "athena_failure" | "data_missing" | "others" | "fast_track" | "error";

const ISSUE_TYPES: Record<Intent, Exclude<IssueTypeLabel, "fast_track" | "error">> = {
  dag_failure: "mwaa_dag_failure",
  dag_alarm: "mwaa_dag_failure",
  mwaa_failure: "mwaa_dag_failure",
  glue_etl_failure: "glue_job_failure",
  athena_failure: "athena_failure",
  data_missing: "data_missing",
  data_not_available: "data_missing",
  source_zero_data: "data_missing",
  emr_failure: "others",
  kafka_events_failed: "others",
  batch_auto_recovery_failed: "others",
  access_denied: "others",
  unknown: "others",
};

export function routeOnIssueType(state: GraphState, config: OrchestratorConfig): IssueTypeLabel {
  if (state.errors.length > 0 || !state.classification) return "error";
  const intent = state.classification.intent;
  if (config.routing.fast_track_intents.includes(intent)) return "fast_track";
  return ISSUE_TYPES[intent];
}

/** The seed's "Evidence" branch: act only on conclusive evidence that recommends a remediation. */
export type EvidenceLabel = "high_confidence" | "low_confidence" | "error";

export function routeOnEvidence(state: GraphState, config: OrchestratorConfig): EvidenceLabel {
  if (state.errors.length > 0 || !state.investigation) return "error";
  const { evidence_score, retry_recommended, recommended_action } = state.investigation;
  const conclusive = evidence_score >= config.routing.evidence_threshold_for_action;
  return conclusive && retry_recommended && recommended_action !== null ? "high_confidence" : "low_confidence";
}

/** The seed's "Action Success" branch: both outcomes go to the policy engine; a crash goes to a person. */
export type ActionOutcomeLabel = "success" | "failure" | "error";

export function routeOnActionOutcome(state: GraphState): ActionOutcomeLabel {
  if (state.errors.length > 0) return "error";
  return lastAttempt(state.attempts)?.outcome === "succeeded" ? "success" : "failure";
}

/** The seed's "Final Decision" branch. */
export type DecisionLabel = "auto_close" | "auto_retry" | "escalate" | "human_review";

export function routeOnDecision(state: GraphState): DecisionLabel {
  if (state.errors.length > 0) return "human_review";
  return state.decisions.at(-1)?.decision ?? "human_review";
}

/**
 * After "Retry Action": loop back to the action while the budget lasts; a retry already in flight
 * (or a dry run) ends the run; an exhausted budget goes back to the policy engine.
 */
export type RetryLabel = "next_attempt" | "retry_in_flight" | "budget_exhausted" | "error";

export function routeAfterRetry(state: GraphState, config: OrchestratorConfig): RetryLabel {
  if (state.errors.length > 0 || !state.classification) return "error";
  const last = lastAttempt(state.attempts);
  if (last?.outcome === "in_progress" || last?.outcome === "dry_run") return "retry_in_flight";
  const budget = config.remediation.budgets[state.classification.intent];
  return attemptsUsed(state.attempts) < budget ? "next_attempt" : "budget_exhausted";
}
