import { describe, expect, it } from "vitest";
import { attempt, classified, defaultConfig, investigation, stateWith } from "../../test/support/state.js";
import { policyInputFrom } from "./policy-input.js";

const config = defaultConfig();
const allowAll = {
  ...config,
  remediation: {
    ...config.remediation,
    allow_list: { glue_jobs: ["*"], dags: ["*"], athena_workgroups: ["*"], emr_clusters: ["*"] },
    budgets: { ...config.remediation.budgets, glue_etl_failure: 1 },
  },
};
const tools = new Map([["retry_glue_job", {}]]) as never;

describe("policyInputFrom", () => {
  it("counts a retry in flight as the attempt it is, not against itself", () => {
    const state = stateWith({
      classification: classified("glue_etl_failure"),
      investigation: investigation(),
      attempts: [attempt("in_progress")],
    });
    const input = policyInputFrom(state, allowAll, tools);
    expect(input).toMatchObject({ attempts_used: 1, budget: 1, remediation_permitted: true });
  });

  it("refuses once a finished attempt has spent the budget, and says why", () => {
    const state = stateWith({
      classification: classified("glue_etl_failure"),
      investigation: investigation(),
      attempts: [attempt("failed")],
    });
    const input = policyInputFrom(state, allowAll, tools);
    expect(input.remediation_permitted).toBe(false);
    expect(input.remediation_refusal).toMatch(/budget/);
  });

  it("reads a fast-tracked run (no investigation) as nothing to remediate", () => {
    const input = policyInputFrom(stateWith({ classification: classified("access_denied") }), allowAll, tools);
    expect(input).toMatchObject({
      evidence_score: 0,
      cause_kind: "undetermined",
      remediation_permitted: false,
      last_action: null,
    });
  });

  it("carries node errors as the run error", () => {
    const input = policyInputFrom(stateWith({ errors: [{ node: "investigate", message: "boom" }] }), allowAll, tools);
    expect(input.run_error).toBe("investigate: boom");
  });
});
