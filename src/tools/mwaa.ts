/**
 * MWAA tools: the environment's health and, for a DAG, its recent runs, the failed run's task
 * instances and the failed task's log (through the Airflow REST API); and an idempotent DAG re-run.
 */
import { GetEnvironmentCommand } from "@aws-sdk/client-mwaa";
import type { z } from "zod";
import {
  AirflowApiError,
  airflowClientFor,
  type AirflowClient,
  type AirflowDagRun,
  type AirflowTaskInstance,
} from "./airflow-client.js";
import type { AwsClients } from "./aws-clients.js";
import { lastLines } from "./convert.js";
import type {
  DagRunSchema,
  GetMwaaLogsInput,
  GetMwaaLogsOutput,
  RetryAirflowDagInput,
  RetryAirflowDagOutput,
  TaskInstanceSchema,
} from "./schemas.js";

/** Our DAG runs are named after their idempotency key: Airflow itself refuses a second one (409). */
export const DAG_RUN_ID_PREFIX = "incident_orchestrator__";
export const AIRFLOW_IDEMPOTENCY_CONF_KEY = "incident_orchestrator_idempotency_key";

type MwaaLogs = z.infer<typeof GetMwaaLogsOutput>;

export async function getMwaaLogs(clients: AwsClients, input: z.infer<typeof GetMwaaLogsInput>): Promise<MwaaLogs> {
  const out = await clients.mwaa.send(new GetEnvironmentCommand({ Name: input.environment }));
  const env = out.Environment;
  const lastError = env?.LastUpdate?.Error;
  const environment = {
    name: env?.Name ?? input.environment,
    status: env?.Status ?? "UNKNOWN",
    last_update_status: env?.LastUpdate?.Status ?? null,
    last_update_error: lastError
      ? [lastError.ErrorCode, lastError.ErrorMessage].filter((part) => part !== undefined).join(": ") || null
      : null,
  };
  const empty = { dag: null, runs: [], tasks_run_id: null, tasks: [], log_task_id: null, log_excerpt: [] };
  if (!input.dag_id) return { environment, ...empty };
  return { environment, ...(await dagDetails(airflowClientFor(clients), input, input.dag_id)) };
}

async function dagDetails(
  airflow: AirflowClient,
  input: z.infer<typeof GetMwaaLogsInput>,
  dagId: string,
): Promise<Omit<MwaaLogs, "environment">> {
  const env = input.environment;
  const [dag, runs] = await Promise.all([airflow.getDag(env, dagId), airflow.listDagRuns(env, dagId, input.max_runs)]);
  const tasksRunId = input.dag_run_id ?? runs.find((run) => run.state === "failed")?.dag_run_id ?? null;
  const tasks = tasksRunId ? await airflow.listTaskInstances(env, dagId, tasksRunId) : [];
  const failed = firstFailedTask(tasks);
  let logExcerpt: string[] = [];
  if (tasksRunId && failed && input.log_lines > 0) {
    const log = await taskLogOrEmpty(airflow, env, dagId, tasksRunId, failed);
    logExcerpt = lastLines(log, input.log_lines);
  }
  return {
    dag: { dag_id: dag.dag_id, is_paused: dag.is_paused ?? false },
    runs: runs.map(toDagRun),
    tasks_run_id: tasksRunId,
    tasks: tasks.map(toTaskInstance),
    log_task_id: failed?.task_id ?? null,
    log_excerpt: logExcerpt,
  };
}

/** The failed task that failed first (tasks after it usually fail as upstream_failed). */
export function firstFailedTask(tasks: readonly AirflowTaskInstance[]): AirflowTaskInstance | undefined {
  const failed = tasks.filter((task) => task.state === "failed");
  const time = (task: AirflowTaskInstance): number =>
    task.end_date ? Date.parse(task.end_date) : Number.POSITIVE_INFINITY;
  return [...failed].sort((a, b) => time(a) - time(b))[0];
}

async function taskLogOrEmpty(
  airflow: AirflowClient,
  env: string,
  dagId: string,
  runId: string,
  task: AirflowTaskInstance,
): Promise<string> {
  try {
    return await airflow.getTaskLog(env, dagId, runId, task.task_id, Math.max(1, task.try_number ?? 1));
  } catch (error) {
    // A task that failed before it started writing has no log: that is an empty log, not an error.
    if (error instanceof AirflowApiError && error.status === 404) return "";
    throw error;
  }
}

export async function retryAirflowDag(
  clients: AwsClients,
  input: z.infer<typeof RetryAirflowDagInput>,
): Promise<z.infer<typeof RetryAirflowDagOutput>> {
  const airflow = airflowClientFor(clients);
  const dagRunId = `${DAG_RUN_ID_PREFIX}${input.idempotency_key}`;
  const result = await airflow.triggerDagRun(input.environment, input.dag_id, {
    dag_run_id: dagRunId,
    ...(input.logical_date ? { logical_date: input.logical_date } : {}),
    conf: { ...input.conf, [AIRFLOW_IDEMPOTENCY_CONF_KEY]: input.idempotency_key },
  });
  const reply = (run: AirflowDagRun, reused: boolean) => ({
    environment: input.environment,
    dag_id: input.dag_id,
    dag_run_id: run.dag_run_id,
    state: run.state ?? "queued",
    reused,
  });
  if (result.created) return reply(result.run, false);
  // 409: our run exists already, or another run holds the logical date (then report that conflict).
  try {
    return reply(await airflow.getDagRun(input.environment, input.dag_id, dagRunId), true);
  } catch (error) {
    if (error instanceof AirflowApiError && error.status === 404) throw result.conflict;
    throw error;
  }
}

function toDagRun(run: AirflowDagRun): z.infer<typeof DagRunSchema> {
  return {
    dag_run_id: run.dag_run_id,
    state: run.state ?? "unknown",
    logical_date: run.logical_date ?? run.execution_date ?? null,
    start_date: run.start_date ?? null,
    end_date: run.end_date ?? null,
  };
}

function toTaskInstance(task: AirflowTaskInstance): z.infer<typeof TaskInstanceSchema> {
  return {
    task_id: task.task_id,
    state: task.state ?? null,
    try_number: task.try_number ?? 0,
    max_tries: task.max_tries ?? 0,
    operator: task.operator ?? null,
    duration_s: task.duration ?? null,
  };
}
