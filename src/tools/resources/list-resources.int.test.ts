import { afterEach, describe, expect, it } from "vitest";
import type { ScenarioInput } from "../../sandbox/scenario.js";
import { TOOL_OUTPUT_MAX_CHARS } from "../define.js";
import { MAX_CALLS } from "./list-resources.js";
import { openToolSandbox, type ToolSandbox } from "../../../test/support/sandbox-tools.js";

let box: ToolSandbox | undefined;
afterEach(async () => {
  await box?.close();
  box = undefined;
});

const glueJobs = (count: number, prefix = "etl_job_") =>
  Array.from({ length: count }, (_, i) => ({ name: `${prefix}${String(i).padStart(3, "0")}` }));

const AIRFLOW_DAGS = "GET /api/v1/dags";

describe("list_resources (sandbox)", () => {
  it("lists all 200 Glue jobs of an account, paging ListJobs", async () => {
    const jobs = glueJobs(200);
    box = await openToolSandbox({ glue: { jobs } });
    const out = await box.call("list_resources", { kind: "glue_job" });
    expect(out.resources).toEqual(jobs.map((job) => ({ name: job.name })));
    expect(out).toMatchObject({ kind: "glue_job", truncated: false, calls: 2 });
    expect(box.count("ListJobs")).toBe(2);
  });

  it("stops at max_results, and says more exist", async () => {
    box = await openToolSandbox({ glue: { jobs: glueJobs(200) } });
    const out = await box.call("list_resources", { kind: "glue_job", max_results: 150 });
    expect(out.resources).toHaveLength(150);
    expect(out.resources.at(-1)).toEqual({ name: "etl_job_149" });
    expect(out).toMatchObject({ truncated: true, calls: 2 });
  });

  it("is not truncated when the listing ends exactly at max_results", async () => {
    box = await openToolSandbox({ glue: { jobs: glueJobs(100) } });
    const out = await box.call("list_resources", { kind: "glue_job", max_results: 100 });
    expect(out).toMatchObject({ truncated: false, calls: 1 });
    expect(out.resources).toHaveLength(100);
  });

  it("keeps only what fits in the tool output limit, as valid output marked truncated", async () => {
    const jobs = glueJobs(500, `${"spending_pots_nightly_aggregation_".repeat(2)}`);
    box = await openToolSandbox({ glue: { jobs } });
    const out = await box.call("list_resources", { kind: "glue_job" });
    expect(out.truncated).toBe(true);
    expect(out.resources.length).toBeGreaterThan(100);
    expect(out.resources.length).toBeLessThan(500);
    expect(out.resources).toEqual(jobs.slice(0, out.resources.length).map((job) => ({ name: job.name })));
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(TOOL_OUTPUT_MAX_CHARS);
  });

  it("lists EMR clusters in every state with their id and state", async () => {
    box = await openToolSandbox({
      emr: {
        clusters: [
          { id: "j-LIVE1", name: "nightly-spark", state: "WAITING" },
          { id: "j-GONE1", name: "nightly-spark", state: "TERMINATED_WITH_ERRORS" },
          { id: "j-BOOT1", name: "adhoc", state: "BOOTSTRAPPING" },
        ],
      },
    });
    const out = await box.call("list_resources", { kind: "emr_cluster" });
    expect(out).toEqual({
      kind: "emr_cluster",
      resources: [
        { name: "nightly-spark", id: "j-LIVE1", state: "WAITING" },
        { name: "nightly-spark", id: "j-GONE1", state: "TERMINATED_WITH_ERRORS" },
        { name: "adhoc", id: "j-BOOT1", state: "BOOTSTRAPPING" },
      ],
      truncated: false,
      calls: 1,
    });
  });

  it("lists Athena workgroups: primary and those the account's queries ran in", async () => {
    const execution = (id: string, workgroup?: string) => ({
      id,
      query: "SELECT 1",
      state: "SUCCEEDED" as const,
      submitted: "2026-03-01T00:00:00Z",
      ...(workgroup ? { workgroup } : {}),
    });
    box = await openToolSandbox({
      athena: { executions: [execution("q1", "finance"), execution("q2"), execution("q3", "analytics")] },
    });
    const out = await box.call("list_resources", { kind: "athena_workgroup" });
    expect(out.resources).toEqual([{ name: "primary" }, { name: "analytics" }, { name: "finance" }]);
    expect(out).toMatchObject({ truncated: false, calls: 1 });
  });

  it("lists MWAA environments with their status", async () => {
    box = await openToolSandbox({
      mwaa: { environments: [{ name: "prod-airflow" }, { name: "etl-airflow", status: "UPDATE_FAILED" }] },
    });
    const out = await box.call("list_resources", { kind: "mwaa_environment" });
    expect(out.resources).toEqual([
      { name: "prod-airflow", state: "AVAILABLE" },
      { name: "etl-airflow", state: "UPDATE_FAILED" },
    ]);
    expect(out).toMatchObject({ truncated: false, calls: 3 });
  });

  it("lists each consumer group once, whatever its clusters and topics", async () => {
    const consumer = (cluster_name: string, consumer_group: string, topic: string) => ({
      cluster_name,
      consumer_group,
      topic,
      offset_lag: [1, 2, 3],
    });
    box = await openToolSandbox({
      kafka: {
        consumers: [
          consumer("payments-msk", "ledger-writer", "payments"),
          consumer("payments-msk", "ledger-writer", "refunds"),
          consumer("events-msk", "clickstream-sink", "clicks"),
          consumer("events-msk", "ledger-writer", "payments-mirror"),
        ],
      },
      cloudwatch: {
        metrics: [
          {
            namespace: "AWS/Kafka",
            metric: "BytesInPerSec",
            dimensions: { "Cluster Name": "payments-msk", "Consumer Group": "not-lag" },
            datapoints: [{ timestamp: "2026-03-01T00:00:00Z", value: 1 }],
          },
        ],
      },
    });
    const out = await box.call("list_resources", { kind: "kafka_consumer_group" });
    expect(out.resources).toEqual([{ name: "ledger-writer" }, { name: "clickstream-sink" }]);
    expect(out).toMatchObject({ truncated: false, calls: 1 });
    expect(box.count("ListMetrics")).toBe(1);
  });

  describe("DAGs", () => {
    const dags = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, i) => ({ dag_id: `${prefix}_${String(i).padStart(3, "0")}` }));
    const twoEnvironments: ScenarioInput = {
      mwaa: {
        environments: [
          { name: "prod-airflow", dags: dags(150, "prod") },
          { name: "etl-airflow", dags: [{ dag_id: "spending_pots_etl" }] },
        ],
      },
    };

    it("lists every environment's DAGs with their environment, paging the Airflow API", async () => {
      box = await openToolSandbox(twoEnvironments);
      const out = await box.call("list_resources", { kind: "dag" });
      expect(out.resources).toHaveLength(151);
      expect(out.resources[0]).toEqual({ name: "prod_000", environment: "prod-airflow" });
      expect(out.resources.at(-1)).toEqual({ name: "spending_pots_etl", environment: "etl-airflow" });
      // ListEnvironments, two pages of prod-airflow's DAGs, one of etl-airflow's.
      expect(out).toMatchObject({ truncated: false, calls: 4 });
      expect(box.count(AIRFLOW_DAGS)).toBe(3);
    });

    it("lists one environment's DAGs when it is named, and stops at max_results", async () => {
      box = await openToolSandbox(twoEnvironments);
      const out = await box.call("list_resources", { kind: "dag", environment: "prod-airflow", max_results: 120 });
      expect(out.resources).toHaveLength(120);
      expect(new Set(out.resources.map((dag) => dag.environment))).toEqual(new Set(["prod-airflow"]));
      expect(out).toMatchObject({ truncated: true, calls: 2 });
      expect(box.count("ListEnvironments")).toBe(0);
    });

    it("marks the listing truncated when max_results is reached before the last environment", async () => {
      box = await openToolSandbox(twoEnvironments);
      const out = await box.call("list_resources", { kind: "dag", max_results: 150 });
      expect(out.resources.every((dag) => dag.environment === "prod-airflow")).toBe(true);
      expect(out).toMatchObject({ truncated: true, calls: 3 });
    });

    it("leaves out an environment whose Airflow cannot be read, and says the listing is incomplete", async () => {
      // Three failures: the first read and the Airflow client's two retries of it.
      box = await openToolSandbox({
        ...twoEnvironments,
        faults: [{ service: "airflow", operation: AIRFLOW_DAGS, kind: "server_error", times: 3 }],
      });
      const out = await box.call("list_resources", { kind: "dag" });
      expect(out.resources).toEqual([{ name: "spending_pots_etl", environment: "etl-airflow" }]);
      expect(out.truncated).toBe(true);
    });

    it("answers with a ToolError when the named environment cannot be read", async () => {
      box = await openToolSandbox(twoEnvironments);
      const error = await box.callFailing("list_resources", { kind: "dag", environment: "nope" });
      expect(error.error).toMatchObject({ code: "ResourceNotFoundException", http_status: 404 });
    });

    it("stops at the call limit, and says the listing is incomplete", async () => {
      const environments = Array.from({ length: 60 }, (_, i) => ({
        name: `env-${String(i).padStart(2, "0")}`,
        dags: [{ dag_id: `dag_${i}` }],
      }));
      box = await openToolSandbox({ mwaa: { environments } });
      const out = await box.call("list_resources", { kind: "dag" });
      // Three pages of ListEnvironments (25 a page), then one DAG page per environment while calls last.
      expect(out.calls).toBe(MAX_CALLS);
      expect(out.resources).toHaveLength(MAX_CALLS - 3);
      expect(out.truncated).toBe(true);
    });
  });

  it("refuses max_results outside 1..1000", async () => {
    box = await openToolSandbox({});
    await expect(box.call("list_resources", { kind: "glue_job", max_results: 0 })).rejects.toThrow();
    await expect(box.call("list_resources", { kind: "glue_job", max_results: 1001 })).rejects.toThrow();
  });
});
