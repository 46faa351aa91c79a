import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../config/schema.js";
import type { Entities } from "../state/classification.js";
import type { Intent } from "../state/intents.js";
import { isReadOnlyTool } from "../tools/catalog.js";
import { TOOL_BY_NAME } from "../tools/catalog.js";
import { planInvestigation, planInvestigationWithReasons, referenceDate } from "./playbooks.js";

const config = ConfigSchema.parse({});
const incident = { sys_id: "INC1", short_description: "x", opened_at: "2024-01-15 08:30:00" };
const now = new Date("2030-06-01T12:00:00Z");

function plan(intent: Intent, entities: Entities, extra: Partial<typeof incident> = {}) {
  return planInvestigationWithReasons({ intent, entities, incident: { ...incident, ...extra }, config, now });
}

const everything: Entities = {
  glue_job_name: "cust_dim_load",
  glue_run_id: "jr_abc",
  dag_id: "customer_daily",
  dag_run_id: "scheduled__2024-01-15",
  mwaa_environment: "prod-airflow",
  athena_query_id: "q-1",
  athena_workgroup: "reporting",
  s3_bucket: "datalake-raw",
  s3_prefix: "raw/payments/",
  emr_cluster_id: "j-ABC123",
  emr_step_id: "s-XYZ",
  alarm_name: "customer_daily-failed",
  kafka_cluster: "events-msk",
  kafka_consumer_group: "payments-consumer",
  kafka_topic: "payments",
};

describe("planInvestigation", () => {
  it("builds the DAG playbook: last runs + error logs, the Glue job, the upstream files", () => {
    const { calls } = plan("dag_failure", everything);
    expect(calls.map((call) => call.tool)).toEqual(["get_mwaa_logs", "get_glue_logs", "verify_source_data"]);
    expect(calls[0]?.args).toEqual({
      environment: "prod-airflow",
      dag_id: "customer_daily",
      dag_run_id: "scheduled__2024-01-15",
    });
    expect(calls[1]?.args).toEqual({ job_name: "cust_dim_load", run_id: "jr_abc" });
    expect(calls[2]?.args).toEqual({
      bucket: "datalake-raw",
      prefix: "raw/payments/",
      partition_key: "dt",
      date: "2024-01-15",
      lookback_days: 7,
    });
    for (const call of calls) expect(call.why.length).toBeGreaterThan(10);
  });

  it("lists the partitions under the ticket's own partition key", () => {
    const { calls } = plan("data_missing", {
      s3_bucket: "acme-raw",
      s3_prefix: "clickstream/",
      s3_partition_key: "ds",
      partition_date: "2025-09-07",
    });
    expect(calls[0]?.args).toMatchObject({ prefix: "clickstream/", partition_key: "ds", date: "2025-09-07" });
  });

  it("reads Kafka lag over a window around the incident, never past now", () => {
    const kafka = { kafka_cluster: "events-msk", kafka_consumer_group: "payments-consumer", kafka_topic: "payments" };
    expect(plan("kafka_events_failed", kafka).calls[0]?.args).toMatchObject({
      cluster_name: "events-msk",
      end_time: "2024-01-15T09:30:00.000Z",
      period_minutes: 120,
    });
    const fresh = planInvestigationWithReasons({
      intent: "kafka_events_failed",
      entities: kafka,
      incident: { ...incident, opened_at: "2030-06-01 11:45:00" },
      config,
      now,
    });
    expect(fresh.calls[0]?.args).toMatchObject({ end_time: now.toISOString() });
    const undated = plan("kafka_events_failed", kafka, { opened_at: undefined });
    expect(undated.calls[0]?.args).not.toHaveProperty("end_time");
  });

  it("never plans a mutating tool, and only tools of the intent's playbook", () => {
    for (const intent of Object.keys(config.intent_tools) as Intent[]) {
      const calls = planInvestigation({ intent, entities: everything, incident, config, now });
      for (const call of calls) {
        expect(isReadOnlyTool(call.tool)).toBe(true);
        expect(config.intent_tools[intent]).toContain(call.tool);
      }
    }
  });

  it("produces arguments every tool's input schema accepts", () => {
    for (const intent of Object.keys(config.intent_tools) as Intent[]) {
      for (const call of planInvestigation({ intent, entities: everything, incident, config, now })) {
        expect(TOOL_BY_NAME[call.tool].input.safeParse(call.args).success, `${intent} ${call.tool}`).toBe(true);
      }
    }
  });

  it("follows a configured playbook", () => {
    const custom = ConfigSchema.parse({ intent_tools: { glue_etl_failure: ["get_glue_logs", "retry_glue_job"] } });
    const calls = planInvestigation({
      intent: "glue_etl_failure",
      entities: everything,
      incident,
      config: custom,
      now,
    });
    expect(calls.map((call) => call.tool)).toEqual(["get_glue_logs"]);
  });

  it("skips tools whose identifiers are missing, and says which", () => {
    const { calls, skipped } = plan("dag_failure", { dag_id: "customer_daily" });
    expect(calls).toEqual([]);
    expect(skipped).toEqual([
      { tool: "get_mwaa_logs", missing: "mwaa_environment" },
      { tool: "get_glue_logs", missing: "glue_job_name" },
      { tool: "verify_source_data", missing: "s3_bucket and s3_prefix" },
    ]);
    expect(plan("glue_etl_failure", { s3_bucket: "b" }).calls).toEqual([]);
    expect(plan("emr_failure", {}).skipped).toEqual([{ tool: "get_emr_logs", missing: "emr_cluster_id" }]);
    expect(plan("kafka_events_failed", { kafka_cluster: "c" }).calls).toEqual([]);
  });

  it("calls get_athena_query without an id: the workgroup's latest failure", () => {
    expect(plan("athena_failure", {}).calls).toEqual([
      { tool: "get_athena_query", args: {}, why: expect.stringContaining("workgroup primary") },
    ]);
    expect(plan("athena_failure", { athena_workgroup: "reporting" }).calls[0]?.args).toEqual({
      workgroup: "reporting",
    });
    expect(plan("athena_failure", { athena_query_id: "q-9" }).calls[0]?.args).toEqual({
      query_id: "q-9",
      history: true,
    });
  });

  it("finds an alarm by DAG or dataset prefix only for dag_alarm and data_not_available", () => {
    expect(plan("dag_alarm", { dag_id: "customer_daily" }).calls[0]).toMatchObject({
      tool: "get_cloudwatch_alarm",
      args: { alarm_name_prefix: "customer_daily" },
    });
    expect(plan("data_not_available", { s3_prefix: "curated/sales/dt=2024-01-15/" }).calls[0]?.args).toEqual({
      alarm_name_prefix: "sales",
    });
    expect(plan("mwaa_failure", { dag_id: "customer_daily" }).skipped).toContainEqual({
      tool: "get_cloudwatch_alarm",
      missing: "alarm_name",
    });
    expect(plan("kafka_events_failed", { alarm_name: "lag-high" }).calls[0]?.args).toEqual({ alarm_name: "lag-high" });
  });

  it("looks back 30 days for historical gaps and 7 otherwise", () => {
    const entities = { s3_bucket: "datalake-raw", s3_prefix: "raw/payments/" };
    expect(plan("source_zero_data", entities).calls[0]?.args.lookback_days).toBe(30);
    expect(plan("data_missing", entities).calls[0]?.args.lookback_days).toBe(7);
  });

  it("splits a partition out of the prefix and uses its day", () => {
    const { calls } = plan("data_missing", {
      s3_bucket: "datalake-raw",
      s3_prefix: "raw/payments/ingest_date=2024-01-10/",
    });
    expect(calls[0]?.args).toMatchObject({ prefix: "raw/payments/", partition_key: "ingest_date", date: "2024-01-10" });
    expect(calls[1]).toMatchObject({ tool: "get_s3_logs", args: { bucket: "datalake-raw", prefix: "raw/payments/" } });
  });

  it("plans nothing for access_denied and unknown", () => {
    expect(plan("access_denied", everything)).toMatchObject({ calls: [], skipped: [] });
    expect(plan("unknown", everything)).toMatchObject({ calls: [], skipped: [] });
  });
});

describe("referenceDate", () => {
  it("prefers the partition date, normalised", () => {
    expect(referenceDate({ partition_date: "2024-02-29" }, incident, now)).toBe("2024-02-29");
    expect(referenceDate({ partition_date: "20240301" }, incident, now)).toBe("2024-03-01");
    expect(referenceDate({ partition_date: "2024/03/02" }, incident, now)).toBe("2024-03-02");
  });

  it("falls back to the UTC day the incident was opened, then today", () => {
    expect(referenceDate({}, incident, now)).toBe("2024-01-15");
    expect(referenceDate({ partition_date: "2023-02-30" }, incident, now)).toBe("2024-01-15");
    expect(referenceDate({}, { ...incident, opened_at: "2024-01-15T23:30:00-05:00" }, now)).toBe("2024-01-16");
    expect(referenceDate({}, { ...incident, opened_at: "2024-01-15T01:00:00Z" }, now)).toBe("2024-01-15");
    expect(referenceDate({}, { sys_id: "x", short_description: "y" }, now)).toBe("2030-06-01");
    expect(referenceDate({}, { ...incident, opened_at: "yesterday" }, now)).toBe("2030-06-01");
  });
});
