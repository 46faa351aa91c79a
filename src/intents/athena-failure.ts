/**
 * athena_failure: an Athena query failed, timed out or was cancelled.
 */
import { FAIL, GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const athenaFailure = defineIntent({
  name: "athena_failure",
  meaning: "an Athena query failed, timed out or was cancelled",
  diagramLabel: "athena_failure",
  tools: ["get_athena_query", "verify_source_data", "retry_athena_query"],
  retryBudget: 2,
  primaryTools: ["get_athena_query"],
  resourceTypes: ["athena_query", "athena_workgroup"],
  signals: {
    text: [
      {
        id: "athena.named",
        label: "Athena named",
        pattern: rx(String.raw`\bathena\b`),
        weight: 1,
      },
      {
        id: "athena.failure",
        label: "Athena failure wording",
        pattern: rx(String.raw`\bathena\b${GAP}\b${FAIL}`),
        weight: 2.5,
      },
      {
        id: "athena.query-failure",
        label: "query failed / timed out / cancelled",
        pattern: rx(
          String.raw`\bquer(?:y|ies)\b${GAP}\b(?:fail(?:ed|s|ure)?|timed[ -]?out|time[ -]?out|timeout|cancel+ed|errored|state:? ?failed)`,
        ),
        weight: 1.5,
      },
      {
        id: "athena.error-code",
        label: "Athena error code",
        pattern: rx(
          String.raw`\b(?:hive_[a-z_]{3,60}|iceberg_[a-z_]{3,60}|syntax_error|table_not_found|column_not_found|schema_not_found|generic_internal_error|invalid_function_argument|invalid_cast_argument|type_mismatch|function_not_found|exceeded_time_limit)\b`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "athena.exhausted",
        label: "'Query exhausted resources'",
        pattern: rx(String.raw`\bquery exhausted resources\b`),
        weight: 3,
        decisive: true,
      },
      {
        id: "athena.timeout",
        label: "query timeout",
        pattern: rx(
          String.raw`\bquery (?:timeout|timed out)\b|\bexceeded (?:the )?maximum (?:query )?(?:execution )?time|\bquery execution time ?limit`,
        ),
        weight: 1.5,
      },
      {
        id: "athena.execution-id",
        label: "query execution id",
        pattern: rx(String.raw`\bquery_?execution_?id\b|\bquery execution id\b|\bstatechangereason\b`),
        weight: 1.5,
      },
      {
        id: "athena.workgroup",
        label: "workgroup named",
        pattern: rx(String.raw`\bwork ?group\b`),
        weight: 0.5,
      },
    ],
    entity: [
      {
        id: "entity.query-id",
        label: "Athena query id",
        entity: "athena_query_id",
        weight: 2,
      },
      {
        id: "entity.workgroup",
        label: "Athena workgroup",
        entity: "athena_workgroup",
        weight: 0.5,
      },
    ],
  },
});
