/**
 * Re-trigger an Airflow DAG on MWAA (retry_airflow_dag). A DAG run's `conf` may carry the keys the
 * orchestrator itself sets plus `remediation.allowed_arguments.dag_conf`; the run is named after its
 * idempotency key, so Airflow refuses a second one and the lookup finds it by name.
 */
import { bindTo } from "../subject/binding.js";
import { AIRFLOW_FAILED_STATE, AIRFLOW_SUCCESS_STATE } from "../tools/mwaa/run-states.js";
import { DAG_RUN_ID_PREFIX, RetryAirflowDagInput } from "../tools/mwaa/retry-airflow-dag.js";
import {
  defineRemediation,
  nonEmpty,
  findState,
  listNames,
  namedBy,
  records,
  str,
  type ArgumentCheck,
} from "./definition.js";

/** The `conf` keys the orchestrator sets when it re-triggers a DAG (src/investigation/analyzers/airflow.ts). */
export const ORCHESTRATOR_DAG_CONF_KEYS: readonly string[] = ["rerun_of", "rerun_logical_date"];

export const dagRerun = defineRemediation({
  tool: "retry_airflow_dag",
  resourceType: "dag",
  allowListKey: "dags",
  editSchema: RetryAirflowDagInput.omit({ idempotency_key: true }).strict(),
  namedResource: namedBy("dag_id", "dag"),
  bindSubject: (subject, args) => bindTo(subject, "dag", nonEmpty(args.dag_id)),
  argumentPolicy: {
    configKey: "dag_conf",
    check: (args, allowedKeys) => checkDagConf(args.conf, allowedKeys),
  },
  verification: {
    statusTool: "get_mwaa_logs",
    executionId: (started) => str(started.dag_run_id),
    statusArgs: (args, runId) => ({
      environment: args.environment,
      dag_id: args.dag_id,
      dag_run_id: runId,
      log_lines: 5,
    }),
    status: (output, runId) => findState(output.runs, "dag_run_id", runId),
    verdict: (status) =>
      status === AIRFLOW_SUCCESS_STATE ? "succeeded" : status === AIRFLOW_FAILED_STATE ? "failed" : null,
  },
  keyLookup: {
    tool: "get_mwaa_logs",
    args: (args) => ({ environment: args.environment, dag_id: args.dag_id, max_runs: 20, log_lines: 0 }),
    executionId: (output, key) =>
      str(records(output.runs).find((run) => run.dag_run_id === `${DAG_RUN_ID_PREFIX}${key}`)?.dag_run_id),
  },
});

function checkDagConf(value: unknown, allowedKeys: readonly string[]): ArgumentCheck {
  if (value === undefined) return { permitted: true };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { permitted: false, message: "A DAG run's conf must be an object." };
  }
  const refused = Object.keys(value).filter(
    (key) => !ORCHESTRATOR_DAG_CONF_KEYS.includes(key) && !allowedKeys.includes(key),
  );
  if (refused.length === 0) return { permitted: true };
  return {
    permitted: false,
    message:
      `DAG conf key(s) ${listNames(refused)} are neither set by the orchestrator ` +
      `(${ORCHESTRATOR_DAG_CONF_KEYS.join(", ")}) nor on remediation.allowed_arguments.dag_conf.`,
  };
}
