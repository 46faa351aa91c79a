/**
 * What a pasted notification says, in one shape whatever its format. zod is the single source of the
 * type: every parser's result goes through `NotificationFactsSchema` (see ./facts.ts), so a
 * malformed or oversized value becomes "no facts" instead of reaching the classifier.
 */
import { z } from "zod";

export const NOTIFICATION_FORMATS = [
  "glue_job_notification",
  "eventbridge_glue_job_state_change",
  "cloudwatch_alarm_email",
  "cloudwatch_alarm_sns_json",
  "airflow_failure_email",
  "airflow_scheduler_banner",
  "eventbridge_athena_query_state_change",
  "eventbridge_emr_step_state_change",
  "eventbridge_emr_cluster_state_change",
] as const;
export const NotificationFormatSchema = z.enum(NOTIFICATION_FORMATS);
export type NotificationFormat = z.infer<typeof NotificationFormatSchema>;

export const NotificationServiceSchema = z.enum(["glue", "athena", "emr", "airflow", "mwaa", "cloudwatch"]);
export type NotificationService = z.infer<typeof NotificationServiceSchema>;

/**
 * `consumer_group`, `kafka_cluster` and `kafka_topic` come from MSK alarm dimensions; the entity
 * extractor has fields for all three, so they are kept apart rather than folded into one "kafka" type.
 */
export const ResourceTypeSchema = z.enum([
  "glue_job",
  "dag",
  "task",
  "athena_query",
  "athena_workgroup",
  "emr_cluster",
  "emr_step",
  "alarm",
  "mwaa_environment",
  "consumer_group",
  "kafka_cluster",
  "kafka_topic",
]);
export type ResourceType = z.infer<typeof ResourceTypeSchema>;

/** Names are capped: a notification names resources, it does not carry documents. */
export const ResourceRefSchema = z.strictObject({
  type: ResourceTypeSchema,
  name: z.string().trim().min(1).max(512),
});
export type ResourceRef = z.infer<typeof ResourceRefSchema>;

export const NotificationFactsSchema = z.strictObject({
  format: NotificationFormatSchema,
  service: NotificationServiceSchema,
  /** The resource the notification is about; null when it names none (the scheduler banner). */
  resource: ResourceRefSchema.nullable(),
  /** Other resources it names: the DAG in an alarm's dimensions, the MWAA env, the task, a step's cluster. */
  related: z.array(ResourceRefSchema).max(20),
  /** jr_…, an Athena QueryExecutionId, an EMR step id s-…, an Airflow run_id. */
  run_id: z.string().min(1).max(512).nullable(),
  /** The state as the notification spells it: FAILED, TIMEOUT, ALARM, failed, up_for_retry … */
  state: z.string().min(1).max(64).nullable(),
  /** ISO 8601 (UTC, `Date#toISOString`) when the notification gives an absolute time. */
  time: z.iso.datetime().nullable(),
  /** The error message the notification carries, verbatim (whitespace of wrapped lines aside). */
  error: z.string().min(1).max(8_000).nullable(),
});
export type NotificationFacts = z.infer<typeof NotificationFactsSchema>;

/** A parser: pure, total (never throws), null when the text holds no notification of its format. */
export interface NotificationParser {
  /** The formats this parser can return. */
  readonly formats: readonly NotificationFormat[];
  readonly parse: (text: string) => NotificationFacts | null;
}
