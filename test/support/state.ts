import { ConfigSchema, type OrchestratorConfig, type OrchestratorConfigInput } from "../../src/config/schema.js";
import type { ActionAttempt } from "../../src/state/action.js";
import type { Decision } from "../../src/state/decision.js";
import type { GraphState } from "../../src/state/graph-state.js";
import type { InvestigationState } from "../../src/state/investigation.js";
import type { Intent } from "../../src/state/intents.js";
import type { ReviewRecord } from "../../src/state/review.js";
import type { ToolRegistry } from "../../src/tools/registry.js";

export const defaultConfig = () => ConfigSchema.parse({});

export function stateWith(overrides: Partial<GraphState> = {}): GraphState {
  return {
    incident: { sys_id: "INC001", short_description: "Job SPENDING_POTS has failed Glue ETL failure" },
    run_context: null,
    started_at: "2026-11-23T06:00:00.000Z",
    subject: null,
    classification: null,
    investigation: null,
    attempts: [],
    decisions: [],
    errors: [],
    reviews: [],
    route: null,
    ticket_update: null,
    result: null,
    ...overrides,
  };
}

export function classified(intent: Intent, confidence = 0.9): GraphState["classification"] {
  return { intent, confidence, reasoning: "test", entities: {} };
}

export function investigation(overrides: Partial<InvestigationState> = {}): InvestigationState {
  return {
    findings: [],
    root_cause: "Glue job exceeded timeout threshold",
    evidence_score: 0.8,
    retry_recommended: true,
    recommended_action: "retry_glue_job",
    cause_kind: "transient",
    action_args: { job_name: "SPENDING_POTS" },
    resource: { type: "glue_job", id: "SPENDING_POTS" },
    ...overrides,
  };
}

export function attempt(outcome: ActionAttempt["outcome"], n = 1): ActionAttempt {
  return {
    attempt: n,
    action: "retry_glue_job",
    outcome,
    idempotency_key: "io-0123456789abcdef0123456789abcdef01234567",
    args: { job_name: "SPENDING_POTS" },
    execution_id: outcome === "refused" || outcome === "dry_run" ? null : `jr_${n}`,
    status: null,
    message: "test",
  };
}

export function decision(kind: Decision["decision"]): Decision {
  return {
    decision: kind,
    score: 0.5,
    reasoning: "test",
    component_scores: { intent_confidence: 0.9, evidence_score: 0.8, action_success: null },
  };
}

/** A config from a partial config file (defaults for the rest). */
export const configWith = (input: OrchestratorConfigInput): OrchestratorConfig => ConfigSchema.parse(input);

/** One answered review; by default an accept of attempt 1 on a policy review, before any error or decision. */
export function review(overrides: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    reason: "policy",
    proposed: { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } },
    attempt: 1,
    response: "accept",
    action: null,
    note: null,
    reviewer: "alice",
    at: "2026-11-23T06:30:00.000Z",
    errors_seen: 0,
    decisions_seen: 0,
    ...overrides,
  };
}

/**
 * A tool registry that offers `names`. The tools are placeholders: only for code that asks which
 * tools are connected (`.has`, `.keys`), never for calling one.
 */
export function toolsNamed(...names: string[]): ToolRegistry {
  return new Map(names.map((name) => [name, {}])) as unknown as ToolRegistry;
}
