/**
 * Airflow DAG-run and task-instance states (the Airflow REST API's `state`), named once for every
 * reader: the tool, the analyzer and the verification of a re-run.
 */
export const AIRFLOW_FAILED_STATE = "failed";
export const AIRFLOW_SUCCESS_STATE = "success";
/** A DAG run that has not finished yet. */
export const AIRFLOW_ACTIVE_STATES: ReadonlySet<string> = new Set(["queued", "running"]);
