import type { OrchestratorConfig } from "../config/schema.js";
import type { PolicyInput } from "../policy/index.js";
import type { GraphState } from "../state/graph-state.js";
import type { ToolRegistry } from "../tools/registry.js";
import { attemptsUsed, lastAttempt } from "./attempts.js";
import { nextAttempt } from "./next-attempt.js";
import { unresolvedErrors } from "./review-progress.js";

/** Everything the policy engine weighs, read off the graph state. Pure. */
export function policyInputFrom(state: GraphState, config: OrchestratorConfig, tools: ToolRegistry): PolicyInput {
  const intent = state.classification?.intent ?? "unknown";
  const investigation = state.investigation;
  const used = attemptsUsed(state.attempts);
  const last = lastAttempt(state.attempts);
  // Whether the remediation may run is asked of the attempt in question: with a retry in flight,
  // that attempt is the one already counted, so it must not count against itself.
  const inFlight = last?.outcome === "in_progress" ? 1 : 0;
  const { check } = nextAttempt(state, config, tools, { used: used - inFlight });
  // Errors a reviewer has seen and answered no longer force human review.
  const errors = unresolvedErrors(state);
  return {
    intent,
    confidence: state.classification?.confidence ?? 0,
    evidence_score: investigation?.evidence_score ?? 0,
    cause_kind: investigation?.cause_kind ?? "undetermined",
    retry_recommended: investigation?.retry_recommended ?? false,
    recommended_action: investigation?.recommended_action ?? null,
    remediation_permitted: check?.permitted ?? false,
    ...(check && !check.permitted ? { remediation_refusal: check.message } : {}),
    last_action: last ? { action: last.action, outcome: last.outcome } : null,
    attempts_used: used,
    budget: config.remediation.budgets[intent],
    ...(investigation?.subject_conflict ? { subject_conflict: investigation.subject_conflict } : {}),
    run_error: errors.length > 0 ? errors.map((error) => `${error.node}: ${error.message}`).join("; ") : null,
  };
}
