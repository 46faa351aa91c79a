import { describe, expect, it } from "vitest";
import { checkSubjectBinding } from "../remediations/catalog.js";
import { subjectTarget } from "./binding.js";
import type { Subject } from "./subject.js";

const subject = (named: Subject["named"], mentioned: Subject["mentioned"] = []): Subject => ({ named, mentioned });
const glue = { type: "glue_job" as const, id: "orders_daily" };

describe("subjectTarget", () => {
  it("is the one resource the subject fields name; a mention is never a target", () => {
    expect(subjectTarget(subject([{ ...glue, source: "short_description" }]), "glue_job")).toEqual({
      kind: "one",
      id: "orders_daily",
    });
    expect(subjectTarget(subject([], [{ ...glue, source: "description" }]), "glue_job")).toEqual({ kind: "none" });
    expect(subjectTarget(subject([]), "glue_job")).toEqual({ kind: "none" });
  });

  it("is ambiguous when two different resources of the kind are named", () => {
    const two = subject([
      { ...glue, source: "short_description" },
      { type: "glue_job", id: "orders_hourly", source: "cmdb_ci" },
    ]);
    expect(subjectTarget(two, "glue_job")).toEqual({ kind: "ambiguous", ids: ["orders_daily", "orders_hourly"] });
  });
});

describe("checkSubjectBinding", () => {
  const about = subject(
    [
      { ...glue, source: "short_description" },
      { type: "emr_cluster", id: "j-1", source: "alert" },
      { type: "emr_step", id: "s-1", source: "alert" },
    ],
    [{ type: "glue_job", id: "payroll", source: "description" }],
  );

  it("binds a re-run of the subject, and nothing else", () => {
    expect(checkSubjectBinding(about, "retry_glue_job", { job_name: "orders_daily" }, glue)).toEqual({ bound: true });
    expect(checkSubjectBinding(about, "retry_glue_job", { job_name: "payroll" }, glue)).toMatchObject({
      bound: false,
      message: expect.stringContaining('the incident is about Glue job "orders_daily"'),
    });
  });

  it("binds an EMR re-run to the ticket's step as well as its cluster", () => {
    const cluster = { type: "emr_cluster" as const, id: "j-1" };
    expect(checkSubjectBinding(about, "retry_emr", { cluster_id: "j-1", step_id: "s-1" }, cluster).bound).toBe(true);
    expect(checkSubjectBinding(about, "retry_emr", { cluster_id: "j-1", step_id: "s-2" }, cluster).bound).toBe(false);
    expect(checkSubjectBinding(about, "retry_emr", { cluster_id: "j-2", step_id: "s-1" }, cluster).bound).toBe(false);
  });

  it("binds an Athena re-run by the ticket's query id, else by its workgroup", () => {
    const workgroup = { type: "athena_workgroup" as const, id: "analytics" };
    const byId = subject([{ type: "athena_query", id: "q-1", source: "short_description" }]);
    expect(checkSubjectBinding(byId, "retry_athena_query", { query_id: "q-1" }, workgroup).bound).toBe(true);
    expect(checkSubjectBinding(byId, "retry_athena_query", { query_id: "q-2" }, workgroup).bound).toBe(false);
    const byWorkgroup = subject([{ type: "athena_workgroup", id: "analytics", source: "short_description" }]);
    expect(checkSubjectBinding(byWorkgroup, "retry_athena_query", { query_id: "q-9" }, workgroup).bound).toBe(true);
    expect(checkSubjectBinding(subject([]), "retry_athena_query", { query_id: "q-9" }, workgroup)).toMatchObject({
      bound: false,
      message: expect.stringContaining("name no Athena workgroup"),
    });
  });

  it("binds a DAG re-trigger to the ticket's DAG", () => {
    const dag = subject([{ type: "dag", id: "daily_sales", source: "short_description" }]);
    const resource = { type: "dag" as const, id: "daily_sales" };
    expect(checkSubjectBinding(dag, "retry_airflow_dag", { dag_id: "daily_sales" }, resource).bound).toBe(true);
    expect(checkSubjectBinding(dag, "retry_airflow_dag", { dag_id: "other" }, resource).bound).toBe(false);
  });
});
