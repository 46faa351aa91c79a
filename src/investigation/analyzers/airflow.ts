/**
 * get_mwaa_logs → analysis. First the environment: one that is not AVAILABLE, or whose last update
 * failed, explains everything on it (mwaa_failure evidence; nothing to re-run). Then the DAG: the
 * newest failed run is "the failure", a newer successful run means it recovered, and the failed
 * task's log says why (zombie / SIGTERM kills are transient; a Python error is not). The history
 * itself: run-history.ts.
 */
import type { z } from "zod";
import { GetMwaaLogsOutput, type DagRunSchema } from "../../tools/mwaa/get-mwaa-logs.js";
import { AIRFLOW_ACTIVE_STATES, AIRFLOW_FAILED_STATE, AIRFLOW_SUCCESS_STATE } from "../../tools/mwaa/run-states.js";
import { classifyFailureText } from "../cause-patterns.js";
import type { Analysis, Remediation } from "../types.js";
import { STRENGTH, analysis, clip, evidenceLine, labelled, parseOutput } from "./common.js";
import { analyzeRunHistory, type FailureReading } from "./run-history.js";

type DagRun = z.infer<typeof DagRunSchema>;
type MwaaOutput = z.infer<typeof GetMwaaLogsOutput>;

const TOOL = "get_mwaa_logs";
const FAILED_STATES: ReadonlySet<string> = new Set([AIRFLOW_FAILED_STATE]);

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

/**
 * The failed task's log, when the tool read the tasks of this run: a DAG run has no message of its
 * own, so a recognised log line is as conclusive here as a Glue run's error message.
 */
function readFailure(data: MwaaOutput, failed: DagRun): FailureReading {
  const ofFailedRun = data.tasks_run_id === failed.dag_run_id;
  const tasks = ofFailedRun ? data.tasks : [];
  const failedTask = data.log_task_id ?? tasks.find((task) => task.state === AIRFLOW_FAILED_STATE)?.task_id ?? null;
  const line = ofFailedRun ? evidenceLine(data.log_excerpt) : null;
  const classification = classifyFailureText(line);
  const strength =
    classification.kind !== "undetermined" ? STRENGTH.conclusive : line ? STRENGTH.unclassified : STRENGTH.bare;
  const where = failedTask ? `: task ${failedTask} failed` : "";
  return { detail: `${where}${line ? `: ${clip(line)}` : ""}`, classification, strength };
}

export function analyzeMwaaLogs(output: unknown): Analysis {
  const parsed = parseOutput(TOOL, GetMwaaLogsOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const data = parsed.data;
  const environment = data.environment;

  // An unhealthy environment explains every DAG on it, whatever their runs say.
  const unhealthy = unhealthyEnvironment(environment);
  if (unhealthy) return unhealthy;
  const dag = data.dag;
  if (!dag) {
    return analysis(TOOL, {
      summary: `MWAA environment ${environment.name} is AVAILABLE (last update ${environment.last_update_status ?? "unknown"})`,
      strength: STRENGTH.weak,
    });
  }

  return analyzeRunHistory({
    tool: TOOL,
    subject: `DAG ${dag.dag_id}`,
    runs: data.runs,
    id: (run) => run.dag_run_id,
    state: (run) => run.state,
    finishedAt: (run) => run.end_date ?? run.start_date ?? run.logical_date,
    failedStates: FAILED_STATES,
    succeededState: AIRFLOW_SUCCESS_STATE,
    activeStates: AIRFLOW_ACTIVE_STATES,
    retryOf: (failed) => retryOf(environment.name, dag.dag_id, failed),
    readFailure: (failed) => readFailure(data, failed),
    // A paused DAG would only queue the re-run.
    rerunBlockers: dag.is_paused ? ["the DAG is paused"] : [],
  });
}
