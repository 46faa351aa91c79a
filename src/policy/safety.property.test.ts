/**
 * Safety properties of the policy engine, checked over generated inputs and policies.
 * The oracles below restate each property from the design independently of engine.ts, so a bug
 * in a shared helper cannot hide itself.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PolicyConfigSchema, type PolicyConfig } from "../config/schema.js";
import { ActionOutcomeSchema } from "../state/action.js";
import { DecisionSchema, type Decision } from "../state/decision.js";
import { DECISIONS, INTENTS } from "../state/intents.js";
import { CauseKindSchema } from "../state/investigation.js";
import { decide } from "./engine.js";
import type { PolicyInput } from "./input.js";

const RUNS = { seed: 42, numRuns: 3000 } as const;

/** Scores that favour the interesting edges (gate and threshold values) as well as arbitrary ones. */
const unit = fc.oneof(
  fc.constantFrom(0, 0.25, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

const inputArb: fc.Arbitrary<PolicyInput> = fc.record({
  intent: fc.constantFrom(...INTENTS),
  confidence: unit,
  evidence_score: unit,
  cause_kind: fc.constantFrom(...CauseKindSchema.options),
  retry_recommended: fc.boolean(),
  recommended_action: fc.option(fc.constantFrom("retry_glue_job", "retry_airflow_dag", "get_glue_logs"), {
    freq: 4,
  }),
  remediation_permitted: fc.boolean(),
  last_action: fc.option(
    fc.record({ action: fc.constant("retry_glue_job"), outcome: fc.constantFrom(...ActionOutcomeSchema.options) }),
    { freq: 3 },
  ),
  attempts_used: fc.integer({ min: 0, max: 4 }),
  budget: fc.integer({ min: 0, max: 4 }),
  run_error: fc.option(fc.constant("investigate: tool timed out"), { freq: 8 }),
});

const weightsArb = fc
  .tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 10 }))
  .map(([c, e, a]) => {
    const total = c + e + a;
    return { confidence: c / total, evidence: e / total, action: 1 - c / total - e / total };
  });

const overridesArb = fc
  .array(fc.tuple(fc.constantFrom(...INTENTS), fc.constantFrom(...DECISIONS)), { maxLength: 4 })
  .map((pairs) => Object.fromEntries(pairs));

const policyArb: fc.Arbitrary<PolicyConfig> = fc
  .record({
    thresholds: fc.record({ auto_close: unit, auto_retry: unit, escalate: unit, human_review: unit }),
    gates: fc.record({
      min_confidence_for_auto_action: unit,
      min_evidence_for_auto_close: unit,
      min_combined_for_auto_action: unit,
    }),
    weights: weightsArb,
    overrides: overridesArb,
  })
  .map((raw) => PolicyConfigSchema.parse(raw));

const defaultPolicy = PolicyConfigSchema.parse({});
const anyPolicy = fc.oneof(fc.constant(defaultPolicy), policyArb);

// ---- Oracles: the design's definitions, written out again. ----
const verified = (i: PolicyInput) =>
  i.last_action?.outcome === "succeeded" ||
  (i.cause_kind === "recovered" && i.last_action?.outcome !== "failed" && i.last_action?.outcome !== "error");

const budgetExhausted = (i: PolicyInput) =>
  i.attempts_used >= i.budget && i.last_action?.outcome !== "in_progress" && i.last_action?.outcome !== "dry_run";

const retryIsSafe = (i: PolicyInput) =>
  i.cause_kind === "transient" && i.remediation_permitted && !budgetExhausted(i) && i.recommended_action !== null;

function check(property: (input: PolicyInput, policy: PolicyConfig, decision: Decision) => void) {
  fc.assert(
    fc.property(inputArb, anyPolicy, (input, policy) => property(input, policy, decide(input, policy))),
    RUNS,
  );
}

describe("policy engine safety (property)", () => {
  it("never auto_closes unless the fix is verified", () => {
    check((input, _policy, decision) => {
      if (decision.decision === "auto_close") expect(verified(input)).toBe(true);
    });
  });

  it("never auto_retries for a non-transient cause, without permission, out of budget or without an action", () => {
    check((input, _policy, decision) => {
      if (decision.decision !== "auto_retry") return;
      expect(input.cause_kind).toBe("transient");
      expect(input.remediation_permitted).toBe(true);
      expect(budgetExhausted(input)).toBe(false);
      expect(input.recommended_action).not.toBeNull();
    });
  });

  it("always sends a run with an error to human_review", () => {
    check((input, _policy, decision) => {
      if (input.run_error !== null) expect(decision.decision).toBe("human_review");
    });
  });

  it("lets overrides win after run_error (an unsafe auto override becomes human_review)", () => {
    check((input, policy, decision) => {
      const override = policy.overrides[input.intent];
      if (input.run_error !== null || override === undefined) return;
      const safe = (override !== "auto_close" || verified(input)) && (override !== "auto_retry" || retryIsSafe(input));
      expect(decision.decision).toBe(safe ? override : "human_review");
    });
  });

  it("is deterministic, scores within [0, 1] and always returns a valid Decision", () => {
    check((input, policy, decision) => {
      expect(decide(structuredClone(input), structuredClone(policy))).toEqual(decision);
      expect(decision.score).toBeGreaterThanOrEqual(0);
      expect(decision.score).toBeLessThanOrEqual(1);
      expect(() => DecisionSchema.parse(decision)).not.toThrow();
      expect(decision.reasoning.length).toBeGreaterThan(0);
      expect(decision.component_scores.action_success).toBe(
        input.last_action === null ? null : input.last_action.outcome === "succeeded",
      );
    });
  });

  it("generates every decision kind, so the properties above are not vacuous", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(inputArb, anyPolicy, (input, policy) => {
        seen.add(decide(input, policy).decision);
      }),
      RUNS,
    );
    expect([...seen].sort()).toEqual([...DECISIONS].sort());
  });
});
