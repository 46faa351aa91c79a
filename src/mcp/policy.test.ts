import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../config/load.js";
import { MUTATING_TOOLS, type MutatingToolName } from "../tools/catalog.js";
import { decideMutation, serverBudget, targetOf, type MutationDecisionInput } from "./policy.js";

const config = resolveConfig({
  remediation: {
    allow_list: { glue_jobs: ["etl_*"], dags: ["daily_*"], athena_workgroups: ["analytics"], emr_clusters: ["j-OK"] },
    allowed_arguments: { glue_jobs: ["--date"] },
  },
});
const dryRun = resolveConfig({ ...config, remediation: { ...config.remediation, dry_run: true } });
const KEY = "k".repeat(32);
/** The workgroup the server read for a query (an Athena re-run names none itself). */
const workgroup = (id: string) => ({ type: "athena_workgroup" as const, id });

function input(tool: MutatingToolName, args: Record<string, unknown>, extra: Partial<MutationDecisionInput> = {}) {
  const athena = tool === "retry_athena_query" ? workgroup("analytics") : null;
  return { tool, args, target: targetOf(tool, args, athena), starts: 0, repeat: false, ...extra };
}

const glue = (jobName: string, args?: Record<string, string>) => ({
  job_name: jobName,
  idempotency_key: KEY,
  ...(args ? { arguments: args } : {}),
});

describe("targetOf", () => {
  it("names each tool's resource by the allow-list that governs it", () => {
    expect(targetOf("retry_glue_job", { job_name: "j" }, null)).toEqual({ type: "glue_job", id: "j" });
    expect(targetOf("retry_airflow_dag", { dag_id: "d", environment: "e" }, null)).toEqual({ type: "dag", id: "d" });
    expect(targetOf("retry_emr", { cluster_id: "j-1", step_id: "s" }, null)).toEqual({
      type: "emr_cluster",
      id: "j-1",
    });
    // An Athena re-run names a query; its target is the workgroup the server read for it.
    expect(targetOf("retry_athena_query", { query_id: "q" }, workgroup("wg"))).toEqual({
      type: "athena_workgroup",
      id: "wg",
    });
    expect(targetOf("retry_athena_query", { query_id: "q" }, null)).toBeNull();
  });
});

describe("serverBudget", () => {
  it("is the largest budget of any intent whose playbook has the tool", () => {
    const defaults = resolveConfig({});
    // retry_glue_job: glue_etl_failure 2, batch_auto_recovery_failed 1.
    expect(serverBudget("retry_glue_job", defaults)).toBe(2);
    expect(serverBudget("retry_airflow_dag", defaults)).toBe(3);
    const raised = resolveConfig({ remediation: { budgets: { batch_auto_recovery_failed: 5 } } });
    expect(serverBudget("retry_glue_job", raised)).toBe(5);
  });

  it("is 0 when no playbook has the tool", () => {
    const none = resolveConfig({ intent_tools: { emr_failure: ["get_emr_logs"] } });
    expect(serverBudget("retry_emr", none)).toBe(0);
  });
});

describe("decideMutation", () => {
  it("permits an allow-listed target within budget", () => {
    expect(decideMutation(input("retry_glue_job", glue("etl_orders")), config)).toEqual({
      permitted: true,
      resource: { type: "glue_job", id: "etl_orders" },
    });
  });

  it.each([
    ["retry_glue_job", glue("payroll"), "remediation.allow_list.glue_jobs"],
    [
      "retry_airflow_dag",
      { environment: "e", dag_id: "hourly_x", idempotency_key: KEY },
      "remediation.allow_list.dags",
    ],
    ["retry_emr", { cluster_id: "j-OTHER", step_id: "s", idempotency_key: KEY }, "remediation.allow_list.emr_clusters"],
  ] as const)("refuses %s on a target off the allow-list, naming the list", (tool, args, list) => {
    const verdict = decideMutation(input(tool, args), config);
    expect(verdict).toMatchObject({ permitted: false, code: "PolicyRefused", reason: "not_allow_listed" });
    expect(verdict.permitted === false && verdict.message).toContain(list);
    expect(verdict.permitted === false && verdict.message).toMatch(new RegExp(`^${tool} refused: `));
  });

  it("refuses an Athena re-run whose workgroup is off the list, or unknown", () => {
    const args = { query_id: "q", idempotency_key: KEY };
    const other = decideMutation(
      { ...input("retry_athena_query", args), target: targetOf("retry_athena_query", args, workgroup("adhoc")) },
      config,
    );
    expect(other).toMatchObject({ permitted: false, reason: "not_allow_listed" });
    const unknown = decideMutation(
      {
        ...input("retry_athena_query", args),
        target: null,
        target_unknown_reason: "InvalidRequestException: no such query",
      },
      config,
    );
    expect(unknown).toMatchObject({ permitted: false, code: "PolicyRefused", reason: "unknown_target" });
    expect(unknown.permitted === false && unknown.message).toMatch(
      /no such query.*remediation\.allow_list\.athena_workgroups/,
    );
    expect(decideMutation(input("retry_athena_query", args), config).permitted).toBe(true);
  });

  it("refuses arguments outside the argument policy, and permits a run's own", () => {
    const evil = glue("etl_orders", { "--extra-py-files": "s3://evil/x.py" });
    expect(decideMutation(input("retry_glue_job", evil), config)).toMatchObject({
      permitted: false,
      reason: "arguments",
    });
    const own = { "--run_date": "2026-11-22", "--source_path": "s3://raw/" };
    const rerun = input("retry_glue_job", glue("etl_orders", own), { own_run_arguments: [own] });
    expect(decideMutation(rerun, config).permitted).toBe(true);
    expect(decideMutation(input("retry_glue_job", glue("etl_orders", { "--date": "x" })), config).permitted).toBe(true);
    const conf = { environment: "e", dag_id: "daily_x", idempotency_key: KEY, conf: { rerun_of: "r", cmd: "rm" } };
    expect(decideMutation(input("retry_airflow_dag", conf), config)).toMatchObject({ reason: "arguments" });
  });

  it("checks the allow-list before the arguments, and both before the budget", () => {
    const offListEvil = glue("payroll", { "--extra-py-files": "s3://evil/x.py" });
    expect(decideMutation(input("retry_glue_job", offListEvil, { starts: 99 }), config)).toMatchObject({
      reason: "not_allow_listed",
    });
    const evil = glue("etl_orders", { "--extra-py-files": "s3://evil/x.py" });
    expect(decideMutation(input("retry_glue_job", evil, { starts: 99 }), config)).toMatchObject({
      reason: "arguments",
    });
  });

  it("refuses beyond the budget, except a repeat of a counted key (which starts nothing new)", () => {
    const budget = serverBudget("retry_glue_job", config);
    expect(decideMutation(input("retry_glue_job", glue("etl_orders"), { starts: budget - 1 }), config).permitted).toBe(
      true,
    );
    const over = decideMutation(input("retry_glue_job", glue("etl_orders"), { starts: budget }), config);
    expect(over).toMatchObject({ permitted: false, code: "PolicyRefused", reason: "budget_exhausted" });
    expect(over.permitted === false && over.message).toContain(`${budget} of ${budget} start(s)`);
    expect(over.permitted === false && over.message).toContain("remediation.budgets");
    const repeat = input("retry_glue_job", glue("etl_orders"), { starts: budget, repeat: true });
    expect(decideMutation(repeat, config).permitted).toBe(true);
  });

  it("in dry-run, permits nothing and says what would have started", () => {
    const verdict = decideMutation(input("retry_glue_job", glue("etl_orders", { "--date": "2026-11-22" })), dryRun);
    expect(verdict).toMatchObject({ permitted: false, code: "DryRun", reason: "dry_run" });
    expect(verdict.permitted === false && verdict.message).toBe(
      'dry run (remediation.dry_run): retry_glue_job would have started on glue_job "etl_orders" with {"job_name":"etl_orders","arguments":{"--date":"2026-11-22"}}; nothing was started.',
    );
    // A call the policy refuses anyway is reported as refused, not as a dry run.
    expect(decideMutation(input("retry_glue_job", glue("payroll")), dryRun)).toMatchObject({ code: "PolicyRefused" });
  });

  it("never permits a target off the allow-list, whatever the other facts (property)", () => {
    const tool = fc.constantFrom(...MUTATING_TOOLS);
    const id = fc.constantFrom("etl_a", "daily_b", "j-OK", "analytics", "payroll", "j-OTHER", "etl", "");
    fc.assert(
      fc.property(tool, id, fc.nat(5), fc.boolean(), fc.boolean(), (name, resource, starts, repeat, dry) => {
        const args = { job_name: resource, dag_id: resource, cluster_id: resource, query_id: "q", environment: "e" };
        const verdict = decideMutation(
          { tool: name, args, target: targetOf(name, args, resource ? workgroup(resource) : null), starts, repeat },
          dry ? dryRun : config,
        );
        const lists = config.remediation.allow_list;
        const allowListed = {
          retry_glue_job: resource.startsWith("etl_"),
          retry_airflow_dag: resource.startsWith("daily_"),
          retry_emr: lists.emr_clusters.includes(resource),
          retry_athena_query: lists.athena_workgroups.includes(resource),
        }[name];
        if (!allowListed) expect(verdict).toMatchObject({ permitted: false, code: "PolicyRefused" });
        if (dry) expect(verdict.permitted).toBe(false);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
