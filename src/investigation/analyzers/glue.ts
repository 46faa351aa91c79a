/**
 * get_glue_logs → analysis. The newest FAILED/TIMEOUT/ERROR run is "the failure"; a newer SUCCEEDED
 * run means the job has recovered. The cause comes from the run's error message, then its error log;
 * a TIMEOUT state is a timeout whatever the message says.
 */
import type { z } from "zod";
import { GetGlueLogsOutput, type GlueRunSchema } from "../../tools/glue/get-glue-logs.js";
import type { Analysis, Remediation } from "../types.js";
import {
  REPEATED_FAILURE_THRESHOLD,
  STRENGTH,
  analysis,
  clip,
  consecutiveFailures,
  explainFailure,
  failureStrength,
  labelled,
  noFailedRun,
  parseOutput,
  recoveredAfterFailure,
} from "./common.js";
import { GLUE_FAILED_STATES as FAILED_STATES } from "../../tools/glue/run-states.js";

type GlueRun = z.infer<typeof GlueRunSchema>;

const TOOL = "get_glue_logs";
const ACTIVE_STATES = new Set(["STARTING", "RUNNING", "STOPPING", "WAITING"]);

const isFailed = (run: GlueRun) => FAILED_STATES.has(run.state);
const finishedAt = (run: GlueRun) => run.completed_on ?? run.started_on;

function retryOf(jobName: string, run: GlueRun): Remediation {
  // Re-run with the failed run's own arguments (its --date etc.), so the re-run redoes the same work.
  const args: Record<string, unknown> = { job_name: jobName };
  if (Object.keys(run.arguments).length > 0) args.arguments = run.arguments;
  return { action: "retry_glue_job", args, resource: { type: "glue_job", id: jobName } };
}

export function analyzeGlueLogs(output: unknown): Analysis {
  const parsed = parseOutput(TOOL, GetGlueLogsOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const { job_name: job, runs, log_run_id, log_excerpt } = parsed.data;

  if (runs.length === 0) {
    return analysis(TOOL, { summary: `Glue job ${job} has no runs`, strength: STRENGTH.nothing });
  }
  const failedIndex = runs.findIndex(isFailed);
  const latest = runs[0] as GlueRun;
  if (failedIndex === -1) {
    return noFailedRun(TOOL, `Glue job ${job}`, runs.length, {
      id: latest.id,
      state: latest.state,
      succeeded: latest.state === "SUCCEEDED",
      finished_at: finishedAt(latest),
    });
  }

  const failed = runs[failedIndex] as GlueRun;
  const failedAt = finishedAt(failed);
  const candidate = retryOf(job, failed);
  const newer = runs.slice(0, failedIndex);
  const success = newer.find((run) => run.state === "SUCCEEDED");
  if (success) {
    const text = `Glue job ${job} run ${failed.id} ${failed.state} at ${failedAt} but a later run ${success.id} succeeded at ${finishedAt(success)}`;
    return recoveredAfterFailure(TOOL, text, {
      retry_candidate: candidate,
      failed_at: failedAt,
      succeeded_at: finishedAt(success),
    });
  }

  const logLines = log_run_id === failed.id ? log_excerpt.map((line) => line.message) : [];
  const explained = explainFailure(failed.error_message, logLines);
  let { kind, label } = explained.classification;
  let strength = failureStrength(explained);
  if (kind === "undetermined" && failed.state === "TIMEOUT") {
    kind = "transient";
    label = "timeout";
    strength = STRENGTH.strong;
  }
  const reason = explained.text ? clip(explained.text) : "no error message";
  const rootCause = `Glue job ${job} run ${failed.id} ${failed.state} at ${failedAt}: ${reason}`;

  const inProgress = newer.find((run) => ACTIVE_STATES.has(run.state));
  const streak = consecutiveFailures(runs, isFailed);
  const repeated = streak >= REPEATED_FAILURE_THRESHOLD;
  const notes = [
    inProgress ? `a newer run ${inProgress.id} is ${inProgress.state}` : null,
    repeated ? `failed ${streak} times in a row` : null,
  ].filter((note): note is string => note !== null);
  // A run in progress would collide with a re-run; a repeated failure needs a person, not another try.
  const safeToRerun = kind === "transient" && !inProgress && !repeated;

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
