import { describe, expect, it } from "vitest";
import { dagRun, failedDagOutput, mwaaOutput } from "../../../test/fixtures/tool-outputs.js";
import { analyzeMwaaLogs } from "./airflow.js";

describe("analyzeMwaaLogs", () => {
  it("classifies a zombie task as transient and recommends re-running the DAG run", () => {
    const result = analyzeMwaaLogs(
      failedDagOutput([
        "[2024-01-15, 01:40:00 UTC] {taskinstance.py:1234} INFO - Running task",
        "[2024-01-15, 01:45:00 UTC] {scheduler_job.py:999} ERROR - Task instance detected as zombie",
      ]),
    );
    expect(result).toMatchObject({
      cause_kind: "transient",
      cause_label: "task killed",
      strength: 0.9,
      failed_at: "2024-01-15T01:45:00Z",
      remediation: {
        action: "retry_airflow_dag",
        args: {
          environment: "prod-airflow",
          dag_id: "customer_daily",
          conf: { rerun_of: "scheduled__2024-01-15", rerun_logical_date: "2024-01-15T00:00:00Z" },
        },
        resource: { type: "dag", id: "customer_daily" },
      },
    });
    expect(result.root_cause).toContain(
      "DAG customer_daily run scheduled__2024-01-15 failed at 2024-01-15T01:45:00Z: task load_customers failed",
    );
  });

  it("gives no remediation for a code error", () => {
    const result = analyzeMwaaLogs(failedDagOutput(["Traceback (most recent call last):", "KeyError: 'customer_id'"]));
    expect(result).toMatchObject({ cause_kind: "non_transient", cause_label: "code error", remediation: null });
    expect(result.root_cause).toContain("KeyError: 'customer_id'");
  });

  it("is undetermined with an unrecognised error line, and weaker without any log", () => {
    expect(analyzeMwaaLogs(failedDagOutput(["ERROR - something unusual failed"]))).toMatchObject({
      cause_kind: "undetermined",
      strength: 0.6,
    });
    expect(analyzeMwaaLogs(failedDagOutput([]))).toMatchObject({ cause_kind: "undetermined", strength: 0.4 });
  });

  it("says recovered when a newer DAG run succeeded", () => {
    const result = analyzeMwaaLogs(
      failedDagOutput(["SIGTERM"], {
        runs: [
          dagRun({ dag_run_id: "manual__1", state: "success", end_date: "2024-01-15T05:00:00Z" }),
          dagRun({ dag_run_id: "scheduled__2024-01-15", state: "failed" }),
        ],
      }),
    );
    expect(result).toMatchObject({
      cause_kind: "recovered",
      recovered: true,
      remediation: null,
      succeeded_at: "2024-01-15T05:00:00Z",
    });
    expect(result.root_cause).toContain("but a later run manual__1 succeeded at 2024-01-15T05:00:00Z");
  });

  it("reports an unhealthy environment as non-transient with no remediation", () => {
    const result = analyzeMwaaLogs(
      failedDagOutput(["SIGTERM"], {
        environment: {
          name: "prod-airflow",
          status: "UPDATE_FAILED",
          last_update_status: "FAILED",
          last_update_error: "requirements.txt: could not install apache-airflow-providers-foo",
        },
      }),
    );
    expect(result).toMatchObject({
      cause_kind: "non_transient",
      cause_label: "environment unhealthy",
      remediation: null,
    });
    expect(result.root_cause).toContain(
      "MWAA environment prod-airflow is UPDATE_FAILED; last update FAILED: requirements.txt",
    );
    const available = analyzeMwaaLogs(
      mwaaOutput({
        dag: null,
        environment: { name: "e", status: "AVAILABLE", last_update_status: "FAILED", last_update_error: null },
      }),
    );
    expect(available.cause_label).toBe("environment unhealthy");
  });

  it("does not re-run a paused DAG", () => {
    const result = analyzeMwaaLogs(
      failedDagOutput(["SIGTERM"], { dag: { dag_id: "customer_daily", is_paused: true } }),
    );
    expect(result).toMatchObject({ cause_kind: "transient", remediation: null });
    expect(result.summary).toContain("the DAG is paused");
  });

  it("handles a healthy environment without a DAG, a DAG without runs, and all-successful runs", () => {
    expect(analyzeMwaaLogs(mwaaOutput({ dag: null }))).toMatchObject({ cause_kind: "undetermined", root_cause: null });
    expect(analyzeMwaaLogs(mwaaOutput())).toMatchObject({ strength: 0.1, root_cause: null });
    expect(analyzeMwaaLogs(mwaaOutput({ runs: [dagRun({ dag_run_id: "r", state: "success" })] }))).toMatchObject({
      cause_kind: "recovered",
      strength: 0.3,
    });
  });
});
