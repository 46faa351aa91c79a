/**
 * dag_failure: an Airflow DAG run on MWAA, or one of its tasks, failed, timed out or is stuck.
 */
import { FAIL, GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const dagFailure = defineIntent({
  name: "dag_failure",
  meaning: "an Airflow DAG run on MWAA, or one of its tasks, failed, timed out or is stuck",
  diagramLabel: "mwaa_dag_failure",
  tools: ["get_mwaa_logs", "get_glue_logs", "verify_source_data", "retry_airflow_dag"],
  retryBudget: 3,
  primaryTools: ["get_mwaa_logs"],
  followUpTools: ["get_glue_logs", "verify_source_data"],
  resourceTypes: ["dag"],
  signals: {
    text: [
      { id: "dag.named", label: "DAG named", pattern: rx(String.raw`\bdags?\b`), weight: 1 },
      {
        id: "dag.airflow",
        label: "Airflow named",
        pattern: rx(String.raw`\bairflow\b`),
        weight: 0.75,
      },
      {
        id: "dag.failure",
        label: "DAG failure wording",
        pattern: rx(String.raw`\bdag\b${GAP}\b${FAIL}`),
        weight: 2.5,
      },
      {
        id: "dag.task-failure",
        label: "task failure wording",
        pattern: rx(
          String.raw`\btasks?\b${GAP}\b(?:failed|fails|failure|timed[ -]?out|upstream_failed|stuck|zombie|killed)`,
        ),
        weight: 1.5,
      },
      {
        id: "dag.airflow-alert",
        label: "Airflow failure alert",
        pattern: rx(String.raw`\bairflow (?:alert|failure|task failed|error|exception)\b`),
        weight: 2,
      },
      {
        // "Airflow: supplier_catalog_ingest failed at load_supplier_catalog" — a failure alert's subject.
        id: "dag.airflow-subject",
        label: "Airflow failure subject",
        pattern: rx(String.raw`\bairflow\s*:\s*[\w.-]{1,250}\s+(?:failed|failing|timed[ -]?out|errored)\b`),
        weight: 2.5,
      },
      {
        // An Airflow exception or kill message names a task's failure whatever the rest says.
        id: "dag.airflow-exception",
        label: "Airflow task error",
        pattern: rx(
          String.raw`\b(?:airflowtasktimeout|airflowsensortimeout|airflowexception|negsignal\.sig\w+|was the task killed externally|detected zombie job)\b`,
        ),
        weight: 2,
      },
      {
        id: "dag.airflow-states",
        label: "Airflow task states",
        pattern: rx(
          String.raw`\b(?:upstream_failed|up_for_retry|task ?instance|zombie|marked as failed|on_failure_callback|sla miss(?:ed)?|dag ?run)\b`,
        ),
        weight: 1.5,
      },
      {
        id: "dag.stuck",
        label: "run stuck or late",
        pattern: rx(String.raw`\b(?:stuck|hung|hanging|not progressing|still running|running for|running since)\b`),
        weight: 0.75,
      },
    ],
    entity: [
      { id: "entity.dag-id", label: "DAG id", entity: "dag_id", weight: 2 },
      { id: "entity.task-id", label: "task id", entity: "task_id", weight: 1 },
      { id: "entity.dag-run-id", label: "DAG run id", entity: "dag_run_id", weight: 1.5 },
    ],
  },
});
