/**
 * Test support: a realistic RCA document with fixed dates. The result is written out as a run's
 * result document looks (src/progress/result.ts) and checked against its schema, so a change to
 * the schema shows up here first.
 */
import type { Incident } from "../state/incident.js";
import { OrchestrationResultSchema, type OrchestrationResult } from "../state/result.js";
import { rcaDocumentFor, type RcaDocument } from "./document.js";

export const GENERATED_AT = new Date("2026-11-23T06:45:01.000Z");
export const THREAD_ID = "3b241101-e2bb-4255-8caf-4136c566a962";

export const fixtureIncident: Incident = {
  sys_id: "9d385017c611228701d22104cc95c371",
  number: "INC0012345",
  short_description: "Job SPENDING_POTS has failed Glue ETL failure",
};

export function fixtureResult(overrides: Partial<OrchestrationResult> = {}): OrchestrationResult {
  return OrchestrationResultSchema.parse({
    sys_id: fixtureIncident.sys_id,
    timestamp: "2026-11-23T06:45:00.000Z",
    duration_seconds: 2700,
    classification: {
      intent: "glue_etl_failure",
      confidence: 0.92,
      reasoning: "The ticket names Glue job SPENDING_POTS and a failed run.",
    },
    investigation: {
      findings: [
        {
          tool: "get_glue_job_runs",
          result: { state: "TIMEOUT" },
          summary: "Run jr_0 of SPENDING_POTS TIMEOUT after 120 min",
        },
        { tool: "get_glue_logs", result: {}, summary: "No error lines; the job was still reading from S3" },
      ],
      root_cause: "Glue job exceeded timeout threshold",
      evidence_score: 0.8,
      retry_recommended: true,
      recommended_action: "retry_glue_job",
    },
    action: {
      action: "retry_glue_job",
      success: true,
      details: {
        outcome: "succeeded",
        attempt: 1,
        attempts: 1,
        resource_type: "glue_job",
        resource_id: "SPENDING_POTS",
        new_execution_id: "jr_1",
        status: "SUCCEEDED",
        idempotency_key: "io-0123456789abcdef0123456789abcdef01234567",
        message: "Run jr_1 of SPENDING_POTS SUCCEEDED",
        history: [
          {
            attempt: 1,
            outcome: "succeeded",
            execution_id: "jr_1",
            idempotency_key: "io-0123456789abcdef0123456789abcdef01234567",
          },
        ],
      },
    },
    decision: {
      decision: "auto_close",
      score: 0.86,
      reasoning: "The re-run succeeded and the evidence explains the failure.",
      component_scores: { intent_confidence: 0.92, evidence_score: 0.8, action_success: true },
    },
    errors: [],
    reviews: [
      {
        reason: "policy",
        proposed: { action: "retry_glue_job", args: { job_name: "SPENDING_POTS" } },
        attempt: 1,
        response: "accept",
        action: null,
        note: null,
        reviewer: "alice",
        at: "2026-11-23T06:30:00.000Z",
        errors_seen: 0,
        decisions_seen: 1,
      },
    ],
    ...overrides,
  });
}

export function fixtureDocument(
  overrides: { incident?: Partial<Incident>; result?: Partial<OrchestrationResult>; threadId?: string } = {},
): RcaDocument {
  const incident = { ...fixtureIncident, ...overrides.incident };
  return rcaDocumentFor({
    incident,
    threadId: overrides.threadId ?? THREAD_ID,
    result: fixtureResult({ sys_id: incident.sys_id, ...overrides.result }),
    generatedAt: GENERATED_AT,
  });
}
