/**
 * Airflow 2's stable REST API JSON: the DAG, DAGRun and TaskInstance shapes its marshmallow schemas
 * produce, and problem-JSON errors (RFC 7807, as Airflow sends them).
 */
import type { SandboxResponse } from "../types.js";
import { airflowTime, type DagRunView, type DagState, type TaskInstanceView } from "./airflow-dags.js";

const time = (date: Date | null): string | null => (date ? airflowTime(date) : null);

export function dagJson(dag: DagState, now: Date): Record<string, unknown> {
  return {
    dag_id: dag.dagId,
    dag_display_name: dag.dagId,
    root_dag_id: null,
    is_paused: dag.isPaused,
    is_active: true,
    is_subdag: false,
    last_parsed_time: airflowTime(now),
    last_pickled: null,
    last_expired: null,
    scheduler_lock: null,
    pickle_id: null,
    default_view: "grid",
    fileloc: `/usr/local/airflow/dags/${dag.dagId}.py`,
    file_token: Buffer.from(`/usr/local/airflow/dags/${dag.dagId}.py`).toString("base64url"),
    owners: ["airflow"],
    description: null,
    schedule_interval: null,
    timetable_description: null,
    tags: [],
    max_active_tasks: 16,
    max_active_runs: 16,
    has_task_concurrency_limits: false,
    has_import_errors: false,
    next_dagrun: null,
    next_dagrun_data_interval_start: null,
    next_dagrun_data_interval_end: null,
    next_dagrun_create_after: null,
  };
}

export function dagRunJson(run: DagRunView): Record<string, unknown> {
  const logicalDate = airflowTime(run.logical_date);
  return {
    dag_run_id: run.dag_run_id,
    dag_id: run.dag_id,
    logical_date: logicalDate,
    execution_date: logicalDate,
    start_date: time(run.start_date),
    end_date: time(run.end_date),
    data_interval_start: logicalDate,
    data_interval_end: logicalDate,
    last_scheduling_decision: time(run.end_date ?? run.start_date),
    run_type: run.run_type,
    state: run.state,
    external_trigger: run.external_trigger,
    conf: run.conf,
    note: null,
  };
}

export function taskInstanceJson(run: DagRunView, task: TaskInstanceView): Record<string, unknown> {
  const ran = task.start_date !== null;
  return {
    task_id: task.task_id,
    task_display_name: task.task_id,
    dag_id: run.dag_id,
    dag_run_id: run.dag_run_id,
    execution_date: airflowTime(run.logical_date),
    start_date: time(task.start_date),
    end_date: time(task.end_date),
    duration: task.duration,
    state: task.state,
    try_number: task.try_number,
    map_index: -1,
    max_tries: task.max_tries,
    hostname: ran ? "ip-10-0-12-34.ec2.internal" : "",
    unixname: "airflow",
    pool: "default_pool",
    pool_slots: 1,
    queue: "default",
    priority_weight: 1,
    operator: task.operator,
    queued_when: time(task.start_date),
    pid: null,
    executor_config: "{}",
    sla_miss: null,
    rendered_map_index: null,
    rendered_fields: {},
    trigger: null,
    triggerer_job: null,
    note: null,
  };
}

export type ProblemKind = "NotFound" | "Unauthenticated" | "AlreadyExists" | "BadRequest" | "Unknown";

export function jsonResponse(status: number, body: unknown): SandboxResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** Airflow's error body: `{detail, status, title, type}` as application/problem+json. */
export function problem(
  airflowVersion: string,
  status: number,
  title: string,
  detail: string,
  kind: ProblemKind,
): SandboxResponse {
  const type = `https://airflow.apache.org/docs/apache-airflow/${airflowVersion}/stable-rest-api-ref.html#section/Errors/${kind}`;
  return {
    status,
    headers: { "content-type": "application/problem+json" },
    body: JSON.stringify({ detail, status, title, type }),
  };
}
