/**
 * glue_etl_failure: an AWS Glue job run failed, errored, timed out or could not start.
 */
import { FAIL, GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const glueEtlFailure = defineIntent({
  name: "glue_etl_failure",
  meaning: "an AWS Glue job run failed, errored, timed out or could not start",
  diagramLabel: "glue_job_failure",
  tools: ["get_glue_logs", "verify_source_data", "retry_glue_job"],
  retryBudget: 2,
  primaryTools: ["get_glue_logs"],
  resourceTypes: ["glue_job"],
  signals: {
    text: [
      {
        id: "glue.named",
        label: "Glue named",
        pattern: rx(String.raw`\bglue\b`),
        weight: 1,
      },
      {
        id: "glue.job",
        label: "Glue job named",
        pattern: rx(String.raw`\bglue[\s_-]+(?:etl[\s_-]+|spark[\s_-]+)?jobs?\b`),
        weight: 1,
      },
      {
        id: "glue.failure",
        label: "Glue failure wording",
        pattern: rx(String.raw`\bglue\b${GAP}\b${FAIL}`),
        weight: 2.5,
      },
      {
        id: "glue.failure-before",
        label: "failure of a Glue job",
        pattern: rx(String.raw`\b(?:failure|failed)\s+(?:of\s+)?(?:the\s+)?glue\b`),
        weight: 1.5,
      },
      {
        id: "glue.etl-failure",
        label: "ETL failure wording",
        pattern: rx(String.raw`\betl\b${GAP}\b${FAIL}`),
        weight: 1.5,
      },
      {
        id: "glue.job-has-failed",
        label: "'job … has failed' wording",
        pattern: rx(
          String.raw`(?<!\b(?:emr|spark|step|dag|kafka|airflow)\s{1,5})\bjob\s+[\w.-]{2,128}\s+(?:has\s+|have\s+|was\s+)?(?:failed|errored|timed out)`,
        ),
        weight: 1.5,
      },
      {
        id: "glue.run-state",
        label: "Glue job run state",
        pattern: rx(
          String.raw`\b(?:jobrunstate|job ?run ?state|job_run_state)\b\W{0,5}(?:failed|error|timeout|stopped)`,
        ),
        weight: 2,
      },
      {
        id: "glue.exception",
        label: "Glue-specific error",
        pattern: rx(
          String.raw`\b(?:glueexception|concurrentrunsexceededexception|resourcenumberlimitexceededexception|gluecontext|dynamicframe|aws-glue|glue_?version|jobrunid)\b`,
        ),
        weight: 1.5,
      },
      {
        id: "glue.capacity",
        label: "Glue capacity terms",
        pattern: rx(String.raw`\b(?:dpus?|g\.[12]x|worker ?type)\b`),
        weight: 0.5,
      },
    ],
    entity: [
      {
        id: "entity.glue-run-id",
        label: "Glue job run id",
        entity: "glue_run_id",
        weight: 2,
      },
      { id: "entity.glue-job", label: "Glue job name", entity: "glue_job_name", weight: 1 },
    ],
  },
});
