import { describe, expect, it } from "vitest";
import { extractEntities, splitS3Key } from "./entities.js";

const RUN_ID = "jr_4f1c2a9b8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b";
const QUERY_ID = "5d1c7e2a-9b3f-4c1d-8e6a-2f4b6c8d0e1a";

describe("extractEntities: Glue", () => {
  it.each([
    ["Job SPENDING_POTS has failed Glue ETL failure", "SPENDING_POTS"],
    ["Glue job daily_sales_etl failed", "daily_sales_etl"],
    ["glue job 'cust-dim-load' timed out", "cust-dim-load"],
    ["JobName: cust-dim-load, JobRunState: FAILED", "cust-dim-load"],
    ["alert glue_job=payments_curated state=TIMEOUT", "payments_curated"],
    ['{"jobName": "orders_v2"}', "orders_v2"],
    ["Glue job run failed for job_name=ledger-load", "ledger-load"],
    ["The AWS Glue ETL job named SPENDING_POTS failed.", "SPENDING_POTS"],
    ["Batch: orders_hourly   Glue job: orders_v2_load", "orders_v2_load"],
    ["configuration item: Glue Job - orders_v2_load", "orders_v2_load"],
    [`orders_v2_load glue run ${RUN_ID} failed - resource unavailable`, "orders_v2_load"],
    ["orders-v2-load AWS Glue job failed overnight", "orders-v2-load"],
    ["JobName=orders_v2_load, JobRunState=FAILED", "orders_v2_load"],
    ["job_name: orders_v2_load", "orders_v2_load"],
    [`glue inventory_snapshot ${RUN_ID} TIMEOUT again. rerun pls`, "inventory_snapshot"],
    [`inventory_snapshot run ${RUN_ID} failed`, "inventory_snapshot"],
  ])("finds the job name in %j", (text, name) => {
    expect(extractEntities(text).glue_job_name).toBe(name);
  });

  it("never takes a prose word for a job name", () => {
    expect(extractEntities("Glue job failed again").glue_job_name).toBeUndefined();
    expect(extractEntities("Glue job run has failed").glue_job_name).toBeUndefined();
    expect(extractEntities("The nightly job has failed").glue_job_name).toBeUndefined();
    expect(extractEntities("the pre-prod glue job failed").glue_job_name).toBeUndefined();
    expect(extractEntities("nightly glue run failed").glue_job_name).toBeUndefined();
    expect(extractEntities("Glue job-level metrics look odd").glue_job_name).toBeUndefined();
    expect(extractEntities("Glue job: failed again").glue_job_name).toBeUndefined();
    expect(extractEntities(`JobRunId: ${RUN_ID}`).glue_job_name).toBeUndefined();
    expect(extractEntities(`the failed run ${RUN_ID}`).glue_job_name).toBeUndefined();
  });

  it("does not take an EMR or Spark job for a Glue job", () => {
    expect(extractEntities("EMR job risk_calc has failed").glue_job_name).toBeUndefined();
    expect(extractEntities("Spark job risk_calc failed").glue_job_name).toBeUndefined();
  });

  it("finds the run id", () => {
    expect(extractEntities(`JobRunId: ${RUN_ID} FAILED`).glue_run_id).toBe(RUN_ID);
    expect(extractEntities("run jr_abc failed").glue_run_id).toBeUndefined();
  });
});

describe("extractEntities: Airflow and MWAA", () => {
  it("reads an Airflow alert", () => {
    expect(
      extractEntities(
        "Airflow alert: dag_id=daily_sales_etl, task_id=load_to_redshift, run_id=scheduled__2026-11-23T00:00:00+00:00",
      ),
    ).toEqual({
      dag_id: "daily_sales_etl",
      task_id: "load_to_redshift",
      dag_run_id: "scheduled__2026-11-23T00:00:00+00:00",
    });
  });

  it("reads prose and reprs", () => {
    expect(extractEntities("DAG daily_sales_etl task load_to_redshift failed")).toEqual({
      dag_id: "daily_sales_etl",
      task_id: "load_to_redshift",
    });
    expect(extractEntities("the marketing_attribution DAG is stuck").dag_id).toBe("marketing_attribution");
    expect(
      extractEntities("<DagRun finance_close @ 2026-11-23 00:00:00+00:00: manual__2026-11-23T01:02:03>").dag_id,
    ).toBe("finance_close");
    expect(
      extractEntities("<TaskInstance: daily_sales.group.load scheduled__2026-11-23T00:00:00+00:00 [failed]>"),
    ).toMatchObject({
      dag_id: "daily_sales",
      task_id: "group.load",
      dag_run_id: "scheduled__2026-11-23T00:00:00+00:00",
    });
  });

  it("does not take 'DAG failed' or 'task instance' for ids", () => {
    expect(extractEntities("DAG failed, task failed")).toEqual({});
    expect(extractEntities("the upstream DAG is late")).toEqual({});
  });

  it("does not take a Glue run id for a DAG run id", () => {
    expect(extractEntities(`run_id=${RUN_ID}`)).toEqual({ glue_run_id: RUN_ID });
  });

  it.each([
    ["MWAA env prod-airflow-2 scheduler heartbeat missing", "prod-airflow-2"],
    ["MWAA environment analytics-airflow is UPDATE_FAILED", "analytics-airflow"],
    ["EnvironmentName: prod-airflow-2", "prod-airflow-2"],
    ["arn:aws:airflow:us-east-1:123456789012:environment/prod-airflow-2", "prod-airflow-2"],
    ["Airflow on environment prod-airflow-2 is slow", "prod-airflow-2"],
  ])("finds the MWAA environment in %j", (text, environment) => {
    expect(extractEntities(text).mwaa_environment).toBe(environment);
  });

  it("does not read 'environment X' as MWAA outside an Airflow ticket", () => {
    expect(extractEntities("deployed to environment prod-eu-1").mwaa_environment).toBeUndefined();
    expect(extractEntities("MWAA environment is unhealthy").mwaa_environment).toBeUndefined();
  });
});

describe("extractEntities: Athena", () => {
  it("reads an Athena failure", () => {
    expect(
      extractEntities(
        `QueryExecutionId: ${QUERY_ID.toUpperCase()}\nState: FAILED\nStateChangeReason: HIVE_BAD_DATA: Error parsing field value\nWorkGroup: analytics`,
      ),
    ).toEqual({ athena_query_id: QUERY_ID, athena_error_code: "HIVE_BAD_DATA", athena_workgroup: "analytics" });
  });

  it("takes a bare UUID only near the word query", () => {
    expect(extractEntities(`Athena query ${QUERY_ID} failed`).athena_query_id).toBe(QUERY_ID);
    expect(extractEntities(`request ${QUERY_ID} from the load balancer`).athena_query_id).toBeUndefined();
  });

  it.each([
    ["HIVE_PARTITION_SCHEMA_MISMATCH: mismatch", "HIVE_PARTITION_SCHEMA_MISMATCH"],
    ["syntax_error at line 1", "SYNTAX_ERROR"],
    ["TABLE_NOT_FOUND: Table sales.orders does not exist", "TABLE_NOT_FOUND"],
    ["Athena: Query exhausted resources at this scale factor", "EXHAUSTED_RESOURCES"],
    ["Athena query timed out after 30 minutes", "QUERY_TIMEOUT"],
  ])("finds the error code in %j", (text, code) => {
    expect(extractEntities(text).athena_error_code).toBe(code);
  });

  it("labels timeouts only in an Athena ticket", () => {
    expect(extractEntities("Redshift query timed out").athena_error_code).toBeUndefined();
  });

  it.each([
    ["in the primary workgroup", "primary"],
    ["workgroup adhoc-wg", "adhoc-wg"],
    ["work_group=reporting", "reporting"],
  ])("finds the workgroup in %j", (text, workgroup) => {
    expect(extractEntities(text).athena_workgroup).toBe(workgroup);
  });
});

describe("extractEntities: S3 and partitions", () => {
  it("splits an object URI into bucket, dataset prefix and partition date", () => {
    expect(extractEntities("missing s3://lake-raw/payments/dt=2026-11-23/part-0.parquet")).toEqual({
      s3_bucket: "lake-raw",
      s3_prefix: "payments/",
      partition_date: "2026-11-23",
    });
  });

  it("keeps multi-level prefixes and ends them with a slash", () => {
    expect(extractEntities("No files in s3://landing-zone/vendor/rates/.")).toEqual({
      s3_bucket: "landing-zone",
      s3_prefix: "vendor/rates/",
    });
  });

  it("reads a bucket-only URI and an S3 ARN", () => {
    expect(extractEntities("AccessDenied on s3://lake-curated")).toEqual({ s3_bucket: "lake-curated" });
    expect(extractEntities("on resource: arn:aws:s3:::lake-raw/customers/part-0.parquet")).toEqual({
      s3_bucket: "lake-raw",
      s3_prefix: "customers/",
    });
    expect(extractEntities("bucket=lake-curated key=x")).toEqual({ s3_bucket: "lake-curated" });
  });

  it.each([
    ["Missing partition dt=2026-11-23 for table raw.payments", "2026-11-23"],
    ["data for 2026-11-23 not loaded", "2026-11-23"],
    ["business date 2026-11-23", "2026-11-23"],
    ["s3://lake/events/year=2026/month=11/day=3/", "2026-11-03"],
    ["s3://lake/events/2026/11/23/file.csv", "2026-11-23"],
  ])("finds the partition date in %j", (text, date) => {
    expect(extractEntities(text).partition_date).toBe(date);
  });

  it("does not take timestamps, impossible dates or other formats for partition dates", () => {
    expect(extractEntities("run_id=scheduled__2026-11-23T00:00:00+00:00").partition_date).toBeUndefined();
    expect(extractEntities("failed for 2026-11-23T05:00:00Z").partition_date).toBeUndefined();
    expect(extractEntities("dt=2026-02-30").partition_date).toBeUndefined();
    expect(extractEntities("business date 23/11/2026").partition_date).toBeUndefined();
  });

  it("splitS3Key cuts at the first partition segment and drops file names", () => {
    expect(splitS3Key("payments/dt=2026-11-23/part-0.parquet")).toEqual({
      prefix: "payments/",
      partitionDate: "2026-11-23",
      partitionKey: "dt",
    });
    expect(splitS3Key("a/b/region=eu/dt=2026-11-23/")).toEqual({
      prefix: "a/b/",
      partitionDate: "2026-11-23",
      partitionKey: "dt",
    });
    expect(splitS3Key("a/b")).toEqual({ prefix: "a/b/", partitionDate: undefined, partitionKey: undefined });
    expect(splitS3Key("file.csv")).toEqual({ prefix: undefined, partitionDate: undefined, partitionKey: undefined });
  });
});

describe("extractEntities: EMR, alarms, Kafka, logs", () => {
  it("finds EMR cluster and step ids", () => {
    expect(extractEntities("Step s-3KXXXXXXXXXX1 failed on cluster j-1K48XXXXXXHCB")).toEqual({
      emr_cluster_id: "j-1K48XXXXXXHCB",
      emr_step_id: "s-3KXXXXXXXXXX1",
    });
    expect(extractEntities("j-1 and s-abc are not ids")).toEqual({});
  });

  it.each([
    ['ALARM: "mwaa-dag-sla-breach-daily_sales" in US East (N. Virginia)', "mwaa-dag-sla-breach-daily_sales"],
    ["AlarmName: daily-sales-dag-duration", "daily-sales-dag-duration"],
    ["CloudWatch alarm daily-sales-dag-duration state changed to ALARM", "daily-sales-dag-duration"],
    ['your Amazon CloudWatch Alarm "airflow-dag-failed-orders" in the US East', "airflow-dag-failed-orders"],
    [
      "Alarm: orders-autorecovery-exhausted-orders_hourly\nManual intervention required.",
      "orders-autorecovery-exhausted-orders_hourly",
    ],
    ["Alarm Name: orders freshness breach", "orders freshness breach"],
    ['AlarmName: "orders-freshness-breach"', "orders-freshness-breach"],
    ["Alarm Details:\n- Name: orders-freshness-breach\n- Description: freshness", "orders-freshness-breach"],
    ["Alarm orders-freshness-breach is still firing", "orders-freshness-breach"],
    ["the heartbeat alarm prod-airflow-scheduler-low is also firing", "prod-airflow-scheduler-low"],
    ["CloudWatch Alarm: orders_sla_2", "orders_sla_2"],
  ])("finds the alarm name in %j", (text, name) => {
    expect(extractEntities(text).alarm_name).toBe(name);
  });

  it.each([
    "Alarm: OK",
    "Alarm: state changed to ALARM",
    "Alarm: High CPU on prod",
    "the alarm re-fired twice",
    "State Change: OK -> ALARM",
  ])("takes no alarm name from %j", (text) => {
    expect(extractEntities(text).alarm_name).toBeUndefined();
  });

  it("reads Kafka cluster, topic and consumer group", () => {
    expect(
      extractEntities(
        "MaxOffsetLag high for consumer group payments-sink on topic payments.events.v1 (arn:aws:kafka:us-east-1:123456789012:cluster/prod-msk/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-2)",
      ),
    ).toEqual({ kafka_cluster: "prod-msk", kafka_topic: "payments.events.v1", kafka_consumer_group: "payments-sink" });
    expect(extractEntities("group.id=crm-sync topic=customer.updates")).toEqual({
      kafka_consumer_group: "crm-sync",
      kafka_topic: "customer.updates",
    });
    expect(extractEntities("MSK cluster: prod-msk-events").kafka_cluster).toBe("prod-msk-events");
    expect(extractEntities("the clickstream.raw topic lags")).toEqual({ kafka_topic: "clickstream.raw" });
    expect(extractEntities("topic lag is growing").kafka_topic).toBeUndefined();
  });

  it.each([
    [
      "Kafka consumer lag rising\nCluster: events-msk-01   Topic: orders.v1   Consumer group: orders-sink",
      { kafka_cluster: "events-msk-01", kafka_topic: "orders.v1", kafka_consumer_group: "orders-sink" },
    ],
    [
      "AWS/Kafka SumOffsetLag [Cluster Name = analytics-msk-eu] [Consumer Group = orders-sink] [Topic = orders.v1]",
      { kafka_cluster: "analytics-msk-eu", kafka_topic: "orders.v1", kafka_consumer_group: "orders-sink" },
    ],
    ["Kafka consumer lag rising on analytics-msk-eu", { kafka_cluster: "analytics-msk-eu" }],
    ["consumer lag\nconfiguration item: MSK - analytics-msk-eu", { kafka_cluster: "analytics-msk-eu" }],
  ])("reads the Kafka resources in %j", (text, expected) => {
    expect(extractEntities(text)).toMatchObject(expected);
  });

  it("takes a cluster only in a Kafka ticket and only a Kafka-like name after 'on'", () => {
    expect(extractEntities("Kafka lag rising on prod-eu-1").kafka_cluster).toBeUndefined();
    expect(extractEntities("Kafka lag. Cluster: production").kafka_cluster).toBeUndefined();
    expect(extractEntities("EMR Cluster: j-ABCDEFGH12345 failed")).toEqual({ emr_cluster_id: "j-ABCDEFGH12345" });
    expect(extractEntities("Kafka lag rising, steps in kafka_runbook.md").kafka_cluster).toBeUndefined();
    expect(extractEntities("Kafka lag rising, see the notes in kafka-connect.yaml").kafka_cluster).toBeUndefined();
  });

  it.each([
    ["Log group: /aws-glue/jobs/error", "/aws-glue/jobs/error"],
    ["see /aws/emr/j-1ABCDEFGHIJKL/steps for details", "/aws/emr/j-1ABCDEFGHIJKL/steps"],
    ["logGroup=/aws/lambda/autoheal.", "/aws/lambda/autoheal"],
    ["check airflow-prod-airflow-2-Task logs", "airflow-prod-airflow-2-Task"],
    ["Consumer logs: /ecs/orders-sink", "/ecs/orders-sink"],
  ])("finds the log group in %j", (text, logGroup) => {
    expect(extractEntities(text).log_group).toBe(logGroup);
  });

  it("does not take a file-system path for a log group", () => {
    expect(extractEntities("see logs: /var/log/messages").log_group).toBeUndefined();
  });
});

describe("extractEntities: nothing invented", () => {
  it("returns an empty object for text without identifiers", () => {
    expect(extractEntities("")).toEqual({});
    expect(extractEntities("The sales dashboard has not been refreshed since Monday, please help.")).toEqual({});
  });

  it("only sets keys that it found (no undefined values)", () => {
    const entities = extractEntities("Glue job X1 failed");
    expect(Object.keys(entities)).toEqual(["glue_job_name"]);
  });
});

describe("S3 partition keys", () => {
  it("keeps a partition key other than dt, and leaves dt implicit", () => {
    expect(extractEntities("missing s3://acme-raw/clickstream/ds=2025-09-07/manifest.json")).toMatchObject({
      s3_bucket: "acme-raw",
      s3_prefix: "clickstream/",
      partition_date: "2025-09-07",
      s3_partition_key: "ds",
    });
    expect(extractEntities("missing s3://acme-raw/orders/dt=2025-09-07/").s3_partition_key).toBeUndefined();
  });
});
