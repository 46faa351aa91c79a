import type { Entities } from "../state/classification.js";
import type { Incident } from "../state/incident.js";
import type { Intent } from "../state/intents.js";

/** Confidence bands the classifier is calibrated to (see score.ts). */
export const BANDS = {
  /** Alert-style: ids plus explicit failure words. */
  alert: [0.85, 0.97],
  /** A clear prose ticket. */
  prose: [0.7, 0.9],
  /** A weak, single-keyword match. */
  weak: [0.4, 0.6],
  /** Vague or empty text. */
  vague: [0, 0.3],
} as const satisfies Record<string, readonly [number, number]>;

export type Band = keyof typeof BANDS;

/** The incident fields a test ticket sets (sys_id is added by the test). */
export type TicketFields = Pick<Incident, "short_description"> &
  Partial<
    Pick<Incident, "description" | "category" | "subcategory" | "additional_info" | "assignment_group" | "cmdb_ci">
  >;

export interface LabelledTicket {
  readonly name: string;
  readonly incident: TicketFields;
  readonly intent: Intent;
  readonly band: Band;
  readonly entities?: Partial<Entities>;
}

const GLUE_RUN = "jr_4f1c2a9b8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b";
const QUERY_ID = "5d1c7e2a-9b3f-4c1d-8e6a-2f4b6c8d0e1a";

/**
 * Labelled tickets: at least five phrasings per intent (alert, prose, terse, e-mail, noisy).
 * Shared by the table-driven test and the speed test.
 */
export const LABELLED_TICKETS: readonly LabelledTicket[] = [
  // ---------------- glue_etl_failure ----------------
  {
    name: "glue: seed ticket",
    incident: {
      short_description: "Job SPENDING_POTS has failed Glue ETL failure",
      category: "Data Pipeline",
      subcategory: "ETL",
    },
    intent: "glue_etl_failure",
    band: "alert",
    entities: { glue_job_name: "SPENDING_POTS" },
  },
  {
    name: "glue: alert with run id and state",
    incident: {
      short_description: "Glue job run failed: JobName: daily_sales_etl",
      description: `JobRunId: ${GLUE_RUN}\nJobRunState: FAILED\nErrorMessage: An error occurred while calling o112.pyWriteDynamicFrame. Container killed by YARN for exceeding memory limits.\nLog group: /aws-glue/jobs/error`,
    },
    intent: "glue_etl_failure",
    band: "alert",
    entities: { glue_job_name: "daily_sales_etl", glue_run_id: GLUE_RUN, log_group: "/aws-glue/jobs/error" },
  },
  {
    name: "glue: prose",
    incident: {
      short_description: "Nightly customer dimension load did not finish",
      description:
        "Hi team, the Glue job cust-dim-load that builds the customer dimension failed again last night after running for two hours. Could someone take a look? Thanks, Priya",
    },
    intent: "glue_etl_failure",
    band: "prose",
    entities: { glue_job_name: "cust-dim-load" },
  },
  {
    name: "glue: terse",
    incident: { short_description: "glue job cust-dim-load timed out" },
    intent: "glue_etl_failure",
    band: "alert",
    entities: { glue_job_name: "cust-dim-load" },
  },
  {
    name: "glue: forwarded e-mail",
    incident: {
      short_description: "FW: ETL failure notification",
      description: `From: aws-notifications@example.com\nSubject: Glue job SPENDING_POTS FAILED\n\nJob SPENDING_POTS has failed. Run id ${GLUE_RUN}.\nPlease investigate.\n--\nThis is an automated message, do not reply.`,
    },
    intent: "glue_etl_failure",
    band: "alert",
    entities: { glue_job_name: "SPENDING_POTS", glue_run_id: GLUE_RUN },
  },
  {
    name: "glue: noisy key=value alert",
    incident: {
      short_description: "[P2][PROD] glue_job=payments_curated state=TIMEOUT",
      description:
        "########\nregion=us-east-1 account=123456789012\nattempt=1/1 dpu=10 worker_type=G.1X\nAWS Glue job exceeded its timeout of 120 minutes and was stopped\n########",
      assignment_group: "Data Platform L2",
    },
    intent: "glue_etl_failure",
    band: "alert",
    entities: { glue_job_name: "payments_curated" },
  },
  {
    name: "glue: could not start",
    incident: {
      short_description: "Glue job SPENDING_POTS could not start",
      description: "ConcurrentRunsExceededException: Concurrent runs exceeded for SPENDING_POTS",
    },
    intent: "glue_etl_failure",
    band: "alert",
    entities: { glue_job_name: "SPENDING_POTS" },
  },

  // ---------------- athena_failure ----------------
  {
    name: "athena: alert with error code",
    incident: {
      short_description: "Athena query failed: HIVE_PARTITION_SCHEMA_MISMATCH",
      description: `QueryExecutionId: ${QUERY_ID}\nState: FAILED\nStateChangeReason: HIVE_PARTITION_SCHEMA_MISMATCH: There is a mismatch between the table and partition schemas.\nWorkGroup: analytics`,
    },
    intent: "athena_failure",
    band: "alert",
    entities: {
      athena_query_id: QUERY_ID,
      athena_error_code: "HIVE_PARTITION_SCHEMA_MISMATCH",
      athena_workgroup: "analytics",
    },
  },
  {
    name: "athena: prose timeout",
    incident: {
      short_description: "Monthly finance query keeps timing out",
      description:
        "The Athena query behind the monthly finance numbers has been failing since this morning with Query timeout after 30 minutes in the reporting workgroup.",
    },
    intent: "athena_failure",
    band: "prose",
    entities: { athena_error_code: "QUERY_TIMEOUT", athena_workgroup: "reporting" },
  },
  {
    name: "athena: terse",
    incident: { short_description: "athena SYNTAX_ERROR line 3:14 mismatched input" },
    intent: "athena_failure",
    band: "alert",
    entities: { athena_error_code: "SYNTAX_ERROR" },
  },
  {
    name: "athena: e-mail exhausted resources",
    incident: {
      short_description: "RE: query exhausted resources",
      description: `Hi,\nour query ${QUERY_ID} on Athena fails with "Query exhausted resources at this scale factor".\nCan you help?\nRegards, Tom`,
    },
    intent: "athena_failure",
    band: "alert",
    entities: { athena_query_id: QUERY_ID, athena_error_code: "EXHAUSTED_RESOURCES" },
  },
  {
    name: "athena: noisy with SQL",
    incident: {
      short_description: "TABLE_NOT_FOUND in Athena for sales_db.orders_v2",
      description:
        "SQL: SELECT order_id, amount FROM sales_db.orders_v2 WHERE dt = '2026-11-23' LIMIT 10;\n---\nline 1:8: Table 'awsdatacatalog.sales_db.orders_v2' does not exist\n---\nclient=quicksight-refresh",
    },
    intent: "athena_failure",
    band: "alert",
    entities: { athena_error_code: "TABLE_NOT_FOUND" },
  },
  {
    name: "athena: cancelled",
    incident: {
      short_description: `Athena query ${QUERY_ID} was cancelled`,
      description: "Cancelled: the data-scan limit of workgroup adhoc-wg was reached.",
    },
    intent: "athena_failure",
    band: "alert",
    entities: { athena_query_id: QUERY_ID, athena_workgroup: "adhoc-wg" },
  },

  // ---------------- emr_failure ----------------
  {
    name: "emr: alert terminated with errors",
    incident: {
      short_description: "EMR cluster j-2AXXXXXXGAPLF terminated with errors",
      description:
        "Cluster state: TERMINATED_WITH_ERRORS\nStateChangeReason: BOOTSTRAP_FAILURE - bootstrap action 1 returned a non-zero return code",
    },
    intent: "emr_failure",
    band: "alert",
    entities: { emr_cluster_id: "j-2AXXXXXXGAPLF" },
  },
  {
    name: "emr: step failed",
    incident: { short_description: "EMR step s-3KXXXXXXXXXX1 failed on cluster j-1K48XXXXXXHCB" },
    intent: "emr_failure",
    band: "alert",
    entities: { emr_cluster_id: "j-1K48XXXXXXHCB", emr_step_id: "s-3KXXXXXXXXXX1" },
  },
  {
    name: "emr: prose",
    incident: {
      short_description: "Clickstream aggregation did not complete",
      description:
        "Hi, our Spark job on the EMR cluster for the clickstream aggregation failed last night with a YARN container killed error. Cluster id is j-3ABCDEF123456.",
    },
    intent: "emr_failure",
    band: "prose",
    entities: { emr_cluster_id: "j-3ABCDEF123456" },
  },
  {
    name: "emr: terse",
    incident: { short_description: "emr bootstrap failed" },
    intent: "emr_failure",
    band: "prose",
  },
  {
    name: "emr: provisioning",
    incident: {
      short_description: "EMR cluster for risk-models could not start",
      description:
        "InsufficientInstanceCapacity for r5.4xlarge in us-east-1a; cluster j-9ZYXWVUTSRQPO never reached WAITING",
    },
    intent: "emr_failure",
    band: "alert",
    entities: { emr_cluster_id: "j-9ZYXWVUTSRQPO" },
  },
  {
    name: "emr: noisy e-mail",
    incident: {
      short_description: "Fwd: [EXTERNAL] Amazon EMR notification",
      description:
        "*** This message originated outside the organisation ***\nAmazon EMR Cluster j-1ABCDEFGHIJKL (risk-nightly) has terminated with errors at 2026-11-23 03:12 UTC with a reason of STEP_FAILURE.\nStep s-1ABCDEFGHIJK (spark-submit risk_calc.py) failed.\nUnsubscribe | Privacy",
    },
    intent: "emr_failure",
    band: "alert",
    entities: { emr_cluster_id: "j-1ABCDEFGHIJKL", emr_step_id: "s-1ABCDEFGHIJK" },
  },

  // ---------------- kafka_events_failed ----------------
  {
    name: "kafka: lag alarm",
    incident: {
      short_description: 'ALARM: "msk-consumer-lag-payments-sink" in US East (N. Virginia)',
      description:
        "MaxOffsetLag > 100000 for consumer group payments-sink on topic payments.events.v1\nCluster: arn:aws:kafka:us-east-1:123456789012:cluster/prod-msk/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-2",
    },
    intent: "kafka_events_failed",
    band: "alert",
    entities: {
      alarm_name: "msk-consumer-lag-payments-sink",
      kafka_cluster: "prod-msk",
      kafka_topic: "payments.events.v1",
      kafka_consumer_group: "payments-sink",
    },
  },
  {
    name: "kafka: prose",
    incident: {
      short_description: "Order events are not being processed",
      description:
        "Events from the orders topic are not being processed: the consumer keeps crashing with deserialization errors on Kafka since the schema change this morning.",
    },
    intent: "kafka_events_failed",
    band: "prose",
  },
  {
    name: "kafka: terse",
    incident: { short_description: "kafka consumer lag high on topic orders-events" },
    intent: "kafka_events_failed",
    band: "alert",
    entities: { kafka_topic: "orders-events" },
  },
  {
    name: "kafka: failed records in DLQ",
    incident: {
      short_description: "Failed records in DLQ for topic customer.updates",
      description: "12,431 failed records routed to dead-letter topic customer.updates.dlq by consumer_group=crm-sync",
    },
    intent: "kafka_events_failed",
    band: "alert",
    entities: { kafka_topic: "customer.updates", kafka_consumer_group: "crm-sync" },
  },
  {
    name: "kafka: e-mail producer errors",
    incident: {
      short_description: "Subject: MSK producer errors",
      description:
        "Dear support,\nsince 02:00 the clickstream producer errors out with org.apache.kafka.common.errors.TimeoutException: Expiring 57 record(s) for topic clickstream.raw-3.\nMSK cluster: prod-msk-events\nKind regards",
    },
    intent: "kafka_events_failed",
    band: "alert",
    entities: { kafka_cluster: "prod-msk-events" },
  },

  // ---------------- dag_failure ----------------
  {
    name: "dag: terse alert",
    incident: { short_description: "DAG daily_sales_etl task load_to_redshift failed" },
    intent: "dag_failure",
    band: "alert",
    entities: { dag_id: "daily_sales_etl", task_id: "load_to_redshift" },
  },
  {
    name: "dag: Airflow alert with ids",
    incident: {
      short_description:
        "Airflow alert: dag_id=daily_sales_etl, task_id=load_to_redshift, run_id=scheduled__2026-11-23T00:00:00+00:00",
      description: "MWAA env prod-airflow-2",
    },
    intent: "dag_failure",
    band: "alert",
    entities: {
      dag_id: "daily_sales_etl",
      task_id: "load_to_redshift",
      dag_run_id: "scheduled__2026-11-23T00:00:00+00:00",
      mwaa_environment: "prod-airflow-2",
    },
  },
  {
    name: "dag: prose stuck",
    incident: {
      short_description: "marketing_attribution DAG stuck",
      description:
        "The marketing_attribution DAG has been stuck in running state since 3am on MWAA env prod-airflow-2, nothing downstream has started.",
    },
    intent: "dag_failure",
    band: "alert",
    entities: { dag_id: "marketing_attribution", mwaa_environment: "prod-airflow-2" },
  },
  {
    name: "dag: one-liner",
    incident: { short_description: "dag finance_close failed" },
    intent: "dag_failure",
    band: "prose",
    entities: { dag_id: "finance_close" },
  },
  {
    name: "dag: e-mail with TaskInstance repr",
    incident: {
      short_description: "Airflow alert: Task failed",
      description:
        "Try 3 out of 3\nException:\nairflow.exceptions.AirflowTaskTimeout: Timeout, PID: 4242\nLog: <TaskInstance: daily_sales_etl.load_to_redshift scheduled__2026-11-23T00:00:00+00:00 [failed]>\nHost: ip-10-0-1-23.ec2.internal",
    },
    intent: "dag_failure",
    band: "alert",
    entities: {
      dag_id: "daily_sales_etl",
      task_id: "load_to_redshift",
      dag_run_id: "scheduled__2026-11-23T00:00:00+00:00",
    },
  },
  {
    name: "dag: noisy upstream_failed",
    incident: {
      short_description: "[PROD][airflow] payments_ingest run marked failed",
      description:
        ">>> dag_id=payments_ingest\n>>> tasks: extract=success, transform=failed, publish=upstream_failed\n>>> owner=data-eng oncall=@jdoe\n>>> https://airflow.example.internal/dags/payments_ingest/grid",
    },
    intent: "dag_failure",
    band: "alert",
    entities: { dag_id: "payments_ingest" },
  },

  // ---------------- dag_alarm ----------------
  {
    name: "dag_alarm: SNS subject",
    incident: { short_description: 'ALARM: "mwaa-dag-sla-breach-daily_sales" in US East (N. Virginia)' },
    intent: "dag_alarm",
    band: "alert",
    entities: { alarm_name: "mwaa-dag-sla-breach-daily_sales" },
  },
  {
    name: "dag_alarm: state change with threshold",
    incident: {
      short_description: "CloudWatch alarm daily-sales-dag-duration state changed to ALARM",
      description:
        "Threshold Crossed: 1 datapoint [5400.0] was greater than the threshold (3600.0).\nMetric: DAG daily_sales_etl duration (seconds)",
    },
    intent: "dag_alarm",
    band: "alert",
    entities: { alarm_name: "daily-sales-dag-duration", dag_id: "daily_sales_etl" },
  },
  {
    name: "dag_alarm: prose",
    incident: {
      short_description: "Paged by the finance_close latency alarm",
      description:
        "We got paged by the CloudWatch alarm on the finance_close DAG latency, it went into ALARM state at 06:10 and is still firing.",
    },
    intent: "dag_alarm",
    band: "alert",
  },
  {
    name: "dag_alarm: terse",
    incident: { short_description: "alarm: dag failure count > 0 for dag_id=payments_ingest" },
    intent: "dag_alarm",
    band: "alert",
    entities: { dag_id: "payments_ingest" },
  },
  {
    name: "dag_alarm: CloudWatch e-mail",
    incident: {
      short_description: "Notification from Amazon CloudWatch",
      description:
        'You are receiving this email because your Amazon CloudWatch Alarm "airflow-dag-failed-orders" in the US East (N. Virginia) region has entered the ALARM state, because "Threshold Crossed: 1 out of the last 1 datapoints [2.0] was greater than or equal to the threshold (1.0)".\nAlarm Details:\n- Name: airflow-dag-failed-orders',
    },
    intent: "dag_alarm",
    band: "alert",
    entities: { alarm_name: "airflow-dag-failed-orders" },
  },

  // ---------------- mwaa_failure ----------------
  {
    name: "mwaa: scheduler heartbeat",
    incident: { short_description: "MWAA env prod-airflow-2 scheduler heartbeat missing" },
    intent: "mwaa_failure",
    band: "prose",
    entities: { mwaa_environment: "prod-airflow-2" },
  },
  {
    name: "mwaa: UPDATE_FAILED",
    incident: {
      short_description: "MWAA environment prod-airflow-2 is UPDATE_FAILED",
      description: "Environment update to requirements.txt v42 failed; status UPDATE_FAILED since 09:14",
    },
    intent: "mwaa_failure",
    band: "alert",
    entities: { mwaa_environment: "prod-airflow-2" },
  },
  {
    name: "mwaa: prose webserver",
    incident: {
      short_description: "Cannot open Airflow",
      description:
        "The Airflow UI for our production environment is down (502 Bad Gateway) since lunch and nobody on the team can see any DAGs.",
    },
    intent: "mwaa_failure",
    band: "prose",
  },
  {
    name: "mwaa: workers not scaling",
    incident: { short_description: "MWAA workers not scaling, tasks stuck in queued across all DAGs" },
    intent: "mwaa_failure",
    band: "alert",
  },
  {
    name: "mwaa: alarm on scheduler heartbeat",
    incident: {
      short_description: 'ALARM: "prod-airflow-2-SchedulerHeartbeat" in US East (N. Virginia)',
      description: "Environment prod-airflow-2: SchedulerHeartbeat < 1 for 3 datapoints",
    },
    intent: "mwaa_failure",
    band: "alert",
    entities: { alarm_name: "prod-airflow-2-SchedulerHeartbeat", mwaa_environment: "prod-airflow-2" },
  },
  {
    name: "mwaa: e-mail environment unavailable",
    incident: {
      short_description: "RE: Airflow down?",
      description:
        "Hi all,\nthe MWAA environment analytics-airflow shows status UNAVAILABLE in the console and no DAGs are being scheduled.\nThanks",
    },
    intent: "mwaa_failure",
    band: "alert",
    entities: { mwaa_environment: "analytics-airflow" },
  },

  // ---------------- data_missing ----------------
  {
    name: "data_missing: no files at S3 partition",
    incident: { short_description: "No files in s3://lake-raw/payments/dt=2026-11-23/" },
    intent: "data_missing",
    band: "prose",
    entities: { s3_bucket: "lake-raw", s3_prefix: "payments/", partition_date: "2026-11-23" },
  },
  {
    name: "data_missing: missing partition",
    incident: {
      short_description: "Missing partition dt=2026-11-23 for table raw.payments",
      description: "Location s3://lake-raw/payments/ has no dt=2026-11-23 folder",
    },
    intent: "data_missing",
    band: "alert",
    entities: { s3_bucket: "lake-raw", s3_prefix: "payments/", partition_date: "2026-11-23" },
  },
  {
    name: "data_missing: prose vendor file",
    incident: {
      short_description: "Vendor rates file not received",
      description:
        "The daily vendor file vendor_rates_20261123.csv has not arrived in the landing bucket s3://landing-zone/vendor/rates/ for 2026-11-23, and the downstream load is waiting for it.",
    },
    intent: "data_missing",
    band: "alert",
    entities: { s3_bucket: "landing-zone", s3_prefix: "vendor/rates/", partition_date: "2026-11-23" },
  },
  {
    name: "data_missing: terse",
    incident: { short_description: "expected files missing s3://lake-raw/cards/" },
    intent: "data_missing",
    band: "alert",
    entities: { s3_bucket: "lake-raw", s3_prefix: "cards/" },
  },
  {
    name: "data_missing: noisy NoSuchKey",
    incident: {
      short_description: "[check-landing] FAILED 1 of 12 checks",
      description:
        "check=landing_exists target=curated.events\nerror=NoSuchKey: The specified key does not exist.\nkey=events/dt=2026-11-22/part-0000.parquet bucket=lake-curated\nrun=2026-11-23T05:00Z",
    },
    intent: "data_missing",
    band: "prose",
    entities: { s3_bucket: "lake-curated", partition_date: "2026-11-22" },
  },

  // ---------------- source_zero_data ----------------
  {
    name: "source_zero: terse",
    incident: { short_description: "Source delivered 0 records for payments feed" },
    intent: "source_zero_data",
    band: "alert",
  },
  {
    name: "source_zero: empty file",
    incident: {
      short_description: "Empty file received from SAP extract",
      description: "sap_gl_20261123.csv is 0 bytes in s3://landing-zone/sap/gl/dt=2026-11-23/",
    },
    intent: "source_zero_data",
    band: "alert",
    entities: { s3_bucket: "landing-zone", s3_prefix: "sap/gl/", partition_date: "2026-11-23" },
  },
  {
    name: "source_zero: prose historical gaps",
    incident: {
      short_description: "Historical gaps in card transactions",
      description:
        "While reconciling we found that days 2026-11-01 to 2026-11-05 are missing at the source for card transactions. Please check with the vendor whether they can resend.",
    },
    intent: "source_zero_data",
    band: "prose",
  },
  {
    name: "source_zero: one-liner",
    incident: { short_description: "zero rows loaded from upstream source crm_accounts" },
    intent: "source_zero_data",
    band: "prose",
  },
  {
    name: "source_zero: check e-mail",
    incident: {
      short_description: "Data quality check failed: crm accounts",
      description:
        "Automated DQ report\nRow count check: record_count = 0 for s3://lake-raw/crm/accounts/dt=2026-11-23/\nThreshold: > 1000\nThis mailbox is not monitored.",
    },
    intent: "source_zero_data",
    band: "prose",
    entities: { s3_bucket: "lake-raw", s3_prefix: "crm/accounts/", partition_date: "2026-11-23" },
  },

  // ---------------- data_not_available ----------------
  {
    name: "data_not_available: dashboard",
    incident: { short_description: "Sales dashboard not refreshed" },
    intent: "data_not_available",
    band: "prose",
  },
  {
    name: "data_not_available: prose",
    incident: {
      short_description: "Yesterday's numbers missing in revenue report",
      description:
        "Hi, the finance team reports that yesterday's numbers are not available in the Tableau revenue report. Can someone check? Thanks",
    },
    intent: "data_not_available",
    band: "prose",
  },
  {
    name: "data_not_available: terse",
    incident: { short_description: "report not available" },
    intent: "data_not_available",
    band: "prose",
  },
  {
    name: "data_not_available: e-mail",
    incident: {
      short_description: "Data not available in QuickSight",
      description:
        "Hello,\nthe customer_360 dataset in QuickSight has not been updated since Monday and our users cannot see this week's figures.\nBest, Maria",
    },
    intent: "data_not_available",
    band: "prose",
  },
  {
    name: "data_not_available: noisy",
    incident: {
      short_description: "URGENT!!! exec dashboard stale since Monday - CFO asking",
      description: "pls fix asap!!!\n\n\n(sent from mobile)",
    },
    intent: "data_not_available",
    band: "prose",
  },

  // ---------------- batch_auto_recovery_failed ----------------
  {
    name: "recovery: DAG named",
    incident: { short_description: "Auto-recovery failed for DAG daily_sales_etl after 3 attempts" },
    intent: "batch_auto_recovery_failed",
    band: "alert",
    entities: { dag_id: "daily_sales_etl" },
  },
  {
    name: "recovery: self-healing on a Glue job",
    incident: {
      short_description: "Self-healing gave up on Glue job SPENDING_POTS",
      description: "Glue job SPENDING_POTS failed; 3 automatic reruns attempted, all failed.",
    },
    intent: "batch_auto_recovery_failed",
    band: "alert",
    entities: { glue_job_name: "SPENDING_POTS" },
  },
  {
    name: "recovery: terse",
    incident: { short_description: "Automatic rerun exhausted for batch payments_eod (3/3)" },
    intent: "batch_auto_recovery_failed",
    band: "alert",
  },
  {
    name: "recovery: prose",
    incident: {
      short_description: "Nightly batch still broken",
      description:
        "The automated recovery for the nightly batch could not fix the failed load; it tried three times and then gave up. Someone needs to look manually.",
    },
    intent: "batch_auto_recovery_failed",
    band: "prose",
  },
  {
    name: "recovery: e-mail on EMR step",
    incident: {
      short_description: "[Self-healing] remediation report",
      description:
        "Recovery attempts exhausted for EMR step s-1ABCDEFGH123 on cluster j-1ABCDEFGHIJKL.\nself-healing gave up after 3 attempts.\n-- batch-autoheal bot",
    },
    intent: "batch_auto_recovery_failed",
    band: "alert",
    entities: { emr_cluster_id: "j-1ABCDEFGHIJKL", emr_step_id: "s-1ABCDEFGH123" },
  },

  // ---------------- access_denied ----------------
  {
    name: "access: AccessDenied on S3",
    incident: { short_description: "AccessDenied on s3://lake-curated/finance/" },
    intent: "access_denied",
    band: "prose",
    entities: { s3_bucket: "lake-curated", s3_prefix: "finance/" },
  },
  {
    name: "access: Glue job failed with AccessDeniedException (documented choice)",
    incident: {
      short_description: "Glue job cust-dim-load failed",
      description:
        "An error occurred (AccessDeniedException) when calling the GetObject operation: User: arn:aws:sts::123456789012:assumed-role/glue-etl-role/GlueJobRunnerSession is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::lake-raw/customers/part-0.parquet",
    },
    intent: "access_denied",
    band: "alert",
    entities: { glue_job_name: "cust-dim-load", s3_bucket: "lake-raw", s3_prefix: "customers/" },
  },
  {
    name: "access: prose request",
    incident: {
      short_description: "Access to sales_mart",
      description:
        "Hi, could you please grant me read access to the sales_mart tables in Athena? I need it for the Q4 analysis. Thanks, Ana",
    },
    intent: "access_denied",
    band: "prose",
  },
  {
    name: "access: Athena query failed with S3 Access Denied",
    incident: {
      short_description: "Athena query failed: Access Denied (Service: Amazon S3; Status Code: 403)",
      description: `QueryExecutionId: ${QUERY_ID}`,
    },
    intent: "access_denied",
    band: "alert",
    entities: { athena_query_id: QUERY_ID },
  },
  {
    name: "access: e-mail with IAM message",
    incident: {
      short_description: "Error in notebook",
      description:
        "Hello,\nwhen I run my notebook I get: User: arn:aws:iam::123456789012:user/analyst is not authorized to perform: glue:GetTable on resource: arn:aws:glue:us-east-1:123456789012:table/sales/orders\nCan you help?",
    },
    intent: "access_denied",
    band: "prose",
  },
  {
    name: "access: Lake Formation",
    incident: { short_description: "Insufficient Lake Formation permission(s) on sales.orders for role analyst" },
    intent: "access_denied",
    band: "prose",
  },

  // ---------------- weak single-keyword tickets ----------------
  {
    name: "weak: Athena named only",
    incident: { short_description: "Athena issue" },
    intent: "athena_failure",
    band: "weak",
  },
  {
    name: "weak: Kafka named only",
    incident: { short_description: "kafka problem" },
    intent: "kafka_events_failed",
    band: "weak",
  },
  {
    name: "weak: EMR named only",
    incident: { short_description: "Question about our EMR setup" },
    intent: "emr_failure",
    band: "weak",
  },
  {
    name: "weak: DAG named only",
    incident: { short_description: "Something wrong with a DAG" },
    intent: "dag_failure",
    band: "weak",
  },
  {
    name: "weak: Glue named in the body only",
    incident: { short_description: "Data platform question", description: "It is about Glue." },
    intent: "glue_etl_failure",
    band: "weak",
  },

  // ---------------- unknown ----------------
  {
    name: "unknown: vague",
    incident: { short_description: "Please help" },
    intent: "unknown",
    band: "vague",
  },
  {
    name: "unknown: off-topic",
    incident: {
      short_description: "Laptop screen flickering",
      description: "My laptop screen flickers after the update.",
    },
    intent: "unknown",
    band: "vague",
  },
  {
    name: "unknown: punctuation only",
    incident: { short_description: "???" },
    intent: "unknown",
    band: "vague",
  },
  {
    name: "unknown: meeting room",
    incident: { short_description: "Issue", description: "Something is wrong, please call me." },
    intent: "unknown",
    band: "vague",
  },
  {
    name: "unknown: ticket about nothing in the taxonomy",
    incident: { short_description: "Request new monitor", category: "Hardware" },
    intent: "unknown",
    band: "vague",
  },
  // ---------------- operator and alert phrasings of resource names ----------------
  {
    name: "names: MWAA alarm e-mail with dimensions",
    incident: {
      short_description: 'ALARM: "orders-hourly-dag-failed" in EU (Ireland)',
      description:
        'You are receiving this email because your Amazon CloudWatch Alarm "orders-hourly-dag-failed" in the EU (Ireland) region has entered the ALARM state.\nAlarm Details:\n- Name: orders-hourly-dag-failed\n- State Change: OK -> ALARM\nMonitored Metric:\n- MetricNamespace: AmazonMWAA\n- MetricName: DAGDurationFailed\n- Dimensions: [Environment = analytics-mwaa-eu] [DAG = orders_hourly]',
      subcategory: "CloudWatch Alarm",
    },
    intent: "dag_alarm",
    band: "alert",
    entities: {
      alarm_name: "orders-hourly-dag-failed",
      mwaa_environment: "analytics-mwaa-eu",
      dag_id: "orders_hourly",
    },
  },
  {
    name: "names: sensor timeout in prose with (env X)",
    incident: {
      short_description: "orders_hourly failed - sensor timed out",
      description:
        "DAG orders_hourly (env analytics-airflow-eu) failed at 04:00. check_orders_file timed out after 2h waiting for the partner file.",
      subcategory: "Airflow / MWAA",
    },
    intent: "dag_failure",
    band: "prose",
    entities: { dag_id: "orders_hourly", task_id: "check_orders_file", mwaa_environment: "analytics-airflow-eu" },
  },
  {
    name: "names: recovery notice with labelled lines",
    incident: {
      short_description: "AUTO-RECOVERY EXHAUSTED: orders_hourly (3/3 attempts failed)",
      description: `Self-healing gave up.\nBatch: orders_hourly on analytics-airflow-eu   Glue job: orders_load\nLast run ${GLUE_RUN}\nAlarm: orders-autorecovery-exhausted`,
    },
    intent: "batch_auto_recovery_failed",
    band: "alert",
    entities: {
      dag_id: "orders_hourly",
      mwaa_environment: "analytics-airflow-eu",
      glue_job_name: "orders_load",
      glue_run_id: GLUE_RUN,
      alarm_name: "orders-autorecovery-exhausted",
    },
  },
  {
    name: "names: Glue run named before the noun",
    incident: {
      short_description: `orders_load glue run ${GLUE_RUN} failed - could not get workers`,
      description: "pls rerun",
      cmdb_ci: "Glue Job - orders_load",
    },
    intent: "glue_etl_failure",
    band: "alert",
    entities: { glue_job_name: "orders_load", glue_run_id: GLUE_RUN },
  },
  {
    name: "names: Kafka lag with labelled lines",
    incident: {
      short_description: "Kafka consumer lag rising: orders-sink on events-msk-eu",
      description:
        "Alarm events-msk-eu-orders-sink-lag is in ALARM.\nCluster: events-msk-eu   Topic: orders.v1   Consumer group: orders-sink",
      cmdb_ci: "MSK - events-msk-eu",
    },
    intent: "kafka_events_failed",
    band: "alert",
    entities: {
      kafka_cluster: "events-msk-eu",
      kafka_topic: "orders.v1",
      kafka_consumer_group: "orders-sink",
      alarm_name: "events-msk-eu-orders-sink-lag",
    },
  },
];
