import { describe, expect, it } from "vitest";
import {
  attempt,
  classified,
  configWith,
  decision,
  defaultConfig,
  investigation,
  review,
  stateWith,
  toolsNamed,
} from "../../test/support/state.js";
import type { GraphState } from "../state/graph-state.js";
import {
  branchAfterAction,
  branchAfterClassify,
  branchAfterInvestigate,
  branchAfterPolicy,
  branchAfterRetry,
  branchAfterReview,
} from "./branches.js";

// The labels each branch chooses; the reasons are checked below.
const routeAfterClassify = (...args: Parameters<typeof branchAfterClassify>) => branchAfterClassify(...args).label;
const routeAfterInvestigate = (...args: Parameters<typeof branchAfterInvestigate>) =>
  branchAfterInvestigate(...args).label;
const routeAfterAction = (...args: Parameters<typeof branchAfterAction>) => branchAfterAction(...args).label;
const routeAfterPolicy = (...args: Parameters<typeof branchAfterPolicy>) => branchAfterPolicy(...args).label;
const routeAfterRetry = (...args: Parameters<typeof branchAfterRetry>) => branchAfterRetry(...args).label;
const routeAfterReview = (...args: Parameters<typeof branchAfterReview>) => branchAfterReview(...args).label;

const config = defaultConfig();
const error = { node: "investigate", message: "boom" };
const noTools = new Map();

describe("routeAfterClassify", () => {
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
    expect(routeAfterClassify(stateWith({ classification: classified(intent) }), config)).toBe(label);
  });

  it("fast-tracks access_denied past investigation and action", () => {
    expect(routeAfterClassify(stateWith({ classification: classified("access_denied") }), config)).toBe("fast_track");
  });

  it("honours configured fast-track intents", () => {
    const custom = { ...config, routing: { ...config.routing, fast_track_intents: ["unknown" as const] } };
    expect(routeAfterClassify(stateWith({ classification: classified("unknown") }), custom)).toBe("fast_track");
    expect(routeAfterClassify(stateWith({ classification: classified("access_denied") }), custom)).toBe("others");
  });

  it("sends a failed classification to human review", () => {
    expect(routeAfterClassify(stateWith({ errors: [error] }), config)).toBe("error");
    expect(routeAfterClassify(stateWith(), config)).toBe("error");
  });
});

describe("routeAfterInvestigate", () => {
  const base = { classification: classified("glue_etl_failure") };
  it("acts on conclusive evidence that recommends a remediation", () => {
    expect(routeAfterInvestigate(stateWith({ ...base, investigation: investigation() }), config, noTools)).toBe(
      "high_confidence",
    );
  });
  it("goes to the policy engine at the threshold's edge", () => {
    const below = investigation({ evidence_score: 0.59 });
    expect(routeAfterInvestigate(stateWith({ ...base, investigation: below }), config, noTools)).toBe("low_confidence");
    const at = investigation({ evidence_score: 0.6 });
    expect(routeAfterInvestigate(stateWith({ ...base, investigation: at }), config, noTools)).toBe("high_confidence");
  });
  it("goes to the policy engine when no retry is recommended or there is no action", () => {
    const noRetry = investigation({ retry_recommended: false });
    expect(routeAfterInvestigate(stateWith({ ...base, investigation: noRetry }), config, noTools)).toBe(
      "low_confidence",
    );
    const noAction = investigation({ recommended_action: null });
    expect(routeAfterInvestigate(stateWith({ ...base, investigation: noAction }), config, noTools)).toBe(
      "low_confidence",
    );
  });
  it("sends an investigation failure to human review", () => {
    expect(routeAfterInvestigate(stateWith({ ...base, errors: [error] }), config, noTools)).toBe("error");
  });
});

describe("routeAfterAction", () => {
  it("labels success and failure, both bound for the policy engine", () => {
    expect(routeAfterAction(stateWith({ attempts: [attempt("succeeded")] }))).toBe("success");
    for (const outcome of ["failed", "in_progress", "refused", "dry_run", "error"] as const) {
      expect(routeAfterAction(stateWith({ attempts: [attempt(outcome)] }))).toBe("failure");
    }
  });
  it("sends a crashed action node to human review", () => {
    expect(routeAfterAction(stateWith({ errors: [error] }))).toBe("error");
  });
});

describe("routeAfterPolicy", () => {
  it.each(["auto_close", "auto_retry", "escalate", "human_review"] as const)("follows %s", (kind) => {
    expect(routeAfterPolicy(stateWith({ decisions: [decision("escalate"), decision(kind)] }))).toBe(kind);
  });
  it("falls back to human review without a decision or after an error", () => {
    expect(routeAfterPolicy(stateWith())).toBe("human_review");
    expect(routeAfterPolicy(stateWith({ decisions: [decision("auto_close")], errors: [error] }))).toBe("human_review");
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

describe("the approval gate (remediation.require_approval)", () => {
  const allow_list = { glue_jobs: ["SPENDING_*"] };
  const byIntent = configWith({ remediation: { allow_list, require_approval: { intents: ["glue_etl_failure"] } } });
  const byResource = configWith({
    remediation: { allow_list, require_approval: { resources: { glue_jobs: ["SPENDING_*"] } } },
  });
  const ungated = configWith({ remediation: { allow_list } });
  const glueTools = toolsNamed("get_glue_logs", "verify_source_data", "retry_glue_job");
  const glue = (overrides: Partial<GraphState> = {}): GraphState =>
    stateWith({ classification: classified("glue_etl_failure"), investigation: investigation(), ...overrides });

  describe("routeAfterInvestigate", () => {
    it("pauses for approval when config names the intent and the tool is available", () => {
      expect(routeAfterInvestigate(glue(), byIntent, glueTools)).toBe("needs_approval");
    });
    it("pauses for approval when the resource matches a require_approval glob", () => {
      expect(routeAfterInvestigate(glue(), byResource, glueTools)).toBe("needs_approval");
      const other = glue({ investigation: investigation({ resource: { type: "glue_job", id: "SPENDING_X" } }) });
      expect(routeAfterInvestigate(other, byResource, glueTools)).toBe("needs_approval");
    });
    it("acts without a pause when nothing requires approval", () => {
      expect(routeAfterInvestigate(glue(), ungated, glueTools)).toBe("high_confidence");
      const dagGate = configWith({ remediation: { allow_list, require_approval: { intents: ["dag_failure"] } } });
      expect(routeAfterInvestigate(glue(), dagGate, glueTools)).toBe("high_confidence");
    });
    it("does not ask for approval of what the guardrails refuse (tool not connected)", () => {
      expect(routeAfterInvestigate(glue(), byIntent, toolsNamed("get_glue_logs"))).toBe("high_confidence");
    });
    it("does not pause once a review approved that attempt", () => {
      const approved = glue({ reviews: [review({ reason: "approval", attempt: 1 })] });
      expect(routeAfterInvestigate(approved, byIntent, glueTools)).toBe("high_confidence");
    });
    it("still sends inconclusive evidence to the policy engine", () => {
      const weak = glue({ investigation: investigation({ evidence_score: 0.2 }) });
      expect(routeAfterInvestigate(weak, byIntent, glueTools)).toBe("low_confidence");
    });
  });

  describe("routeAfterRetry", () => {
    const afterOne = { attempts: [attempt("failed", 1)] };
    it("pauses the next attempt for approval", () => {
      expect(routeAfterRetry(glue(afterOne), byIntent, glueTools)).toBe("needs_approval");
      expect(routeAfterRetry(glue(afterOne), byResource, glueTools)).toBe("needs_approval");
      expect(routeAfterRetry(glue(afterOne), ungated, glueTools)).toBe("next_attempt");
    });
    it("asks again for each attempt: approving attempt 1 does not approve attempt 2", () => {
      const firstApproved = glue({ ...afterOne, reviews: [review({ attempt: 1 })] });
      expect(routeAfterRetry(firstApproved, byIntent, glueTools)).toBe("needs_approval");
      const secondApproved = glue({ ...afterOne, reviews: [review({ attempt: 1 }), review({ attempt: 2 })] });
      expect(routeAfterRetry(secondApproved, byIntent, glueTools)).toBe("next_attempt");
    });
    it("does not ask for approval when the tool is not connected", () => {
      expect(routeAfterRetry(glue(afterOne), byIntent, toolsNamed("get_glue_logs"))).toBe("next_attempt");
    });
    it("ends a spent budget or a retry in flight before asking", () => {
      const spent = glue({ attempts: [attempt("failed", 1), attempt("failed", 2)] });
      expect(routeAfterRetry(spent, byIntent, glueTools)).toBe("budget_exhausted");
      expect(routeAfterRetry(glue({ attempts: [attempt("in_progress", 1)] }), byIntent, glueTools)).toBe(
        "retry_in_flight",
      );
    });
  });
});

describe("routeAfterReview", () => {
  it("runs an accepted remediation", () => {
    expect(routeAfterReview(stateWith({ reviews: [review({ response: "accept", attempt: 1 })] }))).toBe("approved");
  });
  it("closes the ticket on an accept that approved no attempt", () => {
    expect(routeAfterReview(stateWith({ reviews: [review({ response: "accept", attempt: null })] }))).toBe("closed");
  });
  it("runs an edited action", () => {
    const action = { action: "retry_glue_job", args: { job_name: "OTHER" } };
    expect(routeAfterReview(stateWith({ reviews: [review({ response: "edit", action, attempt: 2 })] }))).toBe(
      "approved",
    );
  });
  it("escalates a response", () => {
    const responded = review({ response: "response", attempt: null, note: "call the data team" });
    expect(routeAfterReview(stateWith({ reviews: [responded] }))).toBe("responded");
  });
  it("hands over an ignore", () => {
    expect(routeAfterReview(stateWith({ reviews: [review({ response: "ignore", attempt: null })] }))).toBe("ignored");
  });
  it("follows the latest review", () => {
    const reviews = [review({ response: "accept", attempt: 1 }), review({ response: "ignore", attempt: null })];
    expect(routeAfterReview(stateWith({ reviews }))).toBe("ignored");
    const again = [review({ response: "ignore", attempt: null }), review({ response: "accept", attempt: 2 })];
    expect(routeAfterReview(stateWith({ reviews: again }))).toBe("approved");
  });
});

describe("errors a review has seen", () => {
  const seen = { errors: [error], reviews: [review({ errors_seen: 1, decisions_seen: 0 })] };
  const newer = { errors: [error, { node: "take_action", message: "again" }], reviews: seen.reviews };

  it("no longer send routeAfterPolicy to human review", () => {
    expect(routeAfterPolicy(stateWith({ ...seen, decisions: [decision("auto_close")] }))).toBe("auto_close");
    expect(routeAfterPolicy(stateWith({ ...seen, decisions: [decision("escalate")] }))).toBe("escalate");
  });
  it("no longer send routeAfterAction to error", () => {
    expect(routeAfterAction(stateWith({ ...seen, attempts: [attempt("succeeded")] }))).toBe("success");
    expect(routeAfterAction(stateWith({ ...seen, attempts: [attempt("failed")] }))).toBe("failure");
  });
  it("no longer send the earlier branches to error", () => {
    const glue = { classification: classified("glue_etl_failure"), investigation: investigation() };
    expect(routeAfterClassify(stateWith({ ...seen, ...glue }), config)).toBe("glue_job_failure");
    expect(routeAfterInvestigate(stateWith({ ...seen, ...glue }), config, noTools)).toBe("high_confidence");
    expect(routeAfterRetry(stateWith({ ...seen, ...glue }), config, noTools)).toBe("next_attempt");
  });
  it("an error newer than the review still does", () => {
    expect(routeAfterPolicy(stateWith({ ...newer, decisions: [decision("auto_close")] }))).toBe("human_review");
    expect(routeAfterAction(stateWith({ ...newer, attempts: [attempt("succeeded")] }))).toBe("error");
  });
  it("only the latest review's count matters", () => {
    const reviews = [review({ errors_seen: 1 }), review({ errors_seen: 2 })];
    const state = stateWith({ errors: newer.errors, reviews, decisions: [decision("auto_retry")] });
    expect(routeAfterPolicy(state)).toBe("auto_retry");
  });
});

describe("why a branch was taken", () => {
  it("says what decided, in one line", () => {
    const base = { classification: classified("glue_etl_failure") };
    expect(branchAfterClassify(stateWith(base), config)).toEqual({
      label: "glue_job_failure",
      why: "intent glue_etl_failure",
    });
    expect(branchAfterClassify(stateWith({ errors: [error] }), config).why).toBe("error in investigate: boom");
    const below = investigation({ evidence_score: 0.3 });
    expect(branchAfterInvestigate(stateWith({ ...base, investigation: below }), config, noTools).why).toBe(
      "evidence 0.3 < 0.6",
    );
    expect(branchAfterAction(stateWith({ attempts: [attempt("failed")] })).why).toBe("attempt failed");
    expect(branchAfterPolicy(stateWith({ decisions: [decision("escalate")] })).why).toBe("policy decided escalate");
  });
});
