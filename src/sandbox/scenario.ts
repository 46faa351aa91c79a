/**
 * A scenario: the AWS world at incident time, and how it answers remediation.
 * The sandbox (src/sandbox) is seeded from one; docs/scenarios.md documents every field;
 * `npm run schemas` publishes the JSON Schema as schemas/scenario.schema.json.
 */
import { z } from "zod";
import { boundedInput, SCENARIO_LIMITS } from "../safety/bounds.js";
import { ServiceNowSeedSchema } from "./servicenow/seed.js";

const isoTime = z.iso.datetime({ offset: true });

/** What happens when the orchestrator re-runs something. */
export const RemediationOutcomeSchema = z.strictObject({
  result: z.enum(["SUCCEEDED", "FAILED", "RUNNING"]),
  /** Error message of the new run when it fails. */
  error_message: z.string().optional(),
  /** How many status reads see the run as running before it reaches `result` (0: terminal at once). */
  polls_to_complete: z.number().int().min(0).default(1),
});
export type RemediationOutcome = z.infer<typeof RemediationOutcomeSchema>;

/** One outcome for every re-run, or a sequence: the n-th re-run gets the n-th entry (the last repeats). */
const Outcomes = z.union([RemediationOutcomeSchema, z.array(RemediationOutcomeSchema).min(1)]);

const LogLine = z.union([z.string(), z.strictObject({ timestamp: isoTime, message: z.string() })]);

export const GlueRunSeedSchema = z.strictObject({
  id: z.string().regex(/^jr_[0-9a-zA-Z]+$/, "Glue run ids look like jr_<hex>"),
  state: z.enum([
    "STARTING",
    "RUNNING",
    "STOPPING",
    "STOPPED",
    "SUCCEEDED",
    "FAILED",
    "TIMEOUT",
    "ERROR",
    "WAITING",
    "EXPIRED",
  ]),
  started_on: isoTime,
  completed_on: isoTime.optional(),
  error_message: z.string().optional(),
  attempt: z.number().int().min(0).default(0),
  arguments: z.record(z.string(), z.string()).default({}),
  /** Lines of /aws-glue/jobs/error, stream = run id. Plain strings get timestamps after started_on. */
  error_log: z.array(LogLine).default([]),
});

export const GlueJobSeedSchema = z.strictObject({
  name: z.string().min(1),
  max_retries: z.number().int().min(0).default(0),
  timeout_min: z.number().int().min(1).default(2880),
  worker_type: z.string().default("G.1X"),
  number_of_workers: z.number().int().min(1).default(10),
  runs: z.array(GlueRunSeedSchema).default([]),
  on_rerun: Outcomes.default({ result: "SUCCEEDED", polls_to_complete: 1 }),
});

export const TaskInstanceSeedSchema = z.strictObject({
  task_id: z.string().min(1),
  state: z
    .enum(["success", "failed", "upstream_failed", "up_for_retry", "running", "queued", "skipped", "scheduled"])
    .nullable(),
  try_number: z.number().int().min(0).default(1),
  max_tries: z.number().int().min(0).default(1),
  operator: z.string().default("PythonOperator"),
  duration_s: z.number().min(0).optional(),
  log: z.array(z.string()).default([]),
});

export const DagRunSeedSchema = z.strictObject({
  dag_run_id: z.string().min(1),
  state: z.enum(["queued", "running", "success", "failed"]),
  logical_date: isoTime,
  start_date: isoTime.optional(),
  end_date: isoTime.optional(),
  tasks: z.array(TaskInstanceSeedSchema).default([]),
});

export const DagSeedSchema = z.strictObject({
  dag_id: z.string().min(1),
  is_paused: z.boolean().default(false),
  runs: z.array(DagRunSeedSchema).default([]),
  on_rerun: Outcomes.default({ result: "SUCCEEDED", polls_to_complete: 1 }),
});

export const MwaaEnvironmentSeedSchema = z.strictObject({
  name: z.string().min(1),
  status: z
    .enum([
      "CREATING",
      "CREATE_FAILED",
      "AVAILABLE",
      "UPDATING",
      "DELETING",
      "DELETED",
      "UNAVAILABLE",
      "UPDATE_FAILED",
      "ROLLING_BACK",
      "CREATING_SNAPSHOT",
      "PENDING",
      "MAINTENANCE",
    ])
    .default("AVAILABLE"),
  airflow_version: z.string().default("2.10.3"),
  last_update: z
    .strictObject({
      status: z.enum(["SUCCESS", "PENDING", "FAILED"]),
      created_at: isoTime.optional(),
      error_code: z.string().optional(),
      error_message: z.string().optional(),
    })
    .optional(),
  dags: z.array(DagSeedSchema).default([]),
});

export const AthenaExecutionSeedSchema = z.strictObject({
  id: z.string().min(1),
  query: z.string().min(1),
  state: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]),
  state_change_reason: z.string().optional(),
  /** 1 system, 2 user, 3 other (Athena's AthenaError.ErrorCategory). */
  error_category: z.number().int().min(1).max(3).optional(),
  error_type: z.number().int().optional(),
  database: z.string().default("default"),
  workgroup: z.string().default("primary"),
  output_location: z.string().optional(),
  submitted: isoTime,
  completed: isoTime.optional(),
  engine_execution_time_ms: z.number().int().min(0).optional(),
  data_scanned_bytes: z.number().int().min(0).optional(),
  on_rerun: Outcomes.default({ result: "SUCCEEDED", polls_to_complete: 1 }),
});

export const S3ObjectSeedSchema = z.strictObject({
  key: z.string().min(1),
  /** Size in bytes; defaults to the length of `content`, or 1024. */
  size: z.number().int().min(0).optional(),
  last_modified: isoTime,
  content: z.string().optional(),
});

export const S3BucketSeedSchema = z.strictObject({
  name: z.string().min(3),
  objects: z.array(S3ObjectSeedSchema).default([]),
});

export const AlarmSeedSchema = z.strictObject({
  name: z.string().min(1),
  state: z.enum(["OK", "ALARM", "INSUFFICIENT_DATA"]),
  reason: z.string().default(""),
  updated: isoTime,
  namespace: z.string().optional(),
  metric: z.string().optional(),
  dimensions: z.record(z.string(), z.string()).default({}),
  threshold: z.number().optional(),
  comparison: z.string().default("GreaterThanOrEqualToThreshold"),
  history: z
    .array(
      z.strictObject({
        timestamp: isoTime,
        type: z.enum(["StateUpdate", "ConfigurationUpdate", "Action"]).default("StateUpdate"),
        summary: z.string(),
      }),
    )
    .default([]),
});

export const MetricSeedSchema = z.strictObject({
  namespace: z.string().min(1),
  metric: z.string().min(1),
  dimensions: z.record(z.string(), z.string()).default({}),
  datapoints: z.array(z.strictObject({ timestamp: isoTime, value: z.number() })),
});

export const LogGroupSeedSchema = z.strictObject({
  name: z.string().min(1),
  streams: z.array(
    z.strictObject({
      name: z.string().min(1),
      events: z.array(z.strictObject({ timestamp: isoTime, message: z.string() })),
    }),
  ),
});

export const EmrStepSeedSchema = z.strictObject({
  id: z.string().regex(/^s-[0-9A-Z]+$/, "EMR step ids look like s-<ID>"),
  name: z.string().min(1),
  state: z.enum(["PENDING", "CANCEL_PENDING", "RUNNING", "COMPLETED", "CANCELLED", "FAILED", "INTERRUPTED"]),
  action_on_failure: z
    .enum(["TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE"])
    .default("CONTINUE"),
  jar: z.string().default("command-runner.jar"),
  args: z.array(z.string()).default([]),
  started: isoTime.optional(),
  ended: isoTime.optional(),
  failure_reason: z.string().optional(),
  failure_message: z.string().optional(),
  log_file: z.string().optional(),
});

export const EmrClusterSeedSchema = z.strictObject({
  id: z.string().regex(/^j-[0-9A-Z]+$/, "EMR cluster ids look like j-<ID>"),
  name: z.string().min(1),
  state: z.enum([
    "STARTING",
    "BOOTSTRAPPING",
    "RUNNING",
    "WAITING",
    "TERMINATING",
    "TERMINATED",
    "TERMINATED_WITH_ERRORS",
  ]),
  state_change_code: z.string().optional(),
  state_change_message: z.string().optional(),
  release_label: z.string().default("emr-7.2.0"),
  steps: z.array(EmrStepSeedSchema).default([]),
  on_rerun: Outcomes.default({ result: "SUCCEEDED", polls_to_complete: 1 }),
});

/**
 * An MSK consumer group's lag. The sandbox serves it as the CloudWatch metrics MSK publishes
 * (namespace AWS/Kafka, dimensions "Cluster Name", "Consumer Group", "Topic").
 */
export const KafkaConsumerSeedSchema = z.strictObject({
  cluster_name: z.string().min(1),
  consumer_group: z.string().min(1),
  topic: z.string().min(1),
  /** SumOffsetLag datapoints, one a minute, oldest first, ending at `now`. */
  offset_lag: z.array(z.number().min(0)).min(1),
  /** EstimatedMaxTimeLag (seconds), same spacing; optional. */
  time_lag_s: z.array(z.number().min(0)).optional(),
});

export const SERVICES = ["glue", "athena", "logs", "cloudwatch", "emr", "s3", "mwaa", "airflow"] as const;

export const FaultSchema = z.strictObject({
  service: z.enum(SERVICES),
  /** The API operation (GetJobRuns, ListObjectsV2, GET /api/v1/dags/{dag_id}/dagRuns ...); omitted: every operation. */
  operation: z.string().optional(),
  kind: z.enum(["throttle", "server_error", "latency"]),
  /** For latency: added delay per call. */
  latency_ms: z.number().int().min(0).max(60_000).default(0),
  /** Apply to the first N matching calls only; omitted: to every call. */
  times: z.number().int().min(1).optional(),
  /** Apply with this probability (seeded by `seed`); default 1. */
  probability: z.number().min(0).max(1).default(1),
});
export type Fault = z.infer<typeof FaultSchema>;

const ScenarioFieldsSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  /** The moment of the incident; the sandbox's clock for relative data (lag series). Default: now. */
  now: isoTime.optional(),
  region: z.string().default("us-east-1"),
  account_id: z
    .string()
    .regex(/^\d{12}$/)
    .default("123456789012"),
  /** Seed for anything random (fault probabilities, generated ids). */
  seed: z.number().int().default(1),
  glue: z.strictObject({ jobs: z.array(GlueJobSeedSchema).default([]) }).default({ jobs: [] }),
  mwaa: z.strictObject({ environments: z.array(MwaaEnvironmentSeedSchema).default([]) }).default({ environments: [] }),
  athena: z.strictObject({ executions: z.array(AthenaExecutionSeedSchema).default([]) }).default({ executions: [] }),
  s3: z.strictObject({ buckets: z.array(S3BucketSeedSchema).default([]) }).default({ buckets: [] }),
  cloudwatch: z
    .strictObject({ alarms: z.array(AlarmSeedSchema).default([]), metrics: z.array(MetricSeedSchema).default([]) })
    .default({ alarms: [], metrics: [] }),
  logs: z.strictObject({ groups: z.array(LogGroupSeedSchema).default([]) }).default({ groups: [] }),
  emr: z.strictObject({ clusters: z.array(EmrClusterSeedSchema).default([]) }).default({ clusters: [] }),
  kafka: z.strictObject({ consumers: z.array(KafkaConsumerSeedSchema).default([]) }).default({ consumers: [] }),
  faults: z.array(FaultSchema).default([]),
  /**
   * The ServiceNow instance the incidents live on. Optional and without a default: only a scenario
   * that has it gets the ServiceNow emulator (src/sandbox/servicenow), on a port of its own.
   */
  servicenow: ServiceNowSeedSchema.optional(),
});

/**
 * Checked against the scenario limits of src/safety/bounds.ts (larger than an incident's: a world
 * has many log lines) before zod parses it.
 */
export const ScenarioSchema = boundedInput(ScenarioFieldsSchema, SCENARIO_LIMITS);
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
