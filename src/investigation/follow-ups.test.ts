import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../config/schema.js";
import { glueJobsInLines, planFollowUps } from "./follow-ups.js";
import { failedDagOutput, failedToolRun, glueOutput, glueRun, toolRun } from "../../test/fixtures/tool-outputs.js";

const config = ConfigSchema.parse({});

describe("glueJobsInLines", () => {
  it("finds Glue jobs named in Airflow task logs, with their run ids", () => {
    expect(
      glueJobsInLines([
        "[2024-01-15, 01:44:00 UTC] {glue.py:200} ERROR - glue job cust_dim_load run jr_0a1b2c failed",
        "Initializing AWS Glue Job: orders_fact. Wait for completion: True",
        "GlueJobOperator(job_name='payments_load')",
        "glue job cust_dim_load failed again",
      ]),
    ).toEqual([
      { job_name: "cust_dim_load", run_id: "jr_0a1b2c" },
      { job_name: "orders_fact", run_id: null },
      { job_name: "payments_load", run_id: null },
    ]);
  });

  it("does not take prose words for names", () => {
    expect(glueJobsInLines(["the glue job run failed", "Glue job failed with status FAILED"])).toEqual([]);
  });
});

describe("planFollowUps", () => {
  it("follows a DAG task log to the Glue job and the s3 partition it names", () => {
    const dag = toolRun(
      "get_mwaa_logs",
      failedDagOutput([
        "ERROR - glue job cust_dim_load run jr_0a1b2c failed",
        "ERROR - could not read s3://datalake-raw/raw/customers/dt=2024-01-15/part-0.parquet",
      ]),
    );
    const calls = planFollowUps({ intent: "dag_failure", config, first_round: [], runs: [dag] });
    expect(calls).toEqual([
      {
        tool: "get_glue_logs",
        args: { job_name: "cust_dim_load", run_id: "jr_0a1b2c" },
        why: expect.stringContaining("names Glue job cust_dim_load run jr_0a1b2c"),
      },
      {
        tool: "verify_source_data",
        args: {
          bucket: "datalake-raw",
          prefix: "raw/customers/",
          partition_key: "dt",
          date: "2024-01-15",
          lookback_days: 7,
        },
        why: expect.stringContaining("s3://datalake-raw/raw/customers/dt=2024-01-15/"),
      },
    ]);
  });

  it("follows a Glue error's s3 path, but not for intents whose playbook lacks verify_source_data", () => {
    const glue = toolRun(
      "get_glue_logs",
      glueOutput([
        glueRun({
          id: "jr_1",
          state: "FAILED",
          error_message: "Path does not exist: s3://bk1/in/ingest_date=2024-01-14/",
        }),
      ]),
    );
    expect(planFollowUps({ intent: "glue_etl_failure", config, first_round: [], runs: [glue] })).toMatchObject([
      {
        tool: "verify_source_data",
        args: { bucket: "bk1", prefix: "in/", partition_key: "ingest_date", date: "2024-01-14" },
      },
    ]);
    expect(planFollowUps({ intent: "emr_failure", config, first_round: [], runs: [glue] })).toEqual([]);
  });

  it("does not repeat a first-round call, ignores failed runs and undated paths", () => {
    const dag = toolRun(
      "get_mwaa_logs",
      failedDagOutput(["glue job cust_dim_load failed", "reading s3://b/x/file.csv"]),
    );
    expect(
      planFollowUps({
        intent: "dag_failure",
        config,
        first_round: [{ tool: "get_glue_logs", args: { job_name: "cust_dim_load" }, why: "" }],
        runs: [dag, failedToolRun("get_glue_logs")],
      }),
    ).toEqual([]);
  });

  it("caps the second round", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `glue job job_${i} failed`);
    expect(
      planFollowUps({
        intent: "dag_failure",
        config,
        first_round: [],
        runs: [toolRun("get_mwaa_logs", failedDagOutput(lines))],
      }),
    ).toHaveLength(4);
  });
});
