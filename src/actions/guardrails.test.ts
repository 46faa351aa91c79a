import { describe, expect, it } from "vitest";
import { ConfigSchema, type OrchestratorConfigInput } from "../config/schema.js";
import type { Intent } from "../state/intents.js";
import type { InvestigationState } from "../state/investigation.js";
import { TOOL_NAMES, type MutatingToolName } from "../tools/names.js";
import { checkRemediation, type RemediationCheckInput } from "./guardrails.js";

const config = (overrides: OrchestratorConfigInput = {}) =>
  ConfigSchema.parse({
    remediation: {
      allow_list: { glue_jobs: ["etl_*"], dags: ["daily_*"], athena_workgroups: ["analytics"], emr_clusters: [] },
    },
    ...overrides,
  });

const investigation = (overrides: Partial<InvestigationState> = {}): InvestigationState => ({
  findings: [],
  root_cause: "Glue job ran out of memory on a retryable run",
  evidence_score: 0.8,
  retry_recommended: true,
  recommended_action: "retry_glue_job",
  cause_kind: "transient",
  action_args: { job_name: "etl_orders_daily" },
  resource: { type: "glue_job", id: "etl_orders_daily" },
  ...overrides,
});

const check = (overrides: Partial<RemediationCheckInput> = {}) =>
  checkRemediation({
    intent: "glue_etl_failure",
    investigation: investigation(),
    attempts_used: 0,
    config: config(),
    available_tools: new Set<string>(TOOL_NAMES),
    ...overrides,
  });

describe("checkRemediation", () => {
  it("permits an allow-listed transient retry within budget", () => {
    expect(check()).toEqual({
      permitted: true,
      action: "retry_glue_job",
      resource: { type: "glue_job", id: "etl_orders_daily" },
    });
  });

  it("permits each intent's playbook remediation on its own resource type", () => {
    const cases: [Intent, NonNullable<InvestigationState["resource"]>, MutatingToolName][] = [
      ["dag_failure", { type: "dag", id: "daily_sales" }, "retry_airflow_dag"],
      ["athena_failure", { type: "athena_workgroup", id: "analytics" }, "retry_athena_query"],
    ];
    for (const [intent, resource, action] of cases) {
      const result = check({ intent, investigation: investigation({ recommended_action: action, resource }) });
      expect(result).toMatchObject({ permitted: true, action, resource });
    }
  });

  it("refuses when nothing is recommended (no_remediation)", () => {
    expect(check({ investigation: investigation({ recommended_action: null }) })).toMatchObject({
      permitted: false,
      reason: "no_remediation",
    });
  });

  it("refuses a read-only or unknown tool (not_a_mutating_tool)", () => {
    for (const action of ["get_glue_logs", "delete_bucket"]) {
      const result = check({ investigation: investigation({ recommended_action: action }) });
      expect(result).toMatchObject({ permitted: false, reason: "not_a_mutating_tool" });
      expect(result.permitted || result.message).toContain(action);
    }
  });

  it("refuses a mutating tool outside the intent's playbook (not_in_playbook)", () => {
    const result = check({ investigation: investigation({ recommended_action: "retry_emr" }) });
    expect(result).toMatchObject({ permitted: false, reason: "not_in_playbook" });
    expect(result.permitted || result.message).toBe("retry_emr is not in the glue_etl_failure playbook.");
  });

  it("uses the configured playbook, not the default one", () => {
    const result = check({ config: config({ intent_tools: { glue_etl_failure: ["get_glue_logs"] } }) });
    expect(result).toMatchObject({ permitted: false, reason: "not_in_playbook" });
  });

  it("refuses a tool no connected server offers (tool_unavailable)", () => {
    const available = new Set<string>(TOOL_NAMES.filter((name) => name !== "retry_glue_job"));
    expect(check({ available_tools: available })).toMatchObject({ permitted: false, reason: "tool_unavailable" });
  });

  it("refuses any cause that is not transient (non_transient_cause)", () => {
    for (const cause_kind of ["non_transient", "recovered", "undetermined"] as const) {
      const result = check({ investigation: investigation({ cause_kind }) });
      expect(result).toMatchObject({ permitted: false, reason: "non_transient_cause" });
      expect(result.permitted || result.message).toContain(cause_kind);
    }
  });

  it("refuses a resource that is not on the allow-list (not_allow_listed), naming it", () => {
    const result = check({ investigation: investigation({ resource: { type: "glue_job", id: "payroll_export" } }) });
    expect(result).toMatchObject({ permitted: false, reason: "not_allow_listed" });
    expect(result.permitted || result.message).toContain('"payroll_export"');
    expect(result.permitted || result.message).toContain("remediation.allow_list.glue_jobs");
  });

  it("refuses every remediation with the default (empty) allow-lists", () => {
    const cases: [Intent, NonNullable<InvestigationState["resource"]>, MutatingToolName][] = [
      ["glue_etl_failure", { type: "glue_job", id: "etl_orders_daily" }, "retry_glue_job"],
      ["dag_failure", { type: "dag", id: "daily_sales" }, "retry_airflow_dag"],
      ["athena_failure", { type: "athena_workgroup", id: "analytics" }, "retry_athena_query"],
      ["emr_failure", { type: "emr_cluster", id: "j-ABC" }, "retry_emr"],
    ];
    for (const [intent, resource, action] of cases) {
      const result = check({
        intent,
        config: ConfigSchema.parse({}),
        investigation: investigation({ recommended_action: action, resource }),
      });
      expect(result).toMatchObject({ permitted: false, reason: "not_allow_listed" });
    }
  });

  it("refuses when there is no target resource (not_allow_listed)", () => {
    expect(check({ investigation: investigation({ resource: null }) })).toMatchObject({
      permitted: false,
      reason: "not_allow_listed",
    });
  });

  it("refuses a target of the wrong type even if that type's list would allow it (not_allow_listed)", () => {
    const result = check({ investigation: investigation({ resource: { type: "dag", id: "daily_sales" } }) });
    expect(result).toMatchObject({ permitted: false, reason: "not_allow_listed" });
    expect(result.permitted || result.message).toContain("acts on a glue_job");
  });

  it("refuses once the intent's budget is used (budget_exhausted), at exactly the budget", () => {
    expect(check({ attempts_used: 1 }).permitted).toBe(true);
    const result = check({ attempts_used: 2 });
    expect(result).toMatchObject({ permitted: false, reason: "budget_exhausted" });
    expect(result.permitted || result.message).toContain("(2/2 attempts used)");
    expect(result.permitted || result.message).toContain('"etl_orders_daily"');
  });

  it("refuses everything for an intent with a zero budget", () => {
    const result = check({
      config: config({ remediation: { budgets: { glue_etl_failure: 0 }, allow_list: { glue_jobs: ["*"] } } }),
    });
    expect(result).toMatchObject({ permitted: false, reason: "budget_exhausted" });
  });

  it("reports the first failing check when several fail", () => {
    const result = check({
      investigation: investigation({ cause_kind: "non_transient", resource: { type: "glue_job", id: "nope" } }),
      attempts_used: 5,
    });
    expect(result).toMatchObject({ permitted: false, reason: "non_transient_cause" });
  });
});
