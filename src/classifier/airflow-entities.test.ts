import { describe, expect, it } from "vitest";
import { extractAirflowEntities } from "./airflow-entities.js";

describe("extractAirflowEntities: MWAA environment", () => {
  it.each([
    ["Airflow alert for orders_hourly\nEnvironment: analytics-airflow-2 (MWAA, eu-west-1)", "analytics-airflow-2"],
    ["DAG orders_hourly (env prod-mwaa-eu) failed", "prod-mwaa-eu"],
    ["DAG orders_hourly (environment analytics-env-1) failed", "analytics-env-1"],
    ["Airflow DAG orders_hourly on analytics-airflow failed", "analytics-airflow"],
    ["orders_hourly failed in mwaa-analytics-eu overnight", "mwaa-analytics-eu"],
    [
      "MetricNamespace: AmazonMWAA\nDimensions: [Environment = analytics-env-1] [DAG = orders_hourly]",
      "analytics-env-1",
    ],
    ["alert_source=mwaa-callback\nenvironment=analytics-env-1", "analytics-env-1"],
    ["environment_name=analytics-env-1", "analytics-env-1"],
    ["MWAA env: analytics-env-1 scheduler heartbeat missing", "analytics-env-1"],
    ["Airflow environment: analytics-env-1 is slow", "analytics-env-1"],
    ["MWAA environment name: analytics-env-1", "analytics-env-1"],
    ["DAG orders_hourly failed\nconfiguration item: MWAA - analytics-env-1", "analytics-env-1"],
    ["see airflow-analytics-env-1-Task for the task logs", "analytics-env-1"],
  ])("finds the environment in %j", (text, environment) => {
    expect(extractAirflowEntities(text).mwaa_environment).toBe(environment);
  });

  it.each([
    // A deployment stage is not an environment name.
    "Airflow DAG orders_hourly failed. Environment: Production",
    "Airflow DAG orders_hourly failed. Environment: prod",
    "Airflow DAG orders_hourly failed. Environment: pre-prod",
    // "on X" counts only when the name says Airflow.
    "DAG orders_hourly failed on prod-eu-1",
    // Not a name, or a file rather than an environment.
    "it runs on airflow and broke in airflow_local_settings.py",
    "Airflow: scheduler down",
    "MWAA - environment update failed",
    // "Environment: X" outside an Airflow ticket is some other environment.
    "Glue job orders_load failed. Environment: eu-data-1",
  ])("takes no environment from %j", (text) => {
    expect(extractAirflowEntities(text).mwaa_environment).toBeUndefined();
  });
});

describe("extractAirflowEntities: DAG, task and run", () => {
  it("reads labelled DAG, task and run (colon, equals and Python dict reprs)", () => {
    const expected = {
      dag_id: "orders_hourly",
      task_id: "load_orders",
      dag_run_id: "manual__2026-01-01T00:00:00+00:00",
    };
    expect(
      extractAirflowEntities("DAG: orders_hourly  Task: load_orders  Run: manual__2026-01-01T00:00:00+00:00"),
    ).toEqual(expected);
    expect(
      extractAirflowEntities(
        "{'DAG Id': 'orders_hourly', 'Task Id': 'load_orders', 'Run Id': 'manual__2026-01-01T00:00:00+00:00'}",
      ),
    ).toEqual(expected);
    expect(extractAirflowEntities("Dimensions: [DAG = orders_hourly]").dag_id).toBe("orders_hourly");
  });

  it("takes what runs on the MWAA environment for the DAG", () => {
    expect(
      extractAirflowEntities("Batch: orders_hourly on analytics-airflow   Glue job: orders_load", ["orders_load"]),
    ).toMatchObject({ dag_id: "orders_hourly", mwaa_environment: "analytics-airflow" });
    expect(extractAirflowEntities("orders_hourly in MWAA environment analytics-env-1 is stuck").dag_id).toBe(
      "orders_hourly",
    );
  });

  it("does not take a task or a Glue job on the environment for the DAG", () => {
    expect(extractAirflowEntities("task load_orders on analytics-airflow failed")).toEqual({
      task_id: "load_orders",
      mwaa_environment: "analytics-airflow",
    });
    expect(
      extractAirflowEntities("Glue job: orders_load on analytics-airflow failed", ["orders_load"]).dag_id,
    ).toBeUndefined();
  });

  it("takes a snake_case name that timed out or failed for the task of a known DAG", () => {
    expect(extractAirflowEntities("DAG orders_hourly failed: check_orders_file timed out after 2h")).toEqual({
      dag_id: "orders_hourly",
      task_id: "check_orders_file",
    });
    expect(extractAirflowEntities("Airflow DAG orders_hourly: load_orders has failed").task_id).toBe("load_orders");
  });

  it("does not take the DAG, the Glue job or a name without a DAG for the task", () => {
    expect(extractAirflowEntities("DAG orders_hourly failed; orders_hourly failed again").task_id).toBeUndefined();
    expect(
      extractAirflowEntities("DAG orders_hourly failed; orders_load failed with OOM", ["orders_load"]).task_id,
    ).toBeUndefined();
    expect(extractAirflowEntities("the upstream_sensor timed out")).toEqual({});
    expect(extractAirflowEntities("DAG orders_hourly failed, the Sensor timed out").task_id).toBeUndefined();
  });
});

describe("extractAirflowEntities: cost", () => {
  it.each([
    ["snake_case runs", "a_".repeat(10_000)],
    ["names on an environment", `airflow ${"DAG x_y on prod-data-airflow ".repeat(700)}`],
    ["failure verbs", "dag d_1 ".concat("t_1 timed out on analytics-airflow ".repeat(550))],
    ["environment keys", `mwaa ${"environment=".repeat(1_600)}`],
  ])("stays linear on %s", (_label, text) => {
    const started = performance.now();
    extractAirflowEntities(text.slice(0, 20_000));
    expect(performance.now() - started).toBeLessThan(250);
  });
});
