import { describe, expect, it } from "vitest";
import { investigation, review } from "../../test/support/state.js";
import { currentProposal, resourceOf } from "./proposal.js";

describe("currentProposal", () => {
  it("is the investigation's recommendation, with its arguments and resource", () => {
    expect(currentProposal(investigation(), [])).toEqual({
      action: "retry_glue_job",
      args: { job_name: "SPENDING_POTS" },
      resource: { type: "glue_job", id: "SPENDING_POTS" },
    });
  });

  it("takes empty arguments when the investigation gives none", () => {
    expect(currentProposal(investigation({ action_args: null }), [])?.args).toEqual({});
  });

  it("is null without an investigation or a recommendation", () => {
    expect(currentProposal(null, [])).toBeNull();
    expect(currentProposal(investigation({ recommended_action: null }), [])).toBeNull();
  });

  it("is the edited action once a reviewer edited one in, with the resource its arguments name", () => {
    const edited = { action: "retry_glue_job", args: { job_name: "SPENDING_POTS_V2" } };
    expect(currentProposal(investigation(), [review({ response: "edit", action: edited })])).toEqual({
      ...edited,
      resource: { type: "glue_job", id: "SPENDING_POTS_V2" },
    });
  });

  it("keeps the edit for the rest of the run, even when later reviews did not edit", () => {
    const edited = { action: "retry_glue_job", args: { job_name: "SPENDING_POTS_V2" } };
    const reviews = [
      review({ response: "edit", action: edited, attempt: 1 }),
      review({ response: "accept", attempt: 2 }),
      review({ response: "response", attempt: null, note: "hmm" }),
    ];
    expect(currentProposal(investigation(), reviews)?.args).toEqual(edited.args);
  });

  it("takes the latest of several edits", () => {
    const first = { action: "retry_glue_job", args: { job_name: "A" } };
    const second = { action: "retry_glue_job", args: { job_name: "B" } };
    const reviews = [review({ response: "edit", action: first }), review({ response: "edit", action: second })];
    expect(currentProposal(investigation(), reviews)?.resource).toEqual({ type: "glue_job", id: "B" });
  });

  it("applies an edit even without an investigation or recommendation", () => {
    const edited = { action: "retry_glue_job", args: { job_name: "A" } };
    expect(currentProposal(null, [review({ response: "edit", action: edited })])?.action).toBe("retry_glue_job");
    const noAction = investigation({ recommended_action: null });
    expect(currentProposal(noAction, [review({ response: "edit", action: edited })])?.action).toBe("retry_glue_job");
  });

  it("ignores accepts and responses that carry no action", () => {
    const reviews = [review({ response: "accept" }), review({ response: "ignore", attempt: null })];
    expect(currentProposal(investigation(), reviews)?.args).toEqual({ job_name: "SPENDING_POTS" });
  });
});

describe("resourceOf", () => {
  it.each([
    ["retry_glue_job", { job_name: "etl_a" }, { type: "glue_job", id: "etl_a" }],
    ["retry_airflow_dag", { environment: "prod", dag_id: "daily" }, { type: "dag", id: "daily" }],
    ["retry_emr", { cluster_id: "j-ABC", step_id: "s-1" }, { type: "emr_cluster", id: "j-ABC" }],
  ] as const)("reads %s's target from its arguments", (action, args, resource) => {
    expect(resourceOf(action, args, null)).toEqual(resource);
  });

  it("is null when the naming argument is missing, empty or not a string", () => {
    expect(resourceOf("retry_glue_job", {}, null)).toBeNull();
    expect(resourceOf("retry_glue_job", { job_name: "" }, null)).toBeNull();
    expect(resourceOf("retry_glue_job", { job_name: 42 }, null)).toBeNull();
    expect(resourceOf("retry_airflow_dag", { environment: "prod" }, null)).toBeNull();
    expect(resourceOf("retry_emr", { step_id: "s-1" }, null)).toBeNull();
  });

  it("is null for anything that is not a remediation", () => {
    expect(resourceOf("get_glue_logs", { job_name: "etl_a" }, null)).toBeNull();
    expect(resourceOf("close_ticket", {}, null)).toBeNull();
  });

  describe("an Athena query", () => {
    const athena = investigation({
      recommended_action: "retry_athena_query",
      action_args: { query_id: "q-1" },
      resource: { type: "athena_workgroup", id: "analytics" },
    });

    it("keeps the investigation's workgroup for the same query", () => {
      expect(resourceOf("retry_athena_query", { query_id: "q-1" }, athena)).toEqual({
        type: "athena_workgroup",
        id: "analytics",
      });
    });

    it("has no resource for another query, or without an investigation", () => {
      expect(resourceOf("retry_athena_query", { query_id: "q-2" }, athena)).toBeNull();
      expect(resourceOf("retry_athena_query", { query_id: "q-1" }, null)).toBeNull();
      expect(resourceOf("retry_athena_query", {}, athena)).toBeNull();
    });

    it("has no resource when the investigation's resource is not a workgroup", () => {
      const wrong = investigation({ action_args: { query_id: "q-1" }, resource: { type: "glue_job", id: "x" } });
      expect(resourceOf("retry_athena_query", { query_id: "q-1" }, wrong)).toBeNull();
      const none = investigation({ action_args: { query_id: "q-1" }, resource: null });
      expect(resourceOf("retry_athena_query", { query_id: "q-1" }, none)).toBeNull();
    });

    it("has no resource when neither names a query", () => {
      const noArgs = investigation({ action_args: null, resource: { type: "athena_workgroup", id: "analytics" } });
      expect(resourceOf("retry_athena_query", {}, noArgs)).toBeNull();
    });
  });
});
