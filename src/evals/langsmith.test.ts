import { describe, expect, it } from "vitest";
import { ScenarioSchema } from "../sandbox/scenario.js";
import { judgeFeedback, toLangSmithExamples } from "./langsmith.js";

const result = {
  sys_id: "x",
  timestamp: "2026-11-23T00:00:00Z",
  duration_seconds: 1,
  classification: { intent: "kafka_events_failed", confidence: 0.9, reasoning: "r" },
  investigation: {
    findings: [],
    root_cause: "Consumer lag rising",
    evidence_score: 0.6,
    retry_recommended: false,
    recommended_action: null,
  },
  action: { action: null, success: false, details: { outcome: "none" } },
  decision: {
    decision: "human_review",
    score: 0.6,
    reasoning: "r",
    component_scores: { intent_confidence: 0.9, evidence_score: 0.6, action_success: null },
  },
  errors: [],
  reviews: [],
};

describe("LangSmith adapters", () => {
  it("turns cases into dataset examples with the expectation as reference", () => {
    const [example] = toLangSmithExamples(
      [
        {
          id: "k1",
          incident: { sys_id: "a", short_description: "lag" },
          scenario: ScenarioSchema.parse({}),
          expected: { intent: "kafka_events_failed", decision: "human_review", action: null, root_cause_contains: [] },
          tags: ["kafka"],
          sources: [],
          line: 3,
        },
      ],
      "dataset-1",
    );
    expect(example).toEqual({
      dataset_id: "dataset-1",
      inputs: { case_id: "k1", incident: { sys_id: "a", short_description: "lag" } },
      reference_outputs: {
        intent: "kafka_events_failed",
        decision: "human_review",
        action: null,
        root_cause_contains: [],
      },
      metadata: { tags: ["kafka"], line: 3 },
    });
  });

  it("scores a run with the same judge as the offline runner", () => {
    const feedback = judgeFeedback(
      { result },
      { intent: "kafka_events_failed", decision: "escalate", action: null, root_cause_contains: ["lag"] },
    );
    expect(Object.fromEntries(feedback.map((f) => [f.key, f.score]))).toEqual({
      intent_correct: 1,
      decision_correct: 0,
      action_correct: 1,
      root_cause_match: 1,
      unsafe_action: 0,
    });
  });
});
