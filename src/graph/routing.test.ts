import { describe, expect, it } from "vitest";
import { attempt, classified, decision, defaultConfig, investigation, stateWith } from "../../test/support/state.js";
import {
  routeAfterRetry,
  routeOnActionOutcome,
  routeOnDecision,
  routeOnEvidence,
  routeOnIssueType,
} from "./routing.js";

const config = defaultConfig();
const error = { node: "investigate", message: "boom" };
const noTools = new Map();

describe("routeOnIssueType", () => {
  it.each([
    ["dag_failure", "mwaa_dag_failure"],
    ["dag_alarm", "mwaa_dag_failure"],
    ["mwaa_failure", "mwaa_dag_failure"],
    ["glue_etl_failure", "glue_job_failure"],
    ["athena_failure", "athena_failure"],
    ["data_missing", "data_missing"],
    ["data_not_available", "data_missing"],
    ["source_zero_data", "data_missing"],
    ["emr_failure", "others"],
    ["kafka_events_failed", "others"],
    ["unknown", "others"],
  ] as const)("sends %s to investigation as %s", (intent, label) => {
    expect(routeOnIssueType(stateWith({ classification: classified(intent) }), config)).toBe(label);
  });

  it("fast-tracks access_denied past investigation and action", () => {
    expect(routeOnIssueType(stateWith({ classification: classified("access_denied") }), config)).toBe("fast_track");
  });

  it("honours configured fast-track intents", () => {
    const custom = { ...config, routing: { ...config.routing, fast_track_intents: ["unknown" as const] } };
    expect(routeOnIssueType(stateWith({ classification: classified("unknown") }), custom)).toBe("fast_track");
    expect(routeOnIssueType(stateWith({ classification: classified("access_denied") }), custom)).toBe("others");
  });

  it("sends a failed classification to human review", () => {
    expect(routeOnIssueType(stateWith({ errors: [error] }), config)).toBe("error");
    expect(routeOnIssueType(stateWith(), config)).toBe("error");
  });
});

describe("routeOnEvidence", () => {
  const base = { classification: classified("glue_etl_failure") };
  it("acts on conclusive evidence that recommends a remediation", () => {
    expect(routeOnEvidence(stateWith({ ...base, investigation: investigation() }), config, noTools)).toBe(
      "high_confidence",
    );
  });
  it("goes to the policy engine at the threshold's edge", () => {
    const below = investigation({ evidence_score: 0.59 });
    expect(routeOnEvidence(stateWith({ ...base, investigation: below }), config, noTools)).toBe("low_confidence");
    const at = investigation({ evidence_score: 0.6 });
    expect(routeOnEvidence(stateWith({ ...base, investigation: at }), config, noTools)).toBe("high_confidence");
  });
  it("goes to the policy engine when no retry is recommended or there is no action", () => {
    const noRetry = investigation({ retry_recommended: false });
    expect(routeOnEvidence(stateWith({ ...base, investigation: noRetry }), config, noTools)).toBe("low_confidence");
    const noAction = investigation({ recommended_action: null });
    expect(routeOnEvidence(stateWith({ ...base, investigation: noAction }), config, noTools)).toBe("low_confidence");
  });
  it("sends an investigation failure to human review", () => {
    expect(routeOnEvidence(stateWith({ ...base, errors: [error] }), config, noTools)).toBe("error");
  });
});

describe("routeOnActionOutcome", () => {
  it("labels success and failure, both bound for the policy engine", () => {
    expect(routeOnActionOutcome(stateWith({ attempts: [attempt("succeeded")] }))).toBe("success");
    for (const outcome of ["failed", "in_progress", "refused", "dry_run", "error"] as const) {
      expect(routeOnActionOutcome(stateWith({ attempts: [attempt(outcome)] }))).toBe("failure");
    }
  });
  it("sends a crashed action node to human review", () => {
    expect(routeOnActionOutcome(stateWith({ errors: [error] }))).toBe("error");
  });
});

describe("routeOnDecision", () => {
  it.each(["auto_close", "auto_retry", "escalate", "human_review"] as const)("follows %s", (kind) => {
    expect(routeOnDecision(stateWith({ decisions: [decision("escalate"), decision(kind)] }))).toBe(kind);
  });
  it("falls back to human review without a decision or after an error", () => {
    expect(routeOnDecision(stateWith())).toBe("human_review");
    expect(routeOnDecision(stateWith({ decisions: [decision("auto_close")], errors: [error] }))).toBe("human_review");
  });
});

describe("routeAfterRetry", () => {
  const dag = { classification: classified("dag_failure") };
  it("loops while the budget lasts (dag: 3 attempts)", () => {
    expect(routeAfterRetry(stateWith(dag), config, noTools)).toBe("next_attempt");
    expect(
      routeAfterRetry(stateWith({ ...dag, attempts: [attempt("failed", 1), attempt("failed", 2)] }), config, noTools),
    ).toBe("next_attempt");
  });
  it("returns to the policy engine once the budget is spent", () => {
    const spent = [attempt("failed", 1), attempt("error", 2), attempt("failed", 3)];
    expect(routeAfterRetry(stateWith({ ...dag, attempts: spent }), config, noTools)).toBe("budget_exhausted");
  });
  it("does not count refusals and dry runs against the budget", () => {
    const notStarted = [attempt("refused", 1), attempt("refused", 2), attempt("refused", 3)];
    expect(routeAfterRetry(stateWith({ ...dag, attempts: notStarted }), config, noTools)).toBe("next_attempt");
  });
  it("ends when a retry is already in flight or was a dry run", () => {
    expect(routeAfterRetry(stateWith({ ...dag, attempts: [attempt("in_progress")] }), config, noTools)).toBe(
      "retry_in_flight",
    );
    expect(routeAfterRetry(stateWith({ ...dag, attempts: [attempt("dry_run")] }), config, noTools)).toBe(
      "retry_in_flight",
    );
  });
  it("sends errors to human review", () => {
    expect(routeAfterRetry(stateWith({ ...dag, errors: [error] }), config, noTools)).toBe("error");
  });
});
