/**
 * get_glue_logs → analysis. The newest FAILED/TIMEOUT/ERROR run is "the failure"; a newer SUCCEEDED
 * run means the job has recovered. The cause comes from the run's error message, then its error log;
 * a TIMEOUT state is a timeout whatever the message says. The history itself: run-history.ts.
 */
import type { z } from "zod";
import { GetGlueLogsOutput, type GlueRunSchema } from "../../tools/glue/get-glue-logs.js";
import { GLUE_FAILED_STATES, GLUE_SUCCEEDED_STATE } from "../../tools/glue/run-states.js";
import type { Analysis, Remediation } from "../types.js";
import { STRENGTH, clip, explainFailure, failureStrength, parseOutput } from "./common.js";
import { analyzeRunHistory, type FailureReading } from "./run-history.js";

type GlueRun = z.infer<typeof GlueRunSchema>;
type GlueOutput = z.infer<typeof GetGlueLogsOutput>;

const TOOL = "get_glue_logs";
const ACTIVE_STATES: ReadonlySet<string> = new Set(["STARTING", "RUNNING", "STOPPING", "WAITING"]);

function retryOf(jobName: string, run: GlueRun): Remediation {
  // Re-run with the failed run's own arguments (its --date etc.), so the re-run redoes the same work.
  const args: Record<string, unknown> = { job_name: jobName };
  if (Object.keys(run.arguments).length > 0) args.arguments = run.arguments;
  return { action: "retry_glue_job", args, resource: { type: "glue_job", id: jobName } };
}

/** The run's error message, then its error log (only when the log is this run's). */
function readFailure(data: GlueOutput, failed: GlueRun): FailureReading {
  const logLines = data.log_run_id === failed.id ? data.log_excerpt.map((line) => line.message) : [];
  const explained = explainFailure(failed.error_message, logLines);
  const detail = `: ${explained.text ? clip(explained.text) : "no error message"}`;
  // Glue ends a run that ran past its timeout as TIMEOUT, often with no message to classify.
  if (explained.classification.kind === "undetermined" && failed.state === "TIMEOUT") {
    return { detail, classification: { kind: "transient", label: "timeout" }, strength: STRENGTH.strong };
  }
  return { detail, classification: explained.classification, strength: failureStrength(explained) };
}

export function analyzeGlueLogs(output: unknown): Analysis {
  const parsed = parseOutput(TOOL, GetGlueLogsOutput, output);
  if (!parsed.ok) return parsed.analysis;
  const data = parsed.data;

  return analyzeRunHistory({
    tool: TOOL,
    subject: `Glue job ${data.job_name}`,
    runs: data.runs,
    id: (run) => run.id,
    state: (run) => run.state,
    finishedAt: (run) => run.completed_on ?? run.started_on,
    failedStates: GLUE_FAILED_STATES,
    succeededState: GLUE_SUCCEEDED_STATE,
    activeStates: ACTIVE_STATES,
    retryOf: (failed) => retryOf(data.job_name, failed),
    readFailure: (failed) => readFailure(data, failed),
  });
}
