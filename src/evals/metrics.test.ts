import { describe, expect, it } from "vitest";
import { ExpectationSchema } from "../examples/manifest.js";
import type { OrchestrationResult } from "../state/result.js";
import { judge } from "./judge.js";
import { summarize } from "./metrics.js";
import type { CaseOutcome } from "./run-case.js";

function outcome(
  id: string,
  expected: unknown,
  got: { intent: string; decision: string; tools?: string[]; latency?: number },
): CaseOutcome {
  const result = {
    classification: { intent: got.intent, confidence: 0.9, reasoning: "" },
    investigation: {
      findings: [],
      root_cause: "x",
      evidence_score: 0.5,
      retry_recommended: false,
      recommended_action: null,
    },
    action: { action: null, success: false, details: { outcome: "none" } },
    decision: {
      decision: got.decision,
      score: 0.5,
      reasoning: "",
      component_scores: { intent_confidence: 0.9, evidence_score: 0.5, action_success: null },
    },
  } as unknown as OrchestrationResult;
  const expectation = ExpectationSchema.parse(expected);
  return {
    id,
    tags: [],
    expected: expectation,
    result,
    judgement: judge(result, expectation),
    latency_ms: got.latency ?? 100,
    model_calls: 0,
    tools_called: got.tools ?? [],
  };
}

describe("summarize", () => {
  const outcomes = [
    outcome(
      "a",
      { intent: "glue_etl_failure", decision: "escalate" },
      { intent: "glue_etl_failure", decision: "escalate", tools: ["get_glue_logs"] },
    ),
    outcome(
      "b",
      { intent: "glue_etl_failure", decision: "escalate" },
      { intent: "access_denied", decision: "escalate", tools: ["get_s3_logs"] },
    ),
    outcome("c", { intent: "unknown" }, { intent: "unknown", decision: "human_review", latency: 300 }),
    outcome(
      "d",
      { intent: ["access_denied", "glue_etl_failure"], decision: "escalate" },
      { intent: "glue_etl_failure", decision: "auto_close" },
    ),
  ];
  const report = summarize(outcomes);

  it("computes accuracies over the cases that state each expectation", () => {
    expect(report.cases).toBe(4);
    expect(report.counts.intent).toEqual({ correct: 3, total: 4, accuracy: 0.75 });
    expect(report.counts.decision).toEqual({ correct: 2, total: 3, accuracy: 0.667 });
    expect(report.counts.action).toEqual({ correct: 0, total: 0, accuracy: 1 });
  });

  it("counts unsafe auto_closes", () => {
    expect(report.unsafe_actions).toBe(1);
    expect(report.unsafe).toEqual({ remediations: 0, auto_closes: 1 });
  });

  it("builds a confusion matrix and a per-intent table", () => {
    expect(report.confusion_matrix.glue_etl_failure).toEqual({ glue_etl_failure: 1, access_denied: 1 });
    expect(report.confusion_matrix.access_denied).toEqual({ access_denied: 1 });
    expect(report.by_intent.glue_etl_failure).toEqual({
      cases: 2,
      intent_accuracy: 0.5,
      decision_accuracy: 1,
      action_accuracy: 1,
    });
  });

  it("scores the tool trajectory against the expected intent's playbook", () => {
    // a: get_glue_logs in the Glue playbook; b: get_s3_logs is not.
    expect(report.trajectory.precision).toBe(0.5);
  });

  it("lists the failing cases with their problems", () => {
    expect(report.failures.map((failure) => failure.id)).toEqual(["b", "d"]);
    expect(report.latency_ms.max).toBe(300);
  });
});
