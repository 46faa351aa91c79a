/**
 * Per-intent playbooks: which read-only tools to call, with which arguments, and why. PURE — the
 * same ticket always gets the same plan (pass `now` to pin "today").
 *
 * The tools come from `config.intent_tools[intent]` (the seed's INTENT_TOOL_MAPPING); mutating tools
 * in that list are the intent's remediation and are never called here. A tool whose required
 * identifiers the ticket did not name is skipped, and the skip is reported with what was missing.
 *
 * The playbooks follow the seed's "Suggested Actions":
 * - dag_failure: the DAG's last runs, task states and the failed task's error log (get_mwaa_logs);
 *   the Glue job it drives when the ticket names one (get_glue_logs — otherwise the task log usually
 *   names it, and investigate() fetches it in a second round); the upstream files (verify_source_data).
 * - dag_alarm: the alarm, its state and history (get_cloudwatch_alarm); the DAG's last runs (get_mwaa_logs).
 * - mwaa_failure: the environment's health and last update (get_mwaa_logs, DAG optional); its alarms.
 * - glue_etl_failure: identify the failed run and pull its error log (get_glue_logs); verify its input.
 * - athena_failure: re-read the failed query — by id, else the latest in the workgroup (get_athena_query);
 *   validate the S3 partitions of the data it reads (verify_source_data).
 * - emr_failure: the cluster's state and its steps with failure details (get_emr_logs).
 * - kafka_events_failed: consumer-group lag trend and consumer errors (get_kafka_consumer_status); alarms.
 * - data_missing: the expected files for the date, and the last available date within a week
 *   (verify_source_data); what did arrive under the prefix (get_s3_logs); a data-arrival alarm.
 * - source_zero_data (historical gaps): every missing or empty day over 30 days (verify_source_data);
 *   what did arrive (get_s3_logs).
 * - data_not_available: the alarm on the DAG or dataset (get_cloudwatch_alarm); the data itself when its
 *   location is known (verify_source_data, get_s3_logs).
 * - batch_auto_recovery_failed: the alarm, the DAG and the Glue job that the recovery was for.
 * - access_denied, unknown: no tools; nothing to investigate automatically.
 */
import type { OrchestratorConfig } from "../config/schema.js";
import { playbookChooses } from "../intents/catalog.js";
import type { Entities } from "../state/classification.js";
import type { Incident } from "../state/incident.js";
import type { Intent } from "../state/intents.js";
import { isReadOnlyTool, type ReadOnlyToolName } from "../tools/catalog.js";
import { normaliseDay, todayUtc, utcDayOf, utcInstantOf } from "./dates.js";
import { datasetName, s3Uri, splitDatasetPrefix } from "./s3-paths.js";
import type { PlannedCall, SkippedCall } from "./types.js";

export interface PlanInput {
  intent: Intent;
  entities: Entities;
  incident: Incident;
  config: OrchestratorConfig;
  /** "Today" for tickets without any date; defaults to the current time. */
  now?: Date;
}

export interface InvestigationPlan {
  calls: PlannedCall[];
  skipped: SkippedCall[];
  reference_date: string;
}

/** Days verify_source_data looks back: a week finds the last available date; 30 finds historical gaps. */
export const LOOKBACK_DAYS = { default: 7, historical: 30 } as const;

interface BuildContext {
  intent: Intent;
  entities: Entities;
  reference_date: string;
  /** When the incident was opened (ISO), if the ticket says. */
  opened_at: string | null;
  now: Date;
}

/**
 * The window of time-series reads (Kafka lag, consumer errors): two hours ending an hour after the
 * ticket was opened, or now if that is earlier — the lag that led to the ticket and what followed.
 */
export const INCIDENT_WINDOW = { before_minutes: 60, after_minutes: 60 } as const;

function incidentWindow(context: BuildContext): { end_time?: string; period_minutes?: number } {
  if (!context.opened_at) return {};
  const end = Math.min(context.now.getTime(), Date.parse(context.opened_at) + INCIDENT_WINDOW.after_minutes * 60_000);
  return {
    end_time: new Date(end).toISOString(),
    period_minutes: INCIDENT_WINDOW.before_minutes + INCIDENT_WINDOW.after_minutes,
  };
}

type Built = { args: Record<string, unknown>; why: string } | { missing: string };

/** The reference day for partitions: the ticket's partition date, else the day it was opened, else today (UTC). */
export function referenceDate(entities: Entities, incident: Incident, now: Date = new Date()): string {
  return normaliseDay(entities.partition_date) ?? utcDayOf(incident.opened_at) ?? todayUtc(now);
}

function withoutUndefined(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
}

const BUILDERS: Record<ReadOnlyToolName, (context: BuildContext) => Built> = {
  get_mwaa_logs: ({ intent, entities: e }) => {
    if (!e.mwaa_environment) return { missing: "mwaa_environment" };
    const subject = e.dag_id ? `DAG ${e.dag_id}` : `environment ${e.mwaa_environment}`;
    const why = playbookChooses(intent, "environmentHealth")
      ? `Check the health and last update of MWAA environment ${e.mwaa_environment}`
      : `Get the last runs of ${subject}, its task states and the failed task's error log`;
    return {
      args: withoutUndefined({ environment: e.mwaa_environment, dag_id: e.dag_id, dag_run_id: e.dag_run_id }),
      why,
    };
  },
  get_glue_logs: ({ entities: e }) => {
    if (!e.glue_job_name) return { missing: "glue_job_name" };
    const run = e.glue_run_id ? ` run ${e.glue_run_id}` : "";
    return {
      args: withoutUndefined({ job_name: e.glue_job_name, run_id: e.glue_run_id }),
      why: `Identify the failed run of Glue job ${e.glue_job_name}${run} and pull its error log`,
    };
  },
  verify_source_data: ({ intent, entities: e, reference_date }) => {
    if (!e.s3_bucket || e.s3_prefix === undefined) return { missing: "s3_bucket and s3_prefix" };
    const location = splitDatasetPrefix(e.s3_prefix);
    const partitionKey = location.partition_key ?? e.s3_partition_key ?? "dt";
    // A prefix that already names the day (…/dt=2024-01-15/) wins over the incident's own date.
    const date = normaliseDay(e.partition_date) ?? location.date ?? reference_date;
    const historical = playbookChooses(intent, "historicalLookback");
    const lookback = historical ? LOOKBACK_DAYS.historical : LOOKBACK_DAYS.default;
    const where = s3Uri(e.s3_bucket, location.prefix, partitionKey, date);
    return {
      args: {
        bucket: e.s3_bucket,
        prefix: location.prefix,
        partition_key: partitionKey,
        date,
        lookback_days: lookback,
      },
      why: historical
        ? `Find every missing or empty day over the ${lookback} days up to ${where}`
        : `Validate the expected files at ${where} and find the last available date`,
    };
  },
  get_s3_logs: ({ entities: e }) => {
    if (!e.s3_bucket) return { missing: "s3_bucket" };
    const prefix = e.s3_prefix === undefined ? "" : splitDatasetPrefix(e.s3_prefix).prefix;
    return {
      args: { bucket: e.s3_bucket, prefix },
      why: `List what has arrived under ${s3Uri(e.s3_bucket, prefix)}`,
    };
  },
  get_cloudwatch_alarm: ({ intent, entities: e }) => {
    if (e.alarm_name) {
      return { args: { alarm_name: e.alarm_name }, why: `Read alarm ${e.alarm_name}: its state, reason and history` };
    }
    const prefix = playbookChooses(intent, "alarmByNamePrefix") ? (e.dag_id ?? datasetName(e.s3_prefix)) : null;
    if (!prefix) return { missing: "alarm_name" };
    return {
      args: { alarm_name_prefix: prefix },
      why: `Find the alarms named after ${prefix}: their state, reason and history`,
    };
  },
  get_athena_query: ({ entities: e }) => {
    const workgroup = e.athena_workgroup;
    return {
      // By id, with the workgroup's recent runs: the same query failing night after night is no fluke.
      args: withoutUndefined({ query_id: e.athena_query_id, workgroup, history: e.athena_query_id ? true : undefined }),
      why: e.athena_query_id
        ? `Re-read Athena query ${e.athena_query_id}: its state, error and SQL`
        : `Find the latest failed Athena query in workgroup ${workgroup ?? "primary"}`,
    };
  },
  get_emr_logs: ({ entities: e }) => {
    if (!e.emr_cluster_id) return { missing: "emr_cluster_id" };
    return {
      args: withoutUndefined({ cluster_id: e.emr_cluster_id, step_id: e.emr_step_id }),
      why: `Read EMR cluster ${e.emr_cluster_id}'s state and its steps' failure details`,
    };
  },
  get_kafka_consumer_status: (context) => {
    const e = context.entities;
    if (!e.kafka_cluster || !e.kafka_consumer_group) return { missing: "kafka_cluster and kafka_consumer_group" };
    return {
      args: withoutUndefined({
        cluster_name: e.kafka_cluster,
        consumer_group: e.kafka_consumer_group,
        topic: e.kafka_topic,
        log_group: e.log_group,
        ...incidentWindow(context),
      }),
      why: `Read consumer group ${e.kafka_consumer_group}'s lag trend and consumer errors`,
    };
  },
  // Name resolution calls it with the kind it needs; a ticket's entities never name a kind.
  list_resources: () => ({ missing: "resource kind (list_resources serves name resolution, not playbooks)" }),
};

/** The plan with its reasons: the calls, the tools skipped for missing identifiers, the reference day. */
export function planInvestigationWithReasons(input: PlanInput): InvestigationPlan {
  const reference_date = referenceDate(input.entities, input.incident, input.now);
  const context: BuildContext = {
    intent: input.intent,
    entities: input.entities,
    reference_date,
    opened_at: utcInstantOf(input.incident.opened_at),
    now: input.now ?? new Date(),
  };
  const calls: PlannedCall[] = [];
  const skipped: SkippedCall[] = [];
  const seen = new Set<ReadOnlyToolName>();
  for (const tool of input.config.intent_tools[input.intent]) {
    if (!isReadOnlyTool(tool) || seen.has(tool)) continue;
    seen.add(tool);
    const built = BUILDERS[tool](context);
    if ("missing" in built) skipped.push({ tool, missing: built.missing });
    else calls.push({ tool, args: built.args, why: built.why });
  }
  return { calls, skipped, reference_date };
}

export function planInvestigation(input: PlanInput): PlannedCall[] {
  return planInvestigationWithReasons(input).calls;
}
