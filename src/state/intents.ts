import { z } from "zod";

/** The 13-intent taxonomy. Meanings live in docs/architecture.md. */
export const INTENTS = [
  "dag_failure",
  "dag_alarm",
  "mwaa_failure",
  "glue_etl_failure",
  "athena_failure",
  "emr_failure",
  "kafka_events_failed",
  "data_missing",
  "source_zero_data",
  "data_not_available",
  "batch_auto_recovery_failed",
  "access_denied",
  "unknown",
] as const;

export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

export const DECISIONS = ["auto_close", "auto_retry", "escalate", "human_review"] as const;
export const DecisionKindSchema = z.enum(DECISIONS);
export type DecisionKind = z.infer<typeof DecisionKindSchema>;
