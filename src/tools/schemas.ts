/**
 * Input and output schemas of every data-lake tool: the contract between the tool
 * implementations (src/tools), the analyzers (src/investigation) and, later, the MCP server.
 * Timestamps are ISO-8601 strings; sizes are bytes; durations are seconds unless named otherwise.
 */
import { z } from "zod";

const isoTime = z.string();
const idempotencyKey = z
  .string()
  .min(32, "idempotency_key must be at least 32 characters (Athena's ClientRequestToken needs 32)")
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "idempotency_key may contain letters, digits, '_' and '-' only");

export const LogLineSchema = z.object({ timestamp: isoTime, message: z.string() });
export type LogLine = z.infer<typeof LogLineSchema>;

/** Every tool may return this instead of its output when the AWS call fails after the SDK's retries. */
export const ToolErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), http_status: z.number().int().nullable() }),
});
export type ToolError = z.infer<typeof ToolErrorSchema>;

// ---------- Glue ----------
export const GetGlueLogsInput = z.object({
  job_name: z.string().min(1),
  run_id: z.string().optional().describe("A specific run (jr_...); otherwise the most recent runs"),
  max_runs: z.number().int().min(1).max(20).default(5),
  log_lines: z.number().int().min(0).max(200).default(40),
});
export const GlueRunSchema = z.object({
  id: z.string(),
  state: z.string(), // STARTING | RUNNING | STOPPING | STOPPED | SUCCEEDED | FAILED | TIMEOUT | ERROR | WAITING | EXPIRED
  started_on: isoTime.nullable(),
  completed_on: isoTime.nullable(),
  execution_time_s: z.number().nullable(),
  error_message: z.string().nullable(),
  attempt: z.number().int(),
  arguments: z.record(z.string(), z.string()),
});
export const GetGlueLogsOutput = z.object({
  job_name: z.string(),
  job: z.object({
    max_retries: z.number().int(),
    timeout_min: z.number().nullable(),
    worker_type: z.string().nullable(),
    number_of_workers: z.number().nullable(),
  }),
  /** Newest first. */
  runs: z.array(GlueRunSchema),
  /** Error log lines (/aws-glue/jobs/error, stream = run id) of the requested or latest failed run. */
  log_run_id: z.string().nullable(),
  log_excerpt: z.array(LogLineSchema),
});

export const RetryGlueJobInput = z.object({
  job_name: z.string().min(1),
  arguments: z.record(z.string(), z.string()).optional(),
  idempotency_key: idempotencyKey,
});
export const RetryGlueJobOutput = z.object({
  job_name: z.string(),
  run_id: z.string(),
  /** true when a run carrying this idempotency key already existed and was returned instead of starting another. */
  reused: z.boolean(),
});

// ---------- MWAA / Airflow ----------
export const GetMwaaLogsInput = z.object({
  environment: z.string().min(1),
  dag_id: z.string().optional().describe("Without it, only the environment's health is returned"),
  dag_run_id: z.string().optional(),
  max_runs: z.number().int().min(1).max(20).default(5),
  log_lines: z.number().int().min(0).max(200).default(40),
});
export const DagRunSchema = z.object({
  dag_run_id: z.string(),
  state: z.string(), // queued | running | success | failed
  logical_date: isoTime.nullable(),
  start_date: isoTime.nullable(),
  end_date: isoTime.nullable(),
});
export const TaskInstanceSchema = z.object({
  task_id: z.string(),
  state: z.string().nullable(), // success | failed | upstream_failed | up_for_retry | running | skipped | queued | null
  try_number: z.number().int(),
  max_tries: z.number().int(),
  operator: z.string().nullable(),
  duration_s: z.number().nullable(),
});
export const GetMwaaLogsOutput = z.object({
  environment: z.object({
    name: z.string(),
    status: z.string(), // AVAILABLE | UPDATE_FAILED | UNAVAILABLE | ...
    last_update_status: z.string().nullable(),
    last_update_error: z.string().nullable(),
  }),
  dag: z.object({ dag_id: z.string(), is_paused: z.boolean() }).nullable(),
  /** Newest first. */
  runs: z.array(DagRunSchema),
  /** Task instances of the requested run, or of the latest failed run. */
  tasks_run_id: z.string().nullable(),
  tasks: z.array(TaskInstanceSchema),
  /** Log of the first failed task of that run. */
  log_task_id: z.string().nullable(),
  log_excerpt: z.array(z.string()),
});

export const RetryAirflowDagInput = z.object({
  environment: z.string().min(1),
  dag_id: z.string().min(1),
  logical_date: z.string().optional().describe("Logical date of the failed run to re-run"),
  conf: z.record(z.string(), z.unknown()).optional(),
  idempotency_key: idempotencyKey,
});
export const RetryAirflowDagOutput = z.object({
  environment: z.string(),
  dag_id: z.string(),
  dag_run_id: z.string(),
  state: z.string(),
  reused: z.boolean(),
});

// ---------- Athena ----------
export const GetAthenaQueryInput = z.object({
  query_id: z.string().optional(),
  workgroup: z.string().default("primary").describe("Used to find the latest failed query when no query_id is given"),
});
export const AthenaQuerySchema = z.object({
  query_id: z.string(),
  state: z.string(), // QUEUED | RUNNING | SUCCEEDED | FAILED | CANCELLED
  state_change_reason: z.string().nullable(),
  error_category: z.number().int().nullable(), // 1 system, 2 user, 3 other
  error_type: z.number().int().nullable(),
  query: z.string(),
  database: z.string().nullable(),
  workgroup: z.string().nullable(),
  output_location: z.string().nullable(),
  submitted: isoTime.nullable(),
  completed: isoTime.nullable(),
  engine_execution_time_ms: z.number().nullable(),
  data_scanned_bytes: z.number().nullable(),
});
export const GetAthenaQueryOutput = z.object({
  query: AthenaQuerySchema.nullable(),
  /** Other recent executions in the workgroup, newest first (ids and states only). */
  recent: z.array(z.object({ query_id: z.string(), state: z.string(), submitted: isoTime.nullable() })),
});

export const RetryAthenaQueryInput = z.object({
  query_id: z.string().min(1).describe("The failed query to run again with the same SQL and context"),
  idempotency_key: idempotencyKey,
});
export const RetryAthenaQueryOutput = z.object({
  original_query_id: z.string(),
  query_id: z.string(),
});

// ---------- S3 ----------
export const VerifySourceDataInput = z.object({
  bucket: z.string().min(1),
  prefix: z.string().describe("Dataset prefix without the partition, e.g. raw/payments/"),
  partition_key: z.string().default("dt"),
  date: z.string().optional().describe("The expected date (YYYY-MM-DD); default: today (UTC)"),
  lookback_days: z.number().int().min(1).max(90).default(7),
  min_bytes: z.number().int().min(0).default(1),
});
export const PartitionStatusSchema = z.object({
  date: z.string(),
  objects: z.number().int(),
  bytes: z.number(),
  last_modified: isoTime.nullable(),
  /** A `_SUCCESS` marker is there: the writer finished the partition. */
  success_marker: z.boolean(),
});
export const VerifySourceDataOutput = z.object({
  bucket: z.string(),
  prefix: z.string(),
  /** The dates checked, oldest first: `date` and the `lookback_days - 1` days before it. */
  checked_dates: z.array(z.string()),
  partitions: z.array(PartitionStatusSchema),
  missing_dates: z.array(z.string()),
  /** Present but every object is smaller than min_bytes. */
  empty_dates: z.array(z.string()),
  last_available_date: z.string().nullable(),
});

export const GetS3LogsInput = z.object({
  bucket: z.string().min(1),
  prefix: z.string().default(""),
  max_keys: z.number().int().min(1).max(200).default(50),
  read_key: z
    .string()
    .optional()
    .describe("An object whose first lines to return (a log, a manifest, a _SUCCESS marker)"),
  read_lines: z.number().int().min(0).max(200).default(40),
});
export const GetS3LogsOutput = z.object({
  bucket: z.string(),
  prefix: z.string(),
  /** Newest first. */
  objects: z.array(z.object({ key: z.string(), size: z.number(), last_modified: isoTime.nullable() })),
  truncated: z.boolean(),
  read_key: z.string().nullable(),
  content_excerpt: z.array(z.string()),
});

// ---------- CloudWatch ----------
export const GetCloudwatchAlarmInput = z.object({
  alarm_name: z.string().optional(),
  alarm_name_prefix: z.string().optional(),
  history_limit: z.number().int().min(0).max(50).default(10),
});
export const GetCloudwatchAlarmOutput = z.object({
  alarms: z.array(
    z.object({
      name: z.string(),
      state: z.string(), // OK | ALARM | INSUFFICIENT_DATA
      reason: z.string().nullable(),
      updated: isoTime.nullable(),
      namespace: z.string().nullable(),
      metric: z.string().nullable(),
      dimensions: z.record(z.string(), z.string()),
      threshold: z.number().nullable(),
    }),
  ),
  /** Newest first, across the returned alarms. */
  history: z.array(z.object({ alarm_name: z.string(), timestamp: isoTime, type: z.string(), summary: z.string() })),
});

// ---------- EMR ----------
export const GetEmrLogsInput = z.object({
  cluster_id: z.string().min(1),
  step_id: z.string().optional(),
  max_steps: z.number().int().min(1).max(50).default(10),
});
export const EmrStepSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(), // PENDING | RUNNING | COMPLETED | CANCELLED | FAILED | INTERRUPTED
  failure_reason: z.string().nullable(),
  failure_message: z.string().nullable(),
  log_file: z.string().nullable(),
  started: isoTime.nullable(),
  ended: isoTime.nullable(),
});
export const GetEmrLogsOutput = z.object({
  cluster: z.object({
    id: z.string(),
    name: z.string(),
    state: z.string(), // STARTING | BOOTSTRAPPING | RUNNING | WAITING | TERMINATING | TERMINATED | TERMINATED_WITH_ERRORS
    state_change_code: z.string().nullable(),
    state_change_message: z.string().nullable(),
  }),
  /** Newest first. */
  steps: z.array(EmrStepSchema),
});

export const RetryEmrInput = z.object({
  cluster_id: z.string().min(1),
  step_id: z.string().min(1).describe("The failed step to add again with the same configuration"),
  idempotency_key: idempotencyKey,
});
export const RetryEmrOutput = z.object({
  cluster_id: z.string(),
  original_step_id: z.string(),
  step_id: z.string(),
  reused: z.boolean(),
});

// ---------- Kafka / MSK ----------
export const GetKafkaConsumerStatusInput = z.object({
  cluster_name: z.string().min(1),
  consumer_group: z.string().min(1),
  topic: z.string().optional(),
  period_minutes: z.number().int().min(5).max(1440).default(60),
  end_time: z
    .string()
    .optional()
    .describe("End of the window (ISO-8601); default: now. Investigations pass a time around the incident."),
  log_group: z.string().optional().describe("CloudWatch Logs group of the consumer application, for its errors"),
});
export const GetKafkaConsumerStatusOutput = z.object({
  cluster_name: z.string(),
  consumer_group: z.string(),
  topic: z.string().nullable(),
  /** MSK consumer-lag metrics (AWS/Kafka SumOffsetLag, EstimatedMaxTimeLag), oldest first. */
  offset_lag: z.array(z.object({ timestamp: isoTime, value: z.number() })),
  latest_offset_lag: z.number().nullable(),
  lag_trend: z.enum(["rising", "falling", "flat", "no_data"]),
  latest_time_lag_s: z.number().nullable(),
  error_excerpt: z.array(LogLineSchema),
});

/** Every tool's input and output schema, by name. */
export const TOOL_SCHEMAS = {
  get_glue_logs: { input: GetGlueLogsInput, output: GetGlueLogsOutput },
  retry_glue_job: { input: RetryGlueJobInput, output: RetryGlueJobOutput },
  get_mwaa_logs: { input: GetMwaaLogsInput, output: GetMwaaLogsOutput },
  retry_airflow_dag: { input: RetryAirflowDagInput, output: RetryAirflowDagOutput },
  get_athena_query: { input: GetAthenaQueryInput, output: GetAthenaQueryOutput },
  retry_athena_query: { input: RetryAthenaQueryInput, output: RetryAthenaQueryOutput },
  verify_source_data: { input: VerifySourceDataInput, output: VerifySourceDataOutput },
  get_s3_logs: { input: GetS3LogsInput, output: GetS3LogsOutput },
  get_cloudwatch_alarm: { input: GetCloudwatchAlarmInput, output: GetCloudwatchAlarmOutput },
  get_emr_logs: { input: GetEmrLogsInput, output: GetEmrLogsOutput },
  retry_emr: { input: RetryEmrInput, output: RetryEmrOutput },
  get_kafka_consumer_status: { input: GetKafkaConsumerStatusInput, output: GetKafkaConsumerStatusOutput },
} as const;

export type ToolOutput<N extends keyof typeof TOOL_SCHEMAS> = z.infer<(typeof TOOL_SCHEMAS)[N]["output"]>;
export type ToolInput<N extends keyof typeof TOOL_SCHEMAS> = z.input<(typeof TOOL_SCHEMAS)[N]["input"]>;
