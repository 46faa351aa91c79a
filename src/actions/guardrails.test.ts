import { describe, expect, it } from "vitest";
import { ConfigSchema, type OrchestratorConfigInput } from "../config/schema.js";
import type { Intent } from "../state/intents.js";
import type { InvestigationState } from "../state/investigation.js";
import type { Subject } from "../subject/subject.js";
import { TOOL_NAMES, type MutatingToolName } from "../tools/catalog.js";
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

/** The incident is about these resources (one of each kind the cases below act on). */
const subject: Subject = {
  named: [
    { type: "glue_job", id: "etl_orders_daily", source: "short_description" },
    { type: "dag", id: "daily_sales", source: "cmdb_ci" },
    { type: "athena_workgroup", id: "analytics", source: "alert" },
    { type: "emr_cluster", id: "j-ABC", source: "alert" },
  ],
  mentioned: [{ type: "glue_job", id: "etl_payroll_daily", source: "description" }],
};

/** Arguments that name a resource, for proposals written with a resource only. */
const ARGUMENT_FOR: Record<string, string> = { glue_job: "job_name", dag: "dag_id", emr_cluster: "cluster_id" };

/**
 * The checks below are about playbooks, allow-lists and budgets: unless a case says otherwise, the
 * proposal is aimed at the incident's subject (the tests of not_the_subject pass their own subject).
 */
function withSubject(input: RemediationCheckInput): RemediationCheckInput {
  const proposal = input.proposal;
  if (!proposal || proposal.args || !proposal.resource) return input;
  const key = ARGUMENT_FOR[proposal.resource.type];
  const args = key ? { [key]: proposal.resource.id } : {};
  const named =
    proposal.resource.type === "athena_workgroup" || !key
      ? input.subject.named
      : [
          ...input.subject.named.filter((resource) => resource.type !== proposal.resource?.type),
          { type: proposal.resource.type, id: proposal.resource.id, source: "alert" as const },
        ];
  return { ...input, proposal: { ...proposal, args }, subject: { ...input.subject, named } };
}

const check = (overrides: Partial<RemediationCheckInput> = {}) =>
  checkRemediation(
    withSubject({
      intent: "glue_etl_failure",
      investigation: investigation(),
      attempts_used: 0,
      config: config(),
      available_tools: new Set<string>(TOOL_NAMES),
      subject,
      ...overrides,
    }),
  );

describe("checkRemediation", () => {
  it("permits an allow-listed transient retry within budget", () => {
    expect(check()).toEqual({
      permitted: true,
      action: "retry_glue_job",
      resource: { type: "glue_job", id: "etl_orders_daily" },
    });
  });

  it("permits each intent's playbook remediation on its own resource type", () => {
    const cases: [Intent, NonNullable<InvestigationState["resource"]>, MutatingToolName, Record<string, unknown>][] = [
      ["dag_failure", { type: "dag", id: "daily_sales" }, "retry_airflow_dag", { dag_id: "daily_sales" }],
      ["athena_failure", { type: "athena_workgroup", id: "analytics" }, "retry_athena_query", { query_id: "q-1" }],
    ];
    for (const [intent, resource, action, action_args] of cases) {
      const result = check({
        intent,
        investigation: investigation({ recommended_action: action, resource, action_args }),
      });
      expect(result).toMatchObject({ permitted: true, action, resource });
    }
  });

  it("refuses a resource the ticket only mentions, or one it does not name at all (not_the_subject)", () => {
    const payroll = investigation({
      action_args: { job_name: "etl_payroll_daily" },
      resource: { type: "glue_job", id: "etl_payroll_daily" },
    });
    expect(check({ investigation: payroll })).toMatchObject({
      permitted: false,
      reason: "not_the_subject",
      message: expect.stringContaining('the incident is about Glue job "etl_orders_daily"'),
    });
    const emr = check({
      intent: "emr_failure",
      config: config({ intent_tools: { emr_failure: ["get_emr_logs", "retry_emr"] } }),
      investigation: investigation({
        recommended_action: "retry_emr",
        action_args: { cluster_id: "j-2AXXXXXXGAPLF", step_id: "s-1XXXXXXXXXXA" },
        resource: { type: "emr_cluster", id: "j-2AXXXXXXGAPLF" },
      }),
    });
    expect(emr).toMatchObject({ permitted: false, reason: "not_the_subject" });
    expect(emr).toMatchObject({ message: expect.stringContaining('the incident is about EMR cluster "j-ABC"') });
  });

  it("refuses when the ticket's subject fields name two resources of the kind (not_the_subject)", () => {
    const two: Subject = {
      named: [...subject.named, { type: "glue_job", id: "etl_orders_hourly", source: "cmdb_ci" }],
      mentioned: [],
    };
    expect(check({ subject: two })).toMatchObject({
      permitted: false,
      reason: "not_the_subject",
      message: expect.stringContaining("several Glue jobs (etl_orders_daily, etl_orders_hourly)"),
    });
  });

  it("refuses even a person's approval on another resource: approval replaces only the cause check", () => {
    const edited = check({
      approved_by_person: true,
      proposal: {
        action: "retry_glue_job",
        args: { job_name: "etl_payroll_daily" },
        resource: { type: "glue_job", id: "etl_payroll_daily" },
      },
    });
    expect(edited).toMatchObject({ permitted: false, reason: "not_the_subject" });
  });

  it("refuses an edit whose Glue arguments are neither the failed run's own nor allow-listed (arguments_not_allowed)", () => {
    const own = investigation({
      action_args: { job_name: "etl_orders_daily", arguments: { "--date": "2024-01-15" } },
    });
    const proposal = (args: Record<string, string>) => ({
      action: "retry_glue_job",
      args: { job_name: "etl_orders_daily", arguments: args },
      resource: { type: "glue_job" as const, id: "etl_orders_daily" },
    });
    expect(check({ investigation: own }).permitted).toBe(true);
    expect(check({ investigation: own, proposal: proposal({ "--date": "2024-01-15" }) }).permitted).toBe(true);
    const evil = check({
      investigation: own,
      approved_by_person: true,
      proposal: proposal({ "--date": "2024-01-15", "--extra-py-files": "s3://evil/x.py" }),
    });
    expect(evil).toMatchObject({ permitted: false, reason: "arguments_not_allowed" });
    expect(evil.permitted || evil.message).toContain("--extra-py-files");
    const allowing = config({
      remediation: {
        allow_list: { glue_jobs: ["etl_*"], dags: [], athena_workgroups: [], emr_clusters: [] },
        allowed_arguments: { glue_jobs: ["--date"], dag_conf: [] },
      },
    });
    expect(
      check({ investigation: own, config: allowing, proposal: proposal({ "--date": "2024-01-16" }) }).permitted,
    ).toBe(true);
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
    const cases: [Intent, NonNullable<InvestigationState["resource"]>, MutatingToolName, Record<string, unknown>][] = [
      [
        "glue_etl_failure",
        { type: "glue_job", id: "etl_orders_daily" },
        "retry_glue_job",
        { job_name: "etl_orders_daily" },
      ],
      ["dag_failure", { type: "dag", id: "daily_sales" }, "retry_airflow_dag", { dag_id: "daily_sales" }],
      ["athena_failure", { type: "athena_workgroup", id: "analytics" }, "retry_athena_query", { query_id: "q-1" }],
      ["emr_failure", { type: "emr_cluster", id: "j-ABC" }, "retry_emr", { cluster_id: "j-ABC", step_id: "s-1" }],
    ];
    for (const [intent, resource, action, action_args] of cases) {
      const result = check({
        intent,
        config: ConfigSchema.parse({}),
        investigation: investigation({ recommended_action: action, resource, action_args }),
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

// checkRemediation's review inputs: a reviewer's edited `proposal`, and `approved_by_person`.
describe("checkRemediation with a proposal", () => {
  it("checks the proposal's action and resource instead of the investigation's", () => {
    const proposal = { action: "retry_glue_job", resource: { type: "glue_job" as const, id: "etl_orders_v2" } };
    expect(check({ proposal })).toEqual({ permitted: true, action: "retry_glue_job", resource: proposal.resource });
  });

  it("refuses a proposed resource off the allow-list although the investigation's is on it", () => {
    const proposal = { action: "retry_glue_job", resource: { type: "glue_job" as const, id: "payroll_export" } };
    const result = check({ proposal });
    expect(result).toMatchObject({ permitted: false, reason: "not_allow_listed" });
    expect(result.permitted || result.message).toContain('"payroll_export"');
  });

  it("permits a proposed resource on the allow-list although the investigation's is off it", () => {
    const offList = investigation({ resource: { type: "glue_job", id: "payroll_export" } });
    const proposal = { action: "retry_glue_job", resource: { type: "glue_job" as const, id: "etl_payroll" } };
    expect(check({ investigation: offList, proposal }).permitted).toBe(true);
    expect(check({ investigation: offList }).permitted).toBe(false);
  });

  it("refuses a proposal with no action (no_remediation) although the investigation recommends one", () => {
    const proposal = { action: null, resource: null };
    expect(check({ proposal })).toMatchObject({ permitted: false, reason: "no_remediation" });
  });

  it("refuses a proposal with no resource (not_allow_listed), not falling back to the investigation's", () => {
    const result = check({ proposal: { action: "retry_glue_job", resource: null } });
    expect(result).toMatchObject({ permitted: false, reason: "not_allow_listed" });
    expect(result.permitted || result.message).toContain("no target resource");
  });

  it("applies the playbook, the tool and the resource type to the proposed action", () => {
    const dag = { type: "dag" as const, id: "daily_sales" };
    expect(check({ proposal: { action: "retry_airflow_dag", resource: dag } })).toMatchObject({
      reason: "not_in_playbook",
    });
    expect(check({ proposal: { action: "get_glue_logs", resource: dag } })).toMatchObject({
      reason: "not_a_mutating_tool",
    });
    expect(check({ proposal: { action: "retry_glue_job", resource: dag } })).toMatchObject({
      reason: "not_allow_listed",
    });
    const withoutDagTool = new Set<string>(TOOL_NAMES.filter((name) => name !== "retry_airflow_dag"));
    expect(
      check({
        intent: "batch_auto_recovery_failed",
        available_tools: withoutDagTool,
        proposal: { action: "retry_airflow_dag", resource: dag },
      }),
    ).toMatchObject({ reason: "tool_unavailable" });
  });

  it("permits another playbook remediation proposed in place of the investigation's", () => {
    const dag = { type: "dag" as const, id: "daily_sales" };
    expect(
      check({
        intent: "batch_auto_recovery_failed",
        proposal: { action: "retry_airflow_dag", args: { dag_id: "daily_sales" }, resource: dag },
      }),
    ).toEqual({ permitted: true, action: "retry_airflow_dag", resource: dag });
  });

  it("still counts the budget against a proposal", () => {
    const proposal = { action: "retry_glue_job", resource: { type: "glue_job" as const, id: "etl_orders_v2" } };
    expect(check({ proposal, attempts_used: 2 })).toMatchObject({ permitted: false, reason: "budget_exhausted" });
  });
});

describe("checkRemediation approved by a person", () => {
  it.each(["non_transient", "undetermined", "recovered"] as const)(
    "lets the person's judgement replace the cause check (%s)",
    (cause_kind) => {
      const inv = investigation({ cause_kind });
      expect(check({ investigation: inv })).toMatchObject({ permitted: false, reason: "non_transient_cause" });
      expect(check({ investigation: inv, approved_by_person: false })).toMatchObject({
        reason: "non_transient_cause",
      });
      expect(check({ investigation: inv, approved_by_person: true })).toEqual({
        permitted: true,
        action: "retry_glue_job",
        resource: { type: "glue_job", id: "etl_orders_daily" },
      });
    },
  );

  it("does not lift the allow-list", () => {
    const inv = investigation({ cause_kind: "non_transient", resource: { type: "glue_job", id: "payroll_export" } });
    expect(check({ investigation: inv, approved_by_person: true })).toMatchObject({
      permitted: false,
      reason: "not_allow_listed",
    });
  });

  it("does not lift the budget", () => {
    expect(check({ approved_by_person: true, attempts_used: 2 })).toMatchObject({ reason: "budget_exhausted" });
  });

  it("does not lift the playbook, the tool or the need for a remediation", () => {
    const approved = { approved_by_person: true };
    expect(check({ ...approved, investigation: investigation({ recommended_action: "retry_emr" }) })).toMatchObject({
      reason: "not_in_playbook",
    });
    expect(check({ ...approved, available_tools: new Set<string>(["get_glue_logs"]) })).toMatchObject({
      reason: "tool_unavailable",
    });
    expect(check({ ...approved, investigation: investigation({ recommended_action: null }) })).toMatchObject({
      reason: "no_remediation",
    });
    expect(check({ ...approved, investigation: investigation({ recommended_action: "drop_table" }) })).toMatchObject({
      reason: "not_a_mutating_tool",
    });
  });

  it("applies to an edited proposal too", () => {
    const proposal = { action: "retry_glue_job", resource: { type: "glue_job" as const, id: "etl_orders_v2" } };
    const inv = investigation({ cause_kind: "non_transient" });
    expect(check({ investigation: inv, proposal })).toMatchObject({ reason: "non_transient_cause" });
    expect(check({ investigation: inv, proposal, approved_by_person: true })).toMatchObject({
      permitted: true,
      resource: proposal.resource,
    });
  });
});
