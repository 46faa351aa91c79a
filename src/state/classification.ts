import { z } from "zod";
import { IntentSchema } from "./intents.js";

/** Identifiers the tools need, pulled out of the ticket text by the classifier. */
export const EntitiesSchema = z.object({
  glue_job_name: z.string().optional(),
  glue_run_id: z.string().optional(),
  dag_id: z.string().optional(),
  task_id: z.string().optional(),
  dag_run_id: z.string().optional(),
  mwaa_environment: z.string().optional(),
  athena_query_id: z.string().optional(),
  athena_error_code: z.string().optional(),
  athena_workgroup: z.string().optional(),
  s3_bucket: z.string().optional(),
  s3_prefix: z.string().optional(),
  partition_date: z.string().optional(),
  /** The partition key of the named S3 location when it is not `dt` (ds, date, load_date …). */
  s3_partition_key: z.string().optional(),
  emr_cluster_id: z.string().optional(),
  emr_step_id: z.string().optional(),
  alarm_name: z.string().optional(),
  kafka_cluster: z.string().optional(),
  kafka_topic: z.string().optional(),
  kafka_consumer_group: z.string().optional(),
  log_group: z.string().optional(),
});
export type Entities = z.infer<typeof EntitiesSchema>;

export const ClassificationSchema = z.object({
  intent: IntentSchema,
  confidence: z.number().min(0).max(1),
  reasoning: z.string(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

/** What a classifier returns: the public classification plus the entities. */
export const ClassifierOutputSchema = ClassificationSchema.extend({
  entities: EntitiesSchema,
});
export type ClassifierOutput = z.infer<typeof ClassifierOutputSchema>;
