import { describe, expect, it } from "vitest";
import { ConfigSchema, PolicyConfigSchema, type PolicyConfig } from "../config/schema.js";
import { DecisionSchema } from "../state/decision.js";
import { decide, explainPolicy } from "./engine.js";
import type { PolicyInput } from "./input.js";

const defaults = ConfigSchema.parse({}).policy;

/** A policy with some fields changed; everything else is the default. */
const policyWith = (changes: Parameters<typeof PolicyConfigSchema.parse>[0]): PolicyConfig =>
  PolicyConfigSchema.parse({ ...defaults, ...(changes as object) });

/** The seed's example: a Glue job retried successfully. */
const verifiedRetry: PolicyInput = {
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

/** A transient failure with a permitted retry not yet run: score 0.32 + 0.28 + 0.1 = 0.7. */
const retryable: PolicyInput = {
  ...verifiedRetry,
  confidence: 0.8,
  evidence_score: 0.7,
  last_action: null,
  attempts_used: 0,
};

const run = (input: PolicyInput, policy: PolicyConfig = defaults) => {
  const decision = decide(input, policy);
  DecisionSchema.parse(decision);
  return decision;
};

describe("decide: the seed's example", () => {
  it("confidence 0.85, evidence 0.75, succeeded → auto_close with score 0.84", () => {
    expect(run(verifiedRetry)).toEqual({
      decision: "auto_close",
      score: 0.84,
      reasoning: "Confidence (0.85) and evidence (0.75); retry_glue_job verified succeeded → auto_close (score 0.84)",
      component_scores: { intent_confidence: 0.85, evidence_score: 0.75, action_success: true },
    });
  });
});

describe("decide: rule 1, run_error", () => {
  it("sends any interrupted run to human_review, before overrides and however good the scores", () => {
    const decision = run({ ...verifiedRetry, intent: "access_denied", run_error: "investigate: tool timed out" });
    expect(decision.decision).toBe("human_review");
    expect(decision.reasoning).toContain("An error interrupted the run: investigate: tool timed out");
  });
});

describe("decide: rule 1, subject_conflict", () => {
  it("sends a run whose evidence would act on another resource to human_review, saying why", () => {
    const conflict = 'The remediation targets Glue job "payroll", but the incident is about Glue job "orders".';
    const decision = run({ ...retryable, subject_conflict: conflict });
    expect(decision.decision).toBe("human_review");
    expect(decision.reasoning).toContain(`No automatic action: ${conflict}`);
    expect(run(retryable).decision).toBe("auto_retry");
  });
});

describe("decide: rule 2, overrides", () => {
  it("applies the default overrides whatever the scores", () => {
    expect(run({ ...verifiedRetry, intent: "access_denied" })).toMatchObject({
      decision: "escalate",
      reasoning: "Policy override for access_denied → escalate (score 0.84)",
    });
    expect(run({ ...verifiedRetry, intent: "kafka_events_failed" }).decision).toBe("human_review");
  });

  it("applies a configured override even when the score would not reach it", () => {
    const policy = policyWith({ overrides: { glue_etl_failure: "escalate" } });
    const lowScore = { ...verifiedRetry, confidence: 0, evidence_score: 0, last_action: null };
    expect(run(lowScore, policy).decision).toBe("escalate");
    const autoClose = policyWith({ overrides: { glue_etl_failure: "auto_close" } });
    expect(run({ ...verifiedRetry, confidence: 0.1, evidence_score: 0.1 }, autoClose).decision).toBe("auto_close");
  });

  it("never lets an override skip safety: unverified auto_close or unpermitted auto_retry → human_review", () => {
    const autoClose = policyWith({ overrides: { glue_etl_failure: "auto_close" } });
    const unverified = run(
      { ...verifiedRetry, last_action: { action: "retry_glue_job", outcome: "failed" } },
      autoClose,
    );
    expect(unverified.decision).toBe("human_review");
    expect(unverified.reasoning).toContain("asks for auto_close, but no verified fix");

    const autoRetry = policyWith({ overrides: { glue_etl_failure: "auto_retry" } });
    const notPermitted = run({ ...retryable, remediation_permitted: false }, autoRetry);
    expect(notPermitted.decision).toBe("human_review");
    expect(notPermitted.reasoning).toContain("not permitted");
    expect(run(retryable, autoRetry).decision).toBe("auto_retry");
  });
});

describe("decide: rule 3, auto_close", () => {
  it("closes a recovered incident when no action was needed (action score 1.0)", () => {
    const recovered = { ...verifiedRetry, cause_kind: "recovered" as const, last_action: null, attempts_used: 0 };
    const decision = run(recovered);
    expect(decision).toMatchObject({ decision: "auto_close", score: 0.84 });
    expect(decision.reasoning).toContain("already recovered");
    expect(decision.component_scores.action_success).toBeNull();
  });

  it("closes a recovered incident after a retry that was refused (nothing we did failed)", () => {
    const input = {
      ...verifiedRetry,
      cause_kind: "recovered" as const,
      confidence: 0.95,
      evidence_score: 0.95,
      last_action: { action: "retry_glue_job", outcome: "refused" as const },
    };
    // 0.38 + 0.38 + 0.05 = 0.81
    expect(run(input)).toMatchObject({ decision: "auto_close", score: 0.81 });
  });

  it("does not close a recovered incident whose last action failed or errored", () => {
    for (const outcome of ["failed", "error"] as const) {
      const input = {
        ...verifiedRetry,
        cause_kind: "recovered" as const,
        confidence: 1,
        evidence_score: 1,
        last_action: { action: "retry_glue_job", outcome },
      };
      const decision = run(input);
      expect(decision.decision).toBe("escalate");
      expect(decision.reasoning).toContain("auto_close not allowed: the last action did not succeed");
    }
  });

  it("closes at exactly the gates", () => {
    // confidence 0.6, evidence 0.7: score 0.24 + 0.28 + 0.2 = 0.72.
    const policy = policyWith({ thresholds: { ...defaults.thresholds, auto_close: 0.72 } });
    expect(run({ ...verifiedRetry, confidence: 0.6, evidence_score: 0.7 }, policy).decision).toBe("auto_close");
  });

  it("does not close when confidence is below its gate by a hair", () => {
    // score 0.2396 + 0.4 + 0.2 = 0.84: only the confidence gate fails.
    const decision = run({ ...verifiedRetry, confidence: 0.599, evidence_score: 1 });
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("auto_close not allowed: confidence 0.599 below 0.6");
  });

  it("does not close when evidence is below its gate by a hair", () => {
    const decision = run({ ...verifiedRetry, confidence: 1, evidence_score: 0.699 });
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("auto_close not allowed: evidence 0.699 below 0.7");
  });

  it("does not close when the combined score is below its gate by a hair", () => {
    const policy = policyWith({ gates: { ...defaults.gates, min_combined_for_auto_action: 0.801 } });
    const decision = run(verifiedRetry, policy);
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("combined 0.8 below 0.801");
  });

  it("does not close when the score is below the auto_close threshold by a hair", () => {
    const policy = policyWith({ thresholds: { ...defaults.thresholds, auto_close: 0.841 } });
    const decision = run(verifiedRetry, policy);
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("score 0.84 below auto_close 0.841");
  });

  it("does not close without a verified fix, however high the scores", () => {
    for (const outcome of ["failed", "in_progress", "dry_run", "refused", "error"] as const) {
      const input = { ...verifiedRetry, confidence: 1, evidence_score: 1 };
      const decision = run({ ...input, last_action: { action: "retry_glue_job", outcome } });
      expect(decision.decision).not.toBe("auto_close");
      expect(decision.component_scores.action_success).toBe(false);
    }
  });

  it("does not retry once a retry succeeded, even when closing is not allowed", () => {
    const decision = run({ ...verifiedRetry, evidence_score: 0.5 });
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("evidence 0.5 below 0.7");
  });
});

describe("decide: rule 4, auto_retry", () => {
  it("retries a transient failure with a permitted action within budget", () => {
    expect(run(retryable)).toEqual({
      decision: "auto_retry",
      score: 0.7,
      reasoning:
        "Confidence (0.8) and evidence (0.7); transient cause, retry_glue_job permitted (attempt 1/2) → auto_retry (score 0.7)",
      component_scores: { intent_confidence: 0.8, evidence_score: 0.7, action_success: null },
    });
  });

  it("retries again after a failed attempt while budget remains (score exactly at the threshold)", () => {
    // 0.32 + 0.28 + 0 = 0.6
    const afterFailure = {
      ...retryable,
      attempts_used: 1,
      last_action: { action: "retry_glue_job", outcome: "failed" as const },
    };
    expect(run(afterFailure)).toMatchObject({ decision: "auto_retry", score: 0.6 });
  });

  it("stops at the budget edge: attempts_used == budget", () => {
    const exhausted = {
      ...retryable,
      attempts_used: 2,
      last_action: { action: "retry_glue_job", outcome: "failed" as const },
    };
    const decision = run(exhausted);
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("retry budget exhausted (2/2)");
    expect(run({ ...exhausted, attempts_used: 1 }).decision).toBe("auto_retry");
  });

  it("an in-flight retry is auto_retry even when it used the last of the budget", () => {
    const inFlight = {
      ...retryable,
      attempts_used: 2,
      last_action: { action: "retry_glue_job", outcome: "in_progress" as const },
    };
    const decision = run(inFlight);
    expect(decision).toMatchObject({ decision: "auto_retry", score: 0.7 });
    expect(decision.reasoning).toContain("retry_glue_job in flight");
    expect(decision.component_scores.action_success).toBe(false);
  });

  it("a dry run that would retry is auto_retry (it started nothing, so no budget was used)", () => {
    const dryRun = { ...retryable, budget: 0, last_action: { action: "retry_glue_job", outcome: "dry_run" as const } };
    const decision = run(dryRun);
    expect(decision.decision).toBe("auto_retry");
    expect(decision.reasoning).toContain("would retry (dry run)");
  });

  it("does not retry without a recommendation to retry", () => {
    const decision = run({ ...retryable, retry_recommended: false });
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("the investigation did not recommend a retry");
  });

  it("does not retry a cause that is not transient", () => {
    const nonTransient = run({ ...retryable, cause_kind: "non_transient" });
    expect(nonTransient.decision).toBe("escalate");
    expect(nonTransient.reasoning).toContain("root cause is not transient (non_transient)");
    const undetermined = run({ ...retryable, cause_kind: "undetermined" });
    expect(undetermined.decision).toBe("human_review");
    expect(undetermined.reasoning).toContain("root cause is not transient (undetermined)");
  });

  it("does not retry without a recommended action", () => {
    const decision = run({ ...retryable, recommended_action: null });
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("no remediation recommended");
  });

  it("does not retry what the guardrails refused, and says why", () => {
    const generic = run({ ...retryable, remediation_permitted: false });
    expect(generic.decision).toBe("escalate");
    expect(generic.reasoning).toContain("resource not on the allow-list");
    const specific = run({
      ...retryable,
      remediation_permitted: false,
      remediation_refusal: 'glue_job "payroll" is not on the remediation allow-list',
    });
    expect(specific.reasoning).toContain('glue_job "payroll" is not on the remediation allow-list');
  });

  it("does not retry when confidence is below its gate by a hair", () => {
    // 0.2396 + 0.4 + 0.1 = 0.74
    const decision = run({ ...retryable, confidence: 0.599, evidence_score: 1 });
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("auto_retry not allowed: confidence 0.599 below 0.6");
  });

  it("does not retry when the combined score is below its gate by a hair", () => {
    const policy = policyWith({ gates: { ...defaults.gates, min_combined_for_auto_action: 0.751 } });
    const decision = run(retryable, policy);
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("combined 0.75 below 0.751");
  });

  it("treats a combined score that floating point puts a hair under the gate as reaching it", () => {
    // (0.7 + 0.3) / 2 is 0.49999999999999994 in floating point; it is 0.5.
    const policy = policyWith({ thresholds: { ...defaults.thresholds, auto_retry: 0.5 } });
    expect(run({ ...retryable, confidence: 0.7, evidence_score: 0.3 }, policy).decision).toBe("auto_retry");
  });

  it("does not retry when the score is below the auto_retry threshold by a hair", () => {
    const policy = policyWith({ thresholds: { ...defaults.thresholds, auto_retry: 0.701 } });
    const decision = run(retryable, policy);
    expect(decision.decision).toBe("escalate");
    expect(decision.reasoning).toContain("score 0.7 below auto_retry 0.701");
  });
});

describe("decide: rules 5 and 6, escalate and human_review", () => {
  const unclear: PolicyInput = {
    ...retryable,
    cause_kind: "non_transient",
    retry_recommended: false,
    recommended_action: null,
  };

  it("escalates at exactly the escalate threshold", () => {
    // 0.16 + 0.14 + 0.1 = 0.4
    const decision = run({ ...unclear, confidence: 0.4, evidence_score: 0.35 });
    expect(decision).toMatchObject({ decision: "escalate", score: 0.4 });
    expect(decision.reasoning).toBe(
      "Confidence (0.4) and evidence (0.35); no verified fix and no retry recommended (cause non_transient) → escalate (score 0.4 ≥ 0.4)",
    );
  });

  it("does not escalate without a root cause, however high the score: a person triages first", () => {
    const decision = run({ ...unclear, cause_kind: "undetermined", confidence: 0.95, evidence_score: 0.3 });
    expect(decision.score).toBeGreaterThanOrEqual(0.4);
    expect(decision.decision).toBe("human_review");
    expect(decision.reasoning).toContain("no root cause was determined");
  });

  it("sends anything below the escalate threshold to human_review", () => {
    // 0.16 + 0.136 + 0.1 = 0.396
    const decision = run({ ...unclear, confidence: 0.4, evidence_score: 0.34 });
    expect(decision).toMatchObject({ decision: "human_review", score: 0.396 });
    expect(decision.reasoning).toContain("→ human_review (score 0.396 below escalate 0.4)");
  });

  it("sends a failed retry out of budget with poor evidence to human_review", () => {
    const input = {
      ...retryable,
      confidence: 0.5,
      evidence_score: 0.4,
      attempts_used: 2,
      last_action: { action: "retry_glue_job", outcome: "failed" as const },
    };
    const decision = run(input);
    expect(decision.decision).toBe("human_review");
    expect(decision.reasoning).toContain("retry_glue_job failed");
    expect(decision.reasoning).toContain("retry budget exhausted (2/2)");
  });
});

describe("explainPolicy", () => {
  it("summarises thresholds, gates, weights and overrides in Markdown", () => {
    const text = explainPolicy(defaults);
    expect(text).toContain("## Policy");
    expect(text).toContain("| auto_close | 0.8 |");
    expect(text).toContain("| min_evidence_for_auto_close | 0.7 |");
    expect(text).toContain("0.4 × confidence + 0.4 × evidence + 0.2 × action");
    expect(text).toContain("| access_denied | escalate |");
    expect(text).toContain("| kafka_events_failed | human_review |");
  });

  it("says when there are no overrides", () => {
    expect(explainPolicy(policyWith({ overrides: {} }))).toContain("Overrides: none.");
  });
});
