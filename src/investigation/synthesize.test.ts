import { describe, expect, it } from "vitest";
import { InvestigationStateSchema } from "../state/investigation.js";
import type { Intent } from "../state/intents.js";
import { analyzeRun } from "./analyzers/index.js";
import { synthesize } from "./synthesize.js";
import {
  failedDagOutput,
  failedToolRun,
  glueOutput,
  glueRun,
  partition,
  toolRun,
  verifyOutput,
} from "../../test/fixtures/tool-outputs.js";
import type { ToolRun } from "./types.js";

function run(intent: Intent, runs: ToolRun[]) {
  const state = synthesize({ intent, runs, analyses: runs.map((r) => analyzeRun(r, intent)) });
  return InvestigationStateSchema.parse(state);
}

const glueTimeout = toolRun(
  "get_glue_logs",
  glueOutput([glueRun({ id: "jr_2", state: "FAILED", error_message: "Job run timed out after 60 minutes" })]),
);
const glueMissingFile = toolRun(
  "get_glue_logs",
  glueOutput([
    glueRun({
      id: "jr_2",
      state: "FAILED",
      completed_on: "2024-01-15T02:30:00Z",
      error_message: "AnalysisException: Path does not exist: s3://datalake-raw/raw/payments/dt=2024-01-15/",
    }),
  ]),
);
const dataPresent = (lastModified: string) =>
  toolRun(
    "verify_source_data",
    verifyOutput({
      partitions: [partition("2024-01-13"), partition("2024-01-14"), partition("2024-01-15", 3, 3000, lastModified)],
    }),
    { partition_key: "dt" },
  );
const dataMissing = toolRun(
  "verify_source_data",
  verifyOutput({ partitions: [partition("2024-01-13"), partition("2024-01-14")], missing_dates: ["2024-01-15"] }),
);

describe("synthesize", () => {
  it("keeps one finding per run, with errors as { error }", () => {
    const state = run("glue_etl_failure", [glueTimeout, failedToolRun("verify_source_data", "InternalError", "503")]);
    expect(state.findings).toHaveLength(2);
    expect(state.findings[0]).toMatchObject({ tool: "get_glue_logs", result: { job_name: "cust_dim_load" } });
    expect(state.findings[1]).toEqual({
      tool: "verify_source_data",
      result: { error: { code: "InternalError", message: "503" } },
      summary: "verify_source_data failed: InternalError: 503",
    });
  });

  it("recommends the primary remediation for a transient cause", () => {
    const state = run("glue_etl_failure", [glueTimeout]);
    expect(state).toMatchObject({
      cause_kind: "transient",
      retry_recommended: true,
      recommended_action: "retry_glue_job",
      action_args: { job_name: "cust_dim_load" },
      resource: { type: "glue_job", id: "cust_dim_load" },
      evidence_score: 0.9,
    });
    expect(state.root_cause).toContain("timed out after 60 minutes");
  });

  it("scores by the formula: lead + corroboration − contradiction − failed calls", () => {
    // Lead: Glue timeout 0.9. Contradicting: S3 missing data (non-transient) −0.1.
    expect(run("glue_etl_failure", [glueTimeout, dataMissing]).evidence_score).toBe(0.8);
    // S3 presence (recovered) neither corroborates nor contradicts a transient failure.
    expect(run("glue_etl_failure", [glueTimeout, dataPresent("2024-01-15T01:00:00Z")]).evidence_score).toBe(0.9);
    // Corroboration: missing data seen by the job and by S3: 0.9 + 0.1.
    const glueNoSuchKey = toolRun(
      "get_glue_logs",
      glueOutput([glueRun({ id: "jr_2", state: "FAILED", error_message: "NoSuchKey: raw/payments/x" })]),
    );
    expect(run("glue_etl_failure", [glueNoSuchKey, dataMissing]).evidence_score).toBe(1);
    // A failed primary call costs 0.2, another failed call 0.1.
    expect(run("glue_etl_failure", [glueTimeout, failedToolRun("verify_source_data")]).evidence_score).toBe(0.8);
    expect(run("dag_failure", [failedToolRun("get_mwaa_logs"), glueTimeout]).evidence_score).toBe(0.7);
  });

  it("never gets high evidence from errors: all failed → 0, nothing ran → 0", () => {
    const failed = run("glue_etl_failure", [failedToolRun("get_glue_logs"), failedToolRun("verify_source_data")]);
    expect(failed).toMatchObject({ evidence_score: 0, cause_kind: "undetermined", recommended_action: null });
    expect(failed.root_cause).toBe(
      "No conclusive evidence: every diagnostic call failed (get_glue_logs: ServiceUnavailable; verify_source_data: ServiceUnavailable)",
    );
    expect(run("access_denied", [])).toMatchObject({
      evidence_score: 0,
      root_cause: "No investigation for access_denied: its playbook has no diagnostic tools",
    });
  });

  it("explains an investigation that could not call anything", () => {
    const state = synthesize({
      intent: "glue_etl_failure",
      runs: [],
      analyses: [],
      skipped: [{ tool: "get_glue_logs", missing: "glue_job_name" }],
    });
    expect(state.root_cause).toBe(
      "No conclusive evidence: no diagnostic call could be made for glue_etl_failure (get_glue_logs needs glue_job_name)",
    );
  });

  it("says no conclusive evidence when nothing concluded a cause, with a capped score", () => {
    const state = run("glue_etl_failure", [
      toolRun("get_glue_logs", glueOutput([glueRun({ id: "jr_1", state: "RUNNING" })])),
    ]);
    expect(state.root_cause).toMatch(/^No conclusive evidence: Glue job cust_dim_load: no failed run/);
    expect(state.evidence_score).toBe(0.3);
    expect(state.cause_kind).toBe("undetermined");
  });

  it("is recovered when the primary tool saw a later success, with no remediation", () => {
    const recovered = toolRun(
      "get_glue_logs",
      glueOutput([
        glueRun({ id: "jr_3", state: "SUCCEEDED", completed_on: "2024-01-15T05:00:00Z" }),
        glueRun({ id: "jr_2", state: "FAILED", error_message: "Rate exceeded" }),
      ]),
    );
    expect(run("glue_etl_failure", [recovered])).toMatchObject({
      cause_kind: "recovered",
      retry_recommended: false,
      recommended_action: null,
      evidence_score: 0.9,
    });
  });

  it("is not recovered when a later failure follows the recovery", () => {
    const dagRecovered = toolRun(
      "get_mwaa_logs",
      failedDagOutput([], {
        runs: [
          {
            dag_run_id: "manual__1",
            state: "success",
            logical_date: null,
            start_date: null,
            end_date: "2024-01-15T02:00:00Z",
          },
          {
            dag_run_id: "scheduled__2024-01-15",
            state: "failed",
            logical_date: null,
            start_date: null,
            end_date: "2024-01-15T01:45:00Z",
          },
        ],
      }),
    );
    const glueLater = toolRun(
      "get_glue_logs",
      glueOutput([
        glueRun({ id: "jr_9", state: "FAILED", completed_on: "2024-01-15T03:00:00Z", error_message: "Rate exceeded" }),
      ]),
    );
    expect(run("dag_failure", [dagRecovered]).cause_kind).toBe("recovered");
    expect(run("dag_failure", [dagRecovered, glueLater]).cause_kind).not.toBe("recovered");
  });

  it("never concludes recovered from a non-primary tool", () => {
    const running = toolRun("get_glue_logs", glueOutput([glueRun({ id: "jr_1", state: "RUNNING" })]));
    const state = run("glue_etl_failure", [running, dataPresent("2024-01-15T04:00:00Z")]);
    expect(state.cause_kind).toBe("undetermined");
    expect(state.root_cause).toMatch(/^No conclusive evidence: /);
  });

  it("explains a DAG failure by its Glue job's failure, remedied by re-running the DAG", () => {
    const dag = toolRun("get_mwaa_logs", failedDagOutput(["ERROR - glue job cust_dim_load run jr_2 failed"]));
    const state = run("dag_failure", [dag, glueTimeout]);
    expect(state).toMatchObject({
      cause_kind: "transient",
      recommended_action: "retry_airflow_dag",
      action_args: {
        environment: "prod-airflow",
        dag_id: "customer_daily",
        conf: { rerun_of: "scheduled__2024-01-15", rerun_logical_date: "2024-01-15T00:00:00Z" },
      },
      resource: { type: "dag", id: "customer_daily" },
      retry_recommended: true,
      evidence_score: 1,
    });
    expect(state.root_cause).toContain("its Glue job failed: Glue job cust_dim_load run jr_2 FAILED");

    const glueCodeBug = toolRun(
      "get_glue_logs",
      glueOutput([glueRun({ id: "jr_2", state: "FAILED", error_message: "NameError: name 'df' is not defined" })]),
    );
    expect(run("dag_failure", [dag, glueCodeBug])).toMatchObject({
      cause_kind: "non_transient",
      recommended_action: null,
    });
  });

  it("turns a failure on a file that has since arrived into a transient late file with a re-run", () => {
    const state = run("glue_etl_failure", [glueMissingFile, dataPresent("2024-01-15T04:00:00Z")]);
    expect(state).toMatchObject({
      cause_kind: "transient",
      retry_recommended: true,
      recommended_action: "retry_glue_job",
      resource: { type: "glue_job", id: "cust_dim_load" },
      evidence_score: 1,
    });
    expect(state.root_cause).toContain("the upstream data has since arrived");
  });

  it("keeps missing source data non-transient when the file is still missing or arrived before the failure", () => {
    expect(run("glue_etl_failure", [glueMissingFile, dataMissing])).toMatchObject({
      cause_kind: "non_transient",
      recommended_action: null,
    });
    expect(run("glue_etl_failure", [glueMissingFile, dataPresent("2024-01-15T01:00:00Z")]).cause_kind).toBe(
      "non_transient",
    );
  });

  it("treats a sensor timeout on data that is still missing as missing source data", () => {
    const sensor = toolRun(
      "get_mwaa_logs",
      failedDagOutput(["ERROR - S3KeySensor: Sensor has timed out; run duration of 3600 seconds exceeded"]),
    );
    expect(run("dag_failure", [sensor]).cause_kind).toBe("transient");
    const state = run("dag_failure", [sensor, dataMissing]);
    expect(state).toMatchObject({ cause_kind: "non_transient", recommended_action: null });
    expect(state.root_cause).toContain("the data it waits for is still missing: No objects under");
  });

  it("applies the late file to a DAG whose Glue job read a missing file", () => {
    const dag = toolRun("get_mwaa_logs", failedDagOutput(["ERROR - glue job cust_dim_load failed"]));
    const state = run("dag_failure", [dag, glueMissingFile, dataPresent("2024-01-15T04:00:00Z")]);
    expect(state).toMatchObject({ cause_kind: "transient", recommended_action: "retry_airflow_dag" });
  });

  it("does not recommend a remediation outside the intent's playbook", () => {
    const state = synthesize({
      intent: "glue_etl_failure",
      runs: [glueTimeout],
      analyses: [analyzeRun(glueTimeout)],
      intent_tools: ["get_glue_logs"],
    });
    expect(state).toMatchObject({ cause_kind: "transient", retry_recommended: false, recommended_action: null });
  });

  it("says data is present for data_missing: recovered", () => {
    const state = run("data_missing", [dataPresent("2024-01-15T04:00:00Z")]);
    expect(state).toMatchObject({ cause_kind: "recovered", recommended_action: null, evidence_score: 0.8 });
  });

  it("picks the primary tool on a strength tie", () => {
    const missing = toolRun(
      "verify_source_data",
      verifyOutput({ partitions: [partition("2024-01-15")], missing_dates: ["2024-01-13"] }),
    ); // 0.7
    const alarmLike = toolRun("get_s3_logs", {
      bucket: "b",
      prefix: "p/",
      objects: [],
      truncated: false,
      read_key: null,
      content_excerpt: [],
    });
    const state = run("data_missing", [alarmLike, missing]);
    expect(state.root_cause).toContain("No objects under s3://datalake-raw/raw/payments/dt=");
  });
});
