/**
 * Builds the result document (the seed's "Response Structure" plus `errors`) from graph state. Pure.
 * The document is what people and programs read (the CLI, a ticket, LangSmith), so no secret goes
 * into it: every string is redacted (src/safety), including those that entered state before any
 * redaction (a node's error message, an attempt's message, reviewed arguments).
 */
import type { ActionResult } from "../state/action.js";
import type { Decision } from "../state/decision.js";
import type { GraphState } from "../state/graph-state.js";
import type { Investigation } from "../state/investigation.js";
import { redactJson } from "../safety/index.js";
import { OrchestrationResultSchema, type OrchestrationResult } from "../state/result.js";
import { lastAttempt } from "./attempts.js";

export function buildResult(state: GraphState, finishedAt: Date): OrchestrationResult {
  const startedAt = state.started_at ? Date.parse(state.started_at) : finishedAt.getTime();
  const classification = state.classification ?? {
    intent: "unknown" as const,
    confidence: 0,
    reasoning: "The incident could not be classified.",
  };
  const document: OrchestrationResult = {
    sys_id: state.incident.sys_id,
    timestamp: finishedAt.toISOString(),
    duration_seconds: Math.max(0, Math.round(finishedAt.getTime() - startedAt) / 1000),
    classification: {
      intent: classification.intent,
      confidence: classification.confidence,
      reasoning: classification.reasoning,
    },
    investigation: publicInvestigation(state),
    action: publicAction(state),
    decision: state.decisions.at(-1) ?? missingDecision(),
    errors: state.errors,
    reviews: state.reviews,
  };
  return OrchestrationResultSchema.parse(redactJson(document));
}

function publicInvestigation(state: GraphState): Investigation {
  const investigation = state.investigation;
  if (!investigation) {
    const why = state.classification ? `no investigation for ${state.classification.intent}` : "not investigated";
    return {
      findings: [],
      root_cause: `Not investigated: ${why}.`,
      evidence_score: 0,
      retry_recommended: false,
      recommended_action: null,
    };
  }
  const { findings, root_cause, evidence_score, retry_recommended, recommended_action } = investigation;
  return { findings, root_cause, evidence_score, retry_recommended, recommended_action };
}

function publicAction(state: GraphState): ActionResult {
  const last = lastAttempt(state.attempts);
  if (!last) {
    return { action: null, success: false, details: { outcome: "none", message: "No remediation was attempted." } };
  }
  const resource = state.investigation?.resource;
  // A refused attempt started nothing: the result names no action, only what was proposed and why not.
  const refused = last.outcome === "refused";
  return {
    action: refused ? null : last.action,
    success: last.outcome === "succeeded",
    details: {
      outcome: last.outcome,
      ...(refused ? { proposed_action: last.action } : {}),
      attempt: last.attempt,
      attempts: state.attempts.length,
      resource_type: resource?.type ?? null,
      resource_id: resource?.id ?? null,
      new_execution_id: last.execution_id,
      status: last.status,
      idempotency_key: last.idempotency_key || null,
      message: last.message,
      history: state.attempts.map((attempt) => ({
        attempt: attempt.attempt,
        outcome: attempt.outcome,
        execution_id: attempt.execution_id,
        idempotency_key: attempt.idempotency_key || null,
      })),
    },
  };
}

function missingDecision(): Decision {
  return {
    decision: "human_review",
    score: 0,
    reasoning: "No policy decision was reached.",
    component_scores: { intent_confidence: 0, evidence_score: 0, action_success: null },
  };
}
