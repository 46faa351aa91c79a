import { describe, expect, it } from "vitest";
import { parseIncident } from "../src/orchestrator.js";
import { UserInputError } from "../src/errors.js";
import { OrchestrationResultSchema } from "../src/state/result.js";

describe("IncidentSchema", () => {
  it("keeps fields it does not know (nothing a ticket carries is lost)", () => {
    const incident = parseIncident({
      sys_id: "a1",
      short_description: "Glue job failed",
      u_business_service: "Payments",
      sys_updated_on: "2026-11-23 06:00:00",
    });
    expect(incident).toMatchObject({ u_business_service: "Payments", sys_updated_on: "2026-11-23 06:00:00" });
  });

  it("accepts additional_info as text or as an object, and priority as text or number", () => {
    expect(() =>
      parseIncident({ sys_id: "a", short_description: "x", additional_info: { job: "j" }, priority: 2 }),
    ).not.toThrow();
    expect(() =>
      parseIncident({ sys_id: "a", short_description: "x", additional_info: "job=j", priority: "2 - High" }),
    ).not.toThrow();
  });

  it("rejects a bad incident naming every bad field", () => {
    try {
      parseIncident({ sys_id: "  ", description: 42, opened_at: [] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserInputError);
      const message = (error as Error).message;
      for (const field of [
        "incident.sys_id",
        "incident.short_description",
        "incident.description",
        "incident.opened_at",
      ]) {
        expect(message).toContain(field);
      }
    }
  });

  it("rejects what is not an object", () => {
    expect(() => parseIncident("INC001")).toThrow(UserInputError);
    expect(() => parseIncident(null)).toThrow(UserInputError);
  });
});

describe("OrchestrationResultSchema", () => {
  const result = {
    sys_id: "INC001",
    timestamp: "2026-02-16T09:25:00Z",
    duration_seconds: 12.5,
    classification: { intent: "glue_etl_failure", confidence: 0.85, reasoning: "Clear Glue job failure indicators" },
    investigation: {
      findings: [{ tool: "get_glue_logs", result: {}, summary: "Job exceeded timeout threshold" }],
      root_cause: "Glue job exceeded timeout threshold",
      evidence_score: 0.75,
      retry_recommended: true,
      recommended_action: "retry_glue_job",
    },
    action: {
      action: "retry_glue_job",
      success: true,
      details: { resource_id: "SPENDING_POTS", new_execution_id: "jr_12345", status: "RUNNING" },
    },
    decision: {
      decision: "auto_close",
      score: 0.82,
      reasoning: "High confidence (0.82) with successful retry",
      component_scores: { intent_confidence: 0.85, evidence_score: 0.75, action_success: true },
    },
    errors: [],
    reviews: [],
  };

  it("accepts the seed's response structure plus errors and reviews", () => {
    expect(OrchestrationResultSchema.parse(result)).toEqual(result);
  });

  it("has exactly that structure: extra fields are refused at every level", () => {
    expect(() => OrchestrationResultSchema.parse({ ...result, extra: 1 })).toThrow();
    expect(() =>
      OrchestrationResultSchema.parse({ ...result, investigation: { ...result.investigation, cause: "x" } }),
    ).toThrow();
    expect(() =>
      OrchestrationResultSchema.parse({ ...result, decision: { ...result.decision, decision: "close" } }),
    ).toThrow();
  });
});
