import { describe, expect, it } from "vitest";
import { review } from "../../test/support/state.js";
import { ApprovalConfigSchema, type ApprovalConfig } from "../config/schema.js";
import { approvalOf, requiresApproval } from "./approval.js";

const approval = (input: Partial<ApprovalConfig> = {}): ApprovalConfig => ApprovalConfigSchema.parse(input);
const glueJob = (id: string) => ({ type: "glue_job" as const, id });

describe("requiresApproval", () => {
  it("requires nothing by default", () => {
    expect(requiresApproval(approval(), "glue_etl_failure", glueJob("etl_orders"))).toBe(false);
    expect(requiresApproval(approval(), "dag_failure", null)).toBe(false);
  });

  it("requires approval for every remediation of a listed intent, with or without a resource", () => {
    const config = approval({ intents: ["glue_etl_failure"] });
    expect(requiresApproval(config, "glue_etl_failure", glueJob("etl_orders"))).toBe(true);
    expect(requiresApproval(config, "glue_etl_failure", null)).toBe(true);
    expect(requiresApproval(config, "dag_failure", { type: "dag", id: "daily" })).toBe(false);
  });

  it("requires approval for a resource matching a glob of its own type's list", () => {
    const config = approval({
      resources: { glue_jobs: ["finance_*"], dags: ["payroll"], athena_workgroups: [], emr_clusters: ["j-PROD*"] },
    });
    expect(requiresApproval(config, "glue_etl_failure", glueJob("finance_ledger"))).toBe(true);
    expect(requiresApproval(config, "glue_etl_failure", glueJob("marketing_ledger"))).toBe(false);
    expect(requiresApproval(config, "dag_failure", { type: "dag", id: "payroll" })).toBe(true);
    expect(requiresApproval(config, "dag_failure", { type: "dag", id: "payroll_v2" })).toBe(false);
    expect(requiresApproval(config, "emr_failure", { type: "emr_cluster", id: "j-PROD42" })).toBe(true);
    expect(requiresApproval(config, "glue_etl_failure", null)).toBe(false);
  });

  it("matches a resource only against its own type's list", () => {
    const config = approval({
      resources: { glue_jobs: [], dags: ["finance_*"], athena_workgroups: [], emr_clusters: [] },
    });
    expect(requiresApproval(config, "glue_etl_failure", glueJob("finance_ledger"))).toBe(false);
  });

  it("matches case-sensitively and the whole name", () => {
    const config = approval({
      resources: { glue_jobs: ["finance_*"], dags: [], athena_workgroups: [], emr_clusters: [] },
    });
    expect(requiresApproval(config, "glue_etl_failure", glueJob("FINANCE_ledger"))).toBe(false);
    expect(requiresApproval(config, "glue_etl_failure", glueJob("x_finance_ledger"))).toBe(false);
  });
});

describe("approvalOf", () => {
  it("finds the accept or edit that approved the attempt", () => {
    const accept = review({ response: "accept", attempt: 2 });
    expect(approvalOf([accept], 2)).toBe(accept);
    const edit = review({
      response: "edit",
      attempt: 3,
      action: { action: "retry_glue_job", args: { job_name: "A" } },
    });
    expect(approvalOf([accept, edit], 3)).toBe(edit);
  });

  it("is undefined for another attempt, or with no reviews", () => {
    expect(approvalOf([review({ attempt: 1 })], 2)).toBeUndefined();
    expect(approvalOf([], 1)).toBeUndefined();
  });

  it("does not count a review that approved nothing", () => {
    const closing = review({ response: "accept", attempt: null });
    const note = review({ response: "response", attempt: null, note: "no" });
    const ignored = review({ response: "ignore", attempt: null });
    expect(approvalOf([closing, note, ignored], 1)).toBeUndefined();
  });

  it("does not count a response or ignore even if it carried the attempt number", () => {
    expect(approvalOf([review({ response: "response", attempt: 1, note: "x" })], 1)).toBeUndefined();
    expect(approvalOf([review({ response: "ignore", attempt: 1 })], 1)).toBeUndefined();
  });

  it("takes the latest approval of the attempt", () => {
    const first = review({ attempt: 1, reviewer: "alice" });
    const second = review({ attempt: 1, reviewer: "bob" });
    expect(approvalOf([first, second], 1)?.reviewer).toBe("bob");
  });
});
