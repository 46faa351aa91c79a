/**
 * Hand-written tool outputs for the investigation tests. Every builder parses its result with the
 * tool's output schema, so a fixture that drifts from the contract fails loudly.
 */
import type { z } from "zod";
import {
  GetAthenaQueryOutput,
  GetCloudwatchAlarmOutput,
  GetEmrLogsOutput,
  GetGlueLogsOutput,
  GetKafkaConsumerStatusOutput,
  GetMwaaLogsOutput,
  GetS3LogsOutput,
  VerifySourceDataOutput,
  type AthenaQuerySchema,
  type DagRunSchema,
  type EmrStepSchema,
  type GlueRunSchema,
} from "../../tools/schemas.js";
import type { ToolRun } from "../types.js";

type GlueRun = z.infer<typeof GlueRunSchema>;
type DagRun = z.infer<typeof DagRunSchema>;
type EmrStep = z.infer<typeof EmrStepSchema>;
type AthenaQuery = z.infer<typeof AthenaQuerySchema>;

export function glueRun(fields: Partial<GlueRun> & Pick<GlueRun, "id" | "state">): GlueRun {
  return {
    started_on: "2024-01-15T02:00:00Z",
    completed_on: "2024-01-15T02:30:00Z",
    execution_time_s: 1800,
    error_message: null,
    attempt: 0,
    arguments: {},
    ...fields,
  };
}

export function glueOutput(
  runs: GlueRun[],
  extra: Partial<z.infer<typeof GetGlueLogsOutput>> = {},
): z.infer<typeof GetGlueLogsOutput> {
  return GetGlueLogsOutput.parse({
    job_name: "cust_dim_load",
    job: { max_retries: 0, timeout_min: 60, worker_type: "G.1X", number_of_workers: 10 },
    runs,
    log_run_id: null,
    log_excerpt: [],
    ...extra,
  });
}

export function dagRun(fields: Partial<DagRun> & Pick<DagRun, "dag_run_id" | "state">): DagRun {
  return {
    logical_date: "2024-01-15T00:00:00Z",
    start_date: "2024-01-15T01:00:00Z",
    end_date: "2024-01-15T01:45:00Z",
    ...fields,
  };
}

export function mwaaOutput(extra: Partial<z.infer<typeof GetMwaaLogsOutput>> = {}): z.infer<typeof GetMwaaLogsOutput> {
  return GetMwaaLogsOutput.parse({
    environment: { name: "prod-airflow", status: "AVAILABLE", last_update_status: "SUCCESS", last_update_error: null },
    dag: { dag_id: "customer_daily", is_paused: false },
    runs: [],
    tasks_run_id: null,
    tasks: [],
    log_task_id: null,
    log_excerpt: [],
    ...extra,
  });
}

/** A DAG whose latest run failed in task `load_customers` with the given log lines. */
export function failedDagOutput(log: string[], extra: Partial<z.infer<typeof GetMwaaLogsOutput>> = {}) {
  return mwaaOutput({
    runs: [dagRun({ dag_run_id: "scheduled__2024-01-15", state: "failed" })],
    tasks_run_id: "scheduled__2024-01-15",
    tasks: [
      {
        task_id: "load_customers",
        state: "failed",
        try_number: 1,
        max_tries: 1,
        operator: "GlueJobOperator",
        duration_s: 2500,
      },
    ],
    log_task_id: "load_customers",
    log_excerpt: log,
    ...extra,
  });
}

export function athenaQuery(fields: Partial<AthenaQuery> & Pick<AthenaQuery, "query_id" | "state">): AthenaQuery {
  return {
    state_change_reason: null,
    error_category: null,
    error_type: null,
    query: "SELECT * FROM sales WHERE dt = '2024-01-15'",
    database: "analytics",
    workgroup: "reporting",
    output_location: "s3://athena-results/reporting/",
    submitted: "2024-01-15T06:00:00Z",
    completed: "2024-01-15T06:05:00Z",
    engine_execution_time_ms: 300000,
    data_scanned_bytes: 1024,
    ...fields,
  };
}

export function athenaOutput(query: AthenaQuery | null, recent: z.infer<typeof GetAthenaQueryOutput>["recent"] = []) {
  return GetAthenaQueryOutput.parse({ query, recent });
}

export function partition(
  date: string,
  objects = 3,
  bytes = 3000,
  last_modified: string | null = `${date}T01:00:00Z`,
  success_marker = false,
) {
  return { date, objects, bytes, last_modified, success_marker };
}

export function verifyOutput(extra: Partial<z.infer<typeof VerifySourceDataOutput>> = {}) {
  return VerifySourceDataOutput.parse({
    bucket: "datalake-raw",
    prefix: "raw/payments/",
    checked_dates: ["2024-01-13", "2024-01-14", "2024-01-15"],
    partitions: [partition("2024-01-13"), partition("2024-01-14"), partition("2024-01-15")],
    missing_dates: [],
    empty_dates: [],
    last_available_date: "2024-01-15",
    ...extra,
  });
}

export function s3LogsOutput(extra: Partial<z.infer<typeof GetS3LogsOutput>> = {}) {
  return GetS3LogsOutput.parse({
    bucket: "datalake-raw",
    prefix: "raw/payments/",
    objects: [],
    truncated: false,
    read_key: null,
    content_excerpt: [],
    ...extra,
  });
}

type Alarm = z.infer<typeof GetCloudwatchAlarmOutput>["alarms"][number];
export function alarm(fields: Partial<Alarm> & Pick<Alarm, "name" | "state">): Alarm {
  return {
    reason: null,
    updated: "2024-01-15T03:00:00Z",
    namespace: "Airflow",
    metric: "DagRunFailed",
    dimensions: {},
    threshold: 1,
    ...fields,
  };
}

export function alarmOutput(alarms: Alarm[], history: z.infer<typeof GetCloudwatchAlarmOutput>["history"] = []) {
  return GetCloudwatchAlarmOutput.parse({ alarms, history });
}

export function emrStep(fields: Partial<EmrStep> & Pick<EmrStep, "id" | "state">): EmrStep {
  return {
    name: "spark-aggregate",
    failure_reason: null,
    failure_message: null,
    log_file: null,
    started: "2024-01-15T04:00:00Z",
    ended: "2024-01-15T04:20:00Z",
    ...fields,
  };
}

export function emrOutput(
  steps: EmrStep[],
  cluster: Partial<z.infer<typeof GetEmrLogsOutput>["cluster"]> = {},
): z.infer<typeof GetEmrLogsOutput> {
  return GetEmrLogsOutput.parse({
    cluster: {
      id: "j-ABC123",
      name: "nightly",
      state: "WAITING",
      state_change_code: null,
      state_change_message: null,
      ...cluster,
    },
    steps,
  });
}

export function kafkaOutput(extra: Partial<z.infer<typeof GetKafkaConsumerStatusOutput>> = {}) {
  return GetKafkaConsumerStatusOutput.parse({
    cluster_name: "events-msk",
    consumer_group: "payments-consumer",
    topic: "payments",
    offset_lag: [
      { timestamp: "2024-01-15T05:00:00Z", value: 100 },
      { timestamp: "2024-01-15T05:01:00Z", value: 5000 },
    ],
    latest_offset_lag: 5000,
    lag_trend: "rising",
    latest_time_lag_s: 600,
    error_excerpt: [],
    ...extra,
  });
}

export function toolRun(tool: string, output: unknown, args: Record<string, unknown> = {}): ToolRun {
  return { tool, args, output, full_output: output, error: null, duration_ms: 5 };
}

export function failedToolRun(tool: string, code = "ServiceUnavailable", message = "503 from the service"): ToolRun {
  return { tool, args: {}, output: null, full_output: null, error: { code, message }, duration_ms: 5 };
}
