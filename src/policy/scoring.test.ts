import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../config/schema.js";
import type { ActionOutcome } from "../state/action.js";
import { actionScore, combinedScore, computeScores, roundScore } from "./scoring.js";

const weights = ConfigSchema.parse({}).policy.weights;

describe("actionScore", () => {
  it.each<[ActionOutcome, number]>([
    ["succeeded", 1],
    ["in_progress", 0.5],
    ["dry_run", 0.5],
    ["refused", 0.25],
    ["failed", 0],
    ["error", 0],
  ])("%s → %s", (outcome, expected) => {
    expect(actionScore({ action: "retry_glue_job", outcome }, "transient")).toBe(expected);
  });

  it("no action is neutral (0.5), except when the incident already recovered (1.0)", () => {
    expect(actionScore(null, "transient")).toBe(0.5);
    expect(actionScore(null, "undetermined")).toBe(0.5);
    expect(actionScore(null, "recovered")).toBe(1);
  });

  it("a failed action scores 0 even when the cause is recovered", () => {
    expect(actionScore({ action: "retry_glue_job", outcome: "failed" }, "recovered")).toBe(0);
  });
});

describe("computeScores", () => {
  it("reproduces the seed's example: 0.85, 0.75, succeeded → 0.84", () => {
    const scores = computeScores(
      {
        confidence: 0.85,
        evidence_score: 0.75,
        cause_kind: "transient",
        last_action: { action: "retry_glue_job", outcome: "succeeded" },
      },
      weights,
    );
    expect(scores).toEqual({ action_score: 1, combined: 0.8, score: 0.84 });
  });

  it("uses the configured weights", () => {
    const scores = computeScores(
      { confidence: 1, evidence_score: 0, cause_kind: "undetermined", last_action: null },
      { confidence: 0.5, evidence: 0.3, action: 0.2 },
    );
    expect(scores.score).toBe(0.6);
  });

  it("combined is the mean of confidence and evidence", () => {
    expect(combinedScore(0.6, 0.4)).toBe(0.5);
  });
});

describe("roundScore", () => {
  it("rounds to 3 decimals and clamps to [0, 1]", () => {
    expect(roundScore(0.12345)).toBe(0.123);
    expect(roundScore(0.1235)).toBe(0.124);
    expect(roundScore(1.0000000001)).toBe(1);
    expect(roundScore(-0.0004)).toBe(0);
    expect(roundScore(1.7)).toBe(1);
  });
});
