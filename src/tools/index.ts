/**
 * The data-lake tools as LangChain tools, in TOOL_NAMES order. The descriptions are what a model and
 * MCP clients read to choose a tool: they say what it looks at, what it returns and what it changes.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { getAthenaQuery, retryAthenaQuery } from "./athena.js";
import { createAwsClients, type AwsClients } from "./aws-clients.js";
import { getCloudwatchAlarm } from "./cloudwatch.js";
import { defineDataLakeTool } from "./define.js";
import { getEmrLogs, retryEmr } from "./emr.js";
import { getGlueLogs, retryGlueJob } from "./glue.js";
import { getKafkaConsumerStatus } from "./kafka.js";
import { getMwaaLogs, retryAirflowDag } from "./mwaa.js";
import type { ToolName } from "./names.js";
import { getS3Logs, verifySourceData } from "./s3.js";

export const TOOL_DESCRIPTIONS: Readonly<Record<ToolName, string>> = {
  get_glue_logs:
    "Read-only. An AWS Glue job's configuration (max retries, timeout, workers) and its most recent runs, newest " +
    "first (state, error message, duration, attempt, arguments), or one run by run_id; plus the last lines of the " +
    "error log (/aws-glue/jobs/error) of that run or of the latest FAILED/TIMEOUT/ERROR run.",
  get_mwaa_logs:
    "Read-only. An Amazon MWAA environment's health (status, last update and its error). With dag_id, also the " +
    "Airflow DAG (paused or not), its most recent runs newest first, the task instances of dag_run_id or of the " +
    "latest failed run, and the last lines of the log of that run's first failed task.",
  get_athena_query:
    "Read-only. One Amazon Athena query execution by query_id (state, error category and reason, SQL, database, " +
    "output location, timing, bytes scanned); without query_id, the latest FAILED execution of the workgroup " +
    "(else the latest) and the workgroup's other recent executions.",
  verify_source_data:
    "Read-only. Checks that a dataset's date partitions exist in S3 (s3://bucket/prefix/<partition_key>=YYYY-MM-DD/) " +
    "for `date` (default today, UTC) and the lookback_days-1 days before it. Returns objects, bytes and last " +
    "modification per date, the missing dates, the dates whose objects are all smaller than min_bytes (_SUCCESS " +
    "markers alone count as empty), and the last date with data.",
  get_s3_logs:
    "Read-only. Lists the objects under an S3 prefix, newest first (key, size, last modified), and optionally " +
    "returns the first lines of one object (read_key), e.g. a log file, a manifest or a _SUCCESS marker; " +
    "gzip is decompressed.",
  get_cloudwatch_alarm:
    "Read-only. CloudWatch metric alarms by exact name or name prefix (without either: every alarm now in ALARM): " +
    "state, reason, metric, dimensions and threshold, plus each alarm's recent history (state changes), newest first.",
  get_emr_logs:
    "Read-only. An Amazon EMR cluster's state and state-change reason, and its most recent steps newest first " +
    "(or one step by step_id) with state, failure reason, failure message and the log file location.",
  get_kafka_consumer_status:
    "Read-only. An Amazon MSK consumer group's lag over the last period_minutes from CloudWatch (AWS/Kafka " +
    "SumOffsetLag per minute and EstimatedMaxTimeLag in seconds; without topic, summed over the group's topics), " +
    "the lag trend (rising, falling, flat, no_data), " +
    "and with log_group the consumer application's recent ERROR/Exception log lines.",
  retry_glue_job:
    "MUTATING. Starts a new run of an AWS Glue job (with optional extra job arguments) and returns its run id. " +
    "Idempotent: the idempotency_key is stored as a job argument, and if a run with that key already exists it is " +
    "returned (reused: true) instead of starting another. Does not wait for the run to finish.",
  retry_airflow_dag:
    "MUTATING. Triggers a new run of an Airflow DAG on MWAA, named incident_orchestrator__<idempotency_key>, with " +
    "the given conf (and logical_date if given; else Airflow picks now). Idempotent: when that run exists already " +
    "it is returned (reused: true). Does not wait for the run to finish.",
  retry_athena_query:
    "MUTATING. Runs a failed Amazon Athena query again with the same SQL, database, workgroup and result " +
    "location, and returns the new query id. Idempotent through Athena's ClientRequestToken (the idempotency_key): " +
    "repeating the call returns the same execution. Does not wait for the query to finish.",
  retry_emr:
    "MUTATING. Adds a failed Amazon EMR step to its cluster again with the same jar, arguments and main class, " +
    "named '<original name> [<idempotency_key>]' and ActionOnFailure CONTINUE. Idempotent: if a step with that " +
    "name suffix exists it is returned (reused: true). Does not wait for the step to finish.",
};

/** All twelve data-lake tools on the given AWS clients (default: the standard configuration). */
export function createDataLakeTools(clients: AwsClients = createAwsClients()): StructuredToolInterface[] {
  const d = TOOL_DESCRIPTIONS;
  return [
    defineDataLakeTool("get_glue_logs", d.get_glue_logs, getGlueLogs, clients),
    defineDataLakeTool("get_mwaa_logs", d.get_mwaa_logs, getMwaaLogs, clients),
    defineDataLakeTool("get_athena_query", d.get_athena_query, getAthenaQuery, clients),
    defineDataLakeTool("verify_source_data", d.verify_source_data, verifySourceData, clients),
    defineDataLakeTool("get_s3_logs", d.get_s3_logs, getS3Logs, clients),
    defineDataLakeTool("get_cloudwatch_alarm", d.get_cloudwatch_alarm, getCloudwatchAlarm, clients),
    defineDataLakeTool("get_emr_logs", d.get_emr_logs, getEmrLogs, clients),
    defineDataLakeTool("get_kafka_consumer_status", d.get_kafka_consumer_status, getKafkaConsumerStatus, clients),
    defineDataLakeTool("retry_glue_job", d.retry_glue_job, retryGlueJob, clients),
    defineDataLakeTool("retry_airflow_dag", d.retry_airflow_dag, retryAirflowDag, clients),
    defineDataLakeTool("retry_athena_query", d.retry_athena_query, retryAthenaQuery, clients),
    defineDataLakeTool("retry_emr", d.retry_emr, retryEmr, clients),
  ];
}

export { createAwsClients, type AwsClients, type AwsClientsOptions } from "./aws-clients.js";
export { AirflowApiError, AirflowClient, airflowClientFor } from "./airflow-client.js";
export { defineDataLakeTool, runDataLakeTool, TOOL_OUTPUT_MAX_CHARS, type DataLakeToolImpl } from "./define.js";
export { toToolError } from "./tool-error.js";
export { getGlueLogs, retryGlueJob } from "./glue.js";
export { getMwaaLogs, retryAirflowDag } from "./mwaa.js";
export { getAthenaQuery, retryAthenaQuery } from "./athena.js";
export { verifySourceData, getS3Logs } from "./s3.js";
export { getCloudwatchAlarm } from "./cloudwatch.js";
export { getEmrLogs, retryEmr } from "./emr.js";
export { getKafkaConsumerStatus } from "./kafka.js";
export { toolRegistry, callTool, parseToolOutput, type ToolRegistry } from "./registry.js";
export { boundJson } from "./bound.js";
export * from "./names.js";
export * from "./schemas.js";
