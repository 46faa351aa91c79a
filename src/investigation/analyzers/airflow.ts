/**
 * get_mwaa_logs → analysis. First the environment: one that is not AVAILABLE, or whose last update
 * failed, explains everything on it (mwaa_failure evidence; nothing to re-run). Then the DAG: the
 * newest failed run is "the failure", a newer successful run means it recovered, and the failed
 * task's log says why (zombie / SIGTERM kills are transient; a Python error is not).
 */
import type { z } from "zod";
import { GetMwaaLogsOutput, type DagRunSchema } from "../../tools/mwaa/get-mwaa-logs.js";
import { classifyFailureText } from "../cause-patterns.js";
import type { Analysis, Remediation } from "../types.js";
import {
  REPEATED_FAILURE_THRESHOLD,
  STRENGTH,
  analysis,
  clip,
  consecutiveFailures,
  evidenceLine,
  labelled,
  noFailedRun,
  parseOutput,
  recoveredAfterFailure,
} from "./common.js";
import { AIRFLOW_FAILED_STATE } from "../../tools/mwaa/run-states.js";

type DagRun = z.infer<typeof DagRunSchema>;
type MwaaOutput = z.infer<typeof GetMwaaLogsOutput>;

const TOOL = "get_mwaa_logs";
const ACTIVE_STATES = new Set(["queued", "running"]);
const isFailed = (run: DagRun) => run.state === AIRFLOW_FAILED_STATE;
const finishedAt = (run: DagRun) => run.end_date ?? run.start_date ?? run.logical_date;

function unhealthyEnvironment(environment: MwaaOutput["environment"]): Analysis | null {
  const updateFailed = environment.last_update_status === "FAILED";
  if (environment.status === "AVAILABLE" && !updateFailed) return null;
  const update = updateFailed
    ? `; last update FAILED${environment.last_update_error ? `: ${clip(environment.last_update_error)}` : ""}`
    : "";
  const text = `MWAA environment ${environment.name} is ${environment.status}${update}`;
  return analysis(TOOL, {
    summary: labelled(text, "environment unhealthy"),
    root_cause: text,
    cause_kind: "non_transient",
    cause_label: "environment unhealthy",
    strength: STRENGTH.strong,
  });
}

/**
 * A re-trigger is a new DAG run: Airflow refuses a second run for an existing logical date (409),
 * so the failed run's id and logical date travel in `conf` for DAGs that read them.
 */
function retryOf(environment: string, dagId: string, run: DagRun): Remediation {
  const conf: Record<string, unknown> = { rerun_of: run.dag_run_id };
  if (run.logical_date) conf.rerun_logical_date = run.logical_date;
  return {
    action: "retry_airflow_dag",
    args: { environment, dag_id: dagId, conf },
    resource: { type: "dag", id: dagId },
  };
}

export function analyzeMwaaLogs(output: unknown): Analysis {
  const parsed = parseOutput(TOOL, GetMwaaLogsOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const data = parsed.data;
  const environment = data.environment;

  const unhealthy = unhealthyEnvironment(environment);
  if (unhealthy) return unhealthy;
  if (!data.dag) {
    return analysis(TOOL, {
      summary: `MWAA environment ${environment.name} is AVAILABLE (last update ${environment.last_update_status ?? "unknown"})`,
      strength: STRENGTH.weak,
    });
  }

  const dagId = data.dag.dag_id;
  const runs = data.runs;
  if (runs.length === 0) {
    return analysis(TOOL, { summary: `DAG ${dagId} has no runs`, strength: STRENGTH.nothing });
  }
  const latest = runs[0] as DagRun;
  const failedIndex = runs.findIndex(isFailed);
  if (failedIndex === -1) {
    return noFailedRun(TOOL, `DAG ${dagId}`, runs.length, {
      id: latest.dag_run_id,
      state: latest.state,
      succeeded: latest.state === "success",
      finished_at: finishedAt(latest),
    });
  }

  const failed = runs[failedIndex] as DagRun;
  const failedAt = finishedAt(failed);
  const candidate = retryOf(environment.name, dagId, failed);
  const newer = runs.slice(0, failedIndex);
  const success = newer.find((run) => run.state === "success");
  if (success) {
    const text = `DAG ${dagId} run ${failed.dag_run_id} failed at ${failedAt} but a later run ${success.dag_run_id} succeeded at ${finishedAt(success)}`;
    return recoveredAfterFailure(TOOL, text, {
      retry_candidate: candidate,
      failed_at: failedAt,
      succeeded_at: finishedAt(success),
    });
  }

  const tasksOfFailedRun = data.tasks_run_id === failed.dag_run_id ? data.tasks : [];
  const failedTask =
    data.log_task_id ?? tasksOfFailedRun.find((task) => task.state === AIRFLOW_FAILED_STATE)?.task_id ?? null;
  const line = data.tasks_run_id === failed.dag_run_id ? evidenceLine(data.log_excerpt) : null;
  const { kind, label } = classifyFailureText(line);
  const strength = kind !== "undetermined" ? STRENGTH.conclusive : line ? STRENGTH.unclassified : STRENGTH.bare;
  const where = failedTask ? `: task ${failedTask} failed` : "";
  const rootCause = `DAG ${dagId} run ${failed.dag_run_id} failed at ${failedAt}${where}${line ? `: ${clip(line)}` : ""}`;

  const inProgress = newer.find((run) => ACTIVE_STATES.has(run.state));
  const streak = consecutiveFailures(runs, isFailed);
  const repeated = streak >= REPEATED_FAILURE_THRESHOLD;
  const notes = [
    inProgress ? `a newer run ${inProgress.dag_run_id} is ${inProgress.state}` : null,
    repeated ? `failed ${streak} times in a row` : null,
    data.dag.is_paused ? "the DAG is paused" : null,
  ].filter((note): note is string => note !== null);
  // A paused DAG would only queue the re-run; a run in progress or a repeated failure needs a person.
  const safeToRerun = kind === "transient" && !inProgress && !repeated && !data.dag.is_paused;

  return analysis(TOOL, {
    summary: labelled(`${rootCause}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`, label),
    root_cause: rootCause,
    cause_kind: kind,
    cause_label: kind === "undetermined" ? null : label,
    strength: inProgress ? Math.min(strength, STRENGTH.context) : strength,
    remediation: safeToRerun ? candidate : null,
    retry_candidate: candidate,
    failed_at: failedAt,
  });
}
