/**
 * get_mwaa_logs: an Amazon MWAA environment's health and, for a DAG, its recent runs, the failed
 * run's task instances and the failed task's log (through the Airflow REST API).
 */
import { GetEnvironmentCommand } from "@aws-sdk/client-mwaa";
import { z } from "zod";
import type { AwsClients } from "../aws-clients.js";
import { lastLines } from "../convert.js";
import { defineTool } from "../definition.js";
import { isoTime } from "../schemas.js";
import {
  AirflowApiError,
  airflowClientFor,
  type AirflowClient,
  type AirflowDagRun,
  type AirflowTaskInstance,
} from "./airflow-client.js";
import { AIRFLOW_FAILED_STATE } from "./run-states.js";

export const GetMwaaLogsInput = z.object({
  environment: z.string().min(1),
  dag_id: z.string().optional().describe("Without it, only the environment's health is returned"),
  dag_run_id: z.string().optional(),
  max_runs: z.number().int().min(1).max(20).default(5),
  log_lines: z.number().int().min(0).max(200).default(40),
});
export const DagRunSchema = z.object({
  dag_run_id: z.string(),
  state: z.string(), // queued | running | success | failed
  logical_date: isoTime.nullable(),
  start_date: isoTime.nullable(),
  end_date: isoTime.nullable(),
});
export const TaskInstanceSchema = z.object({
  task_id: z.string(),
  state: z.string().nullable(), // success | failed | upstream_failed | up_for_retry | running | skipped | queued | null
  try_number: z.number().int(),
  max_tries: z.number().int(),
  operator: z.string().nullable(),
  duration_s: z.number().nullable(),
});
export const GetMwaaLogsOutput = z.object({
  environment: z.object({
    name: z.string(),
    status: z.string(), // AVAILABLE | UPDATE_FAILED | UNAVAILABLE | ...
    last_update_status: z.string().nullable(),
    last_update_error: z.string().nullable(),
  }),
  dag: z.object({ dag_id: z.string(), is_paused: z.boolean() }).nullable(),
  /** Newest first. */
  runs: z.array(DagRunSchema),
  /** Task instances of the requested run, or of the latest failed run. */
  tasks_run_id: z.string().nullable(),
  tasks: z.array(TaskInstanceSchema),
  /** Log of the first failed task of that run. */
  log_task_id: z.string().nullable(),
  log_excerpt: z.array(z.string()),
});

export const getMwaaLogsTool = defineTool({
  name: "get_mwaa_logs",
  title: "MWAA environment and Airflow DAG runs",
  description:
    "Read-only. An Amazon MWAA environment's health (status, last update and its error). With dag_id, also the " +
    "Airflow DAG (paused or not), its most recent runs newest first, the task instances of dag_run_id or of the " +
    "latest failed run, and the last lines of the log of that run's first failed task.",
  mutating: false,
  input: GetMwaaLogsInput,
  output: GetMwaaLogsOutput,
  run: getMwaaLogs,
});

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
  const tasksRunId = input.dag_run_id ?? runs.find((run) => run.state === AIRFLOW_FAILED_STATE)?.dag_run_id ?? null;
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
  const failed = tasks.filter((task) => task.state === AIRFLOW_FAILED_STATE);
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
