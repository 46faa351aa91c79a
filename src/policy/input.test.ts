import { describe, expect, it } from "vitest";
import { PolicyInputSchema, countAttemptsUsed } from "./input.js";

const valid = {
  intent: "glue_etl_failure",
  confidence: 0.85,
  evidence_score: 0.75,
  cause_kind: "transient",
  retry_recommended: true,
  recommended_action: "retry_glue_job",
  remediation_permitted: true,
  last_action: { action: "retry_glue_job", outcome: "succeeded" },
  attempts_used: 1,
  budget: 2,
  run_error: null,
};

describe("PolicyInputSchema", () => {
  it("accepts a complete input", () => {
    expect(PolicyInputSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ["confidence", 1.2],
    ["evidence_score", -0.1],
    ["cause_kind", "permanent"],
    ["attempts_used", 1.5],
    ["budget", -1],
    ["intent", "glue"],
  ])("rejects a bad %s and names the field", (field, value) => {
    const result = PolicyInputSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it("rejects unknown fields and missing ones (no silent defaults)", () => {
    expect(PolicyInputSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    const { run_error: _dropped, ...missing } = valid;
    expect(PolicyInputSchema.safeParse(missing).success).toBe(false);
  });
});

describe("countAttemptsUsed", () => {
  it("counts every attempt that may have started something", () => {
    const outcomes = ["succeeded", "failed", "in_progress", "dry_run", "refused", "error"] as const;
    expect(countAttemptsUsed(outcomes.map((outcome) => ({ outcome })))).toBe(4);
    expect(countAttemptsUsed([])).toBe(0);
  });
});
