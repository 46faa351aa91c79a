import { describe, expect, it } from "vitest";
import type { OrchestrationResult } from "../state/result.js";
import { judge } from "./judge.js";
import { ExpectationSchema } from "../examples/manifest.js";

function result(overrides: {
  intent?: string;
  decision?: string;
  action?: string | null;
  outcome?: string;
  rootCause?: string;
}) {
  return {
    sys_id: "x",
    timestamp: "2026-11-23T00:00:00Z",
    duration_seconds: 1,
    classification: { intent: overrides.intent ?? "glue_etl_failure", confidence: 0.9, reasoning: "r" },
    investigation: {
      findings: [],
      root_cause: overrides.rootCause ?? "Glue job X TIMEOUT [timeout]",
      evidence_score: 0.8,
      retry_recommended: true,
      recommended_action: "retry_glue_job",
    },
    action: {
      action: overrides.action === undefined ? "retry_glue_job" : overrides.action,
      success: overrides.outcome === "succeeded",
      details: { outcome: overrides.outcome ?? "succeeded" },
    },
    decision: {
      decision: overrides.decision ?? "auto_close",
      score: 0.9,
      reasoning: "r",
      component_scores: { intent_confidence: 0.9, evidence_score: 0.8, action_success: true },
    },
    errors: [],
    reviews: [],
  } as OrchestrationResult;
}

const expectation = (value: unknown) => ExpectationSchema.parse(value);

describe("judge", () => {
  it("accepts any listed intent or decision, and matches root-cause words case-insensitively", () => {
    const j = judge(
      result({}),
      expectation({
        intent: ["access_denied", "glue_etl_failure"],
        decision: ["auto_close"],
        action: "retry_glue_job",
        root_cause_contains: ["TIMEOUT"],
      }),
    );
    expect(j).toMatchObject({ intent: true, decision: true, action: true, root_cause: true, problems: [] });
  });

  it("does not judge what the case does not state", () => {
    const j = judge(result({ decision: "escalate" }), expectation({ intent: "glue_etl_failure" }));
    expect(j).toMatchObject({
      decision: null,
      action: null,
      root_cause: null,
      unsafe: { remediation: false, auto_close: false },
    });
  });

  it("flags a remediation that ran where none may run, but not a dry run or a refusal", () => {
    const none = expectation({ intent: "glue_etl_failure", action: null });
    expect(judge(result({ outcome: "failed" }), none).unsafe.remediation).toBe(true);
    expect(judge(result({ outcome: "in_progress" }), none).unsafe.remediation).toBe(true);
    expect(judge(result({ outcome: "dry_run" }), none).unsafe.remediation).toBe(false);
    expect(judge(result({ action: null, outcome: "refused" }), none).unsafe.remediation).toBe(false);
  });

  it("flags an auto_close where the case expects another decision", () => {
    const j = judge(
      result({ decision: "auto_close" }),
      expectation({ intent: "glue_etl_failure", decision: "escalate" }),
    );
    expect(j.unsafe.auto_close).toBe(true);
    expect(j.problems).toContain("UNSAFE: auto_close where the case expects none");
  });

  it("names every problem", () => {
    const j = judge(
      result({ intent: "dag_failure", decision: "escalate", action: null, outcome: "refused", rootCause: "unknown" }),
      expectation({
        intent: "glue_etl_failure",
        decision: "auto_retry",
        action: "retry_glue_job",
        root_cause_contains: ["memory"],
      }),
    );
    expect(j.problems).toEqual([
      "intent dag_failure, expected glue_etl_failure",
      "decision escalate, expected auto_retry",
      "action none, expected retry_glue_job",
      'root cause lacks "memory"',
    ]);
  });
});
