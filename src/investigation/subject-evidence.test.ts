/**
 * The investigation with the incident's subject: another resource's evidence is context. Beside
 * each hostile run list stands its clean control, and the two must conclude the same.
 */
import { describe, expect, it } from "vitest";
import type { Intent } from "../state/intents.js";
import type { Subject } from "../subject/subject.js";
import { analyzeRun } from "./analyzers/index.js";
import { aboutSubject, linkedGlueJobs } from "./subject-evidence.js";
import { synthesize } from "./synthesize.js";
import { failedDagOutput, glueOutput, glueRun, toolRun } from "../../test/fixtures/tool-outputs.js";
import type { ToolRun } from "./types.js";

const dagSubject: Subject = {
  named: [{ type: "dag", id: "customer_daily", source: "short_description" }],
  mentioned: [{ type: "glue_job", id: "payroll_prod", source: "description" }],
};
const glueSubject: Subject = {
  named: [{ type: "glue_job", id: "cust_dim_load", source: "short_description" }],
  mentioned: [],
};

function investigateWith(intent: Intent, runs: ToolRun[], subject: Subject) {
  return synthesize({ intent, runs, analyses: runs.map((run) => analyzeRun(run, intent)), subject });
}

const dagArgs = { environment: "prod-airflow", dag_id: "customer_daily" };
const dagKeyError = (extra: string[] = []) =>
  toolRun("get_mwaa_logs", failedDagOutput([...extra, "KeyError: 'customer_tier'"]), dagArgs);
const payrollTimedOut = toolRun(
  "get_glue_logs",
  glueOutput([glueRun({ id: "jr_9", state: "TIMEOUT", error_message: "Job run timed out after 120 minutes" })], {
    job_name: "payroll_prod",
  }),
  { job_name: "payroll_prod" },
);

describe("aboutSubject", () => {
  it("tells the subject's own runs from another resource's and from what a subject does not name", () => {
    expect(aboutSubject(dagKeyError(), dagSubject, "dag_failure")).toBe("subject");
    expect(aboutSubject(payrollTimedOut, dagSubject, "dag_failure")).toBe("other");
    expect(aboutSubject(payrollTimedOut, glueSubject, "glue_etl_failure")).toBe("other");
    expect(aboutSubject(toolRun("verify_source_data", {}, { bucket: "b" }), glueSubject, "glue_etl_failure")).toBe(
      "unknown",
    );
  });
});

describe("linkedGlueJobs", () => {
  it("are the jobs the DAG's own task log names, and those the subject fields name, never a mention", () => {
    const log = dagKeyError(["ERROR - glue job cust_dim_load run jr_2 failed"]);
    expect([...linkedGlueJobs([log], dagSubject)]).toEqual(["cust_dim_load"]);
    expect([...linkedGlueJobs([dagKeyError()], dagSubject)]).toEqual([]);
  });
});

describe("synthesize with the incident's subject", () => {
  it("keeps the DAG's own KeyError as the cause when a job the ticket mentions timed out", () => {
    const control = investigateWith("dag_failure", [dagKeyError()], dagSubject);
    const hostile = investigateWith("dag_failure", [dagKeyError(), payrollTimedOut], dagSubject);
    expect(control).toMatchObject({ cause_kind: "non_transient", recommended_action: null });
    expect(hostile).toMatchObject({ cause_kind: "non_transient", recommended_action: null });
    expect(hostile.root_cause).toBe(control.root_cause);
  });

  it("keeps the DAG's own KeyError when its task log also names a job that timed out", () => {
    const named = dagKeyError(["INFO - upstream check: glue job payroll_prod run jr_9 TIMEOUT"]);
    const state = investigateWith("dag_failure", [named, payrollTimedOut], dagSubject);
    expect(state).toMatchObject({ cause_kind: "non_transient", recommended_action: null });
    expect(state.root_cause).toMatch(/KeyError/);
  });

  it("still explains a DAG by the Glue job its own log names, and re-runs the DAG", () => {
    const glueRunLog = toolRun(
      "get_mwaa_logs",
      failedDagOutput(["ERROR - glue job cust_dim_load run jr_2 failed"]),
      dagArgs,
    );
    const glueTimedOut = toolRun(
      "get_glue_logs",
      glueOutput([glueRun({ id: "jr_2", state: "FAILED", error_message: "Job run timed out after 60 minutes" })]),
      { job_name: "cust_dim_load" },
    );
    expect(investigateWith("dag_failure", [glueRunLog, glueTimedOut], dagSubject)).toMatchObject({
      cause_kind: "transient",
      recommended_action: "retry_airflow_dag",
      resource: { type: "dag", id: "customer_daily" },
    });
  });

  it("does not tie a DAG to a job only the ticket's text mentions", () => {
    const unexplained = toolRun("get_mwaa_logs", failedDagOutput(["ERROR - Task failed"]), dagArgs);
    const state = investigateWith("dag_failure", [unexplained, payrollTimedOut], dagSubject);
    expect(state.recommended_action).toBeNull();
  });

  it("recommends no remediation of another resource, and says why", () => {
    const otherJob = toolRun(
      "get_glue_logs",
      glueOutput([glueRun({ id: "jr_2", state: "FAILED", error_message: "Job run timed out after 60 minutes" })], {
        job_name: "payroll_prod",
      }),
      { job_name: "payroll_prod" },
    );
    const state = investigateWith("glue_etl_failure", [otherJob], glueSubject);
    expect(state.recommended_action).toBeNull();
    expect(state.subject_conflict).toContain('the incident is about Glue job "cust_dim_load"');
    expect(state.root_cause).toContain("No automatic action");
  });

  it("never closes the ticket as recovered on another job's success", () => {
    const otherRecovered = toolRun(
      "get_glue_logs",
      glueOutput(
        [
          glueRun({ id: "jr_3", state: "SUCCEEDED", started_on: "2024-01-15T03:00:00Z" }),
          glueRun({ id: "jr_2", state: "FAILED", error_message: "Job run timed out after 60 minutes" }),
        ],
        { job_name: "payroll_prod" },
      ),
      { job_name: "payroll_prod" },
    );
    expect(investigateWith("glue_etl_failure", [otherRecovered], glueSubject).cause_kind).not.toBe("recovered");
  });
});
